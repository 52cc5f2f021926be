"""The forgot-password form is rate-limited; a reset lets a throttled user in at once."""

from __future__ import annotations

import pytest

from tests.conftest import link_in, mails_to, path_of


@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": True, "RESET_LIMIT_PER_ACCOUNT": "2 per hour",
            "RESET_LIMIT_PER_ADDRESS": "4 per hour", "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes"}


def ask(client, email):
    return client.post("/password/forgot", data={"email": email})


def test_one_address_gets_few_mails(app, client, member):
    assert [ask(client, member.email).status_code for _ in range(3)] == [302, 302, 429]
    assert len(mails_to(app, member.email)) == 2


def test_unknown_address_is_limited_the_same_way(client):
    assert [ask(client, "nobody@example.com").status_code for _ in range(3)] == [302, 302, 429]


def test_one_client_is_limited_across_addresses(client):
    codes = [ask(client, f"guess{n}@example.com").status_code for n in range(5)]
    assert codes == [302, 302, 302, 302, 429]


def test_reset_lets_a_throttled_user_sign_in(app, client, make_client, member):
    for _ in range(3):
        client.post("/login", data={"email": member.email, "password": "wrong password"})
    new = "after the reset 2026"
    browser = make_client()
    assert browser.post("/login", data={"email": member.email, "password": "x"}
                        ).status_code == 429
    ask(browser, member.email)
    path = path_of(link_in(mails_to(app, member.email)[-1]))
    assert browser.post(path, data={"password": new, "confirm": new}).status_code == 302
    assert browser.post("/login", data={"email": member.email, "password": new}
                        ).status_code == 302
