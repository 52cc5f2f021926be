"""Repeated failed log-ins are throttled per account and per address."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes",
            "LOGIN_LIMIT_PER_ADDRESS": "6 per 10 minutes"}


def fail(client, email):
    return client.post("/login", data={"email": email, "password": "wrong password"})


def test_account_is_throttled_after_repeated_failures(client, member):
    for _ in range(3):
        assert fail(client, member.email).status_code == 200
    blocked = client.post("/login", data={"email": member.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert "too many attempts" in blocked.get_data(as_text=True)


def test_other_accounts_still_sign_in_from_the_same_address(client, make_user):
    target, other = make_user(), make_user()
    for _ in range(3):
        fail(client, target.email)
    ok = client.post("/login", data={"email": other.email, "password": PASSWORD})
    assert ok.status_code == 302


def test_address_is_throttled_across_accounts(client):
    for n in range(6):
        assert fail(client, f"guess{n}@example.com").status_code == 200
    assert fail(client, "another@example.com").status_code == 429


def test_successful_logins_do_not_count(client, make_client, member):
    for _ in range(5):
        browser = make_client()
        ok = browser.post("/login", data={"email": member.email, "password": PASSWORD})
        assert ok.status_code == 302


def test_the_throttled_page_offers_the_password_reset(client, member):
    for _ in range(3):
        fail(client, member.email)
    page = client.post("/login", data={"email": member.email,
                                       "password": "wrong"}).get_data(as_text=True)
    assert 'id="forgot-password-offer"' in page
    assert 'href="/password/forgot"' in page

