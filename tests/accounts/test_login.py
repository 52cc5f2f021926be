"""Signing in and out."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from tests.conftest import PASSWORD


def test_member_signs_in_and_lands_on_dashboard(client, login, member):
    response = login(member)
    assert response.status_code == 302
    assert response.headers["Location"] == "/members/"
    page = client.get("/members/").get_data(as_text=True)
    assert "Hello, Member One" in page
    assert "Test Enterprise" in page


def test_staff_signs_in_and_lands_on_staff_dashboard(client, login, make_user, make_department):
    dept = make_department(name_zh="法律服务部", name_en="Legal Services Department")
    agent = make_user(kind="staff", roles=("agent",), department=dept, name="Agent Wang")
    assert login(agent).headers["Location"] == "/staff/"
    page = client.get("/staff/").get_data(as_text=True)
    assert "Hello, Agent Wang" in page
    assert "Legal Services Department" in page


def test_unknown_email_and_wrong_password_get_the_same_answer(client, member):
    wrong = client.post("/login", data={"email": member.email, "password": "not the password"})
    unknown = client.post("/login", data={"email": "nobody@example.com", "password": "whatever1"})
    assert wrong.status_code == unknown.status_code == 200
    message = "The e-mail address or password is not correct."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)


def test_unknown_email_takes_as_long_as_wrong_password(client, member):
    def timed(email):
        start = time.perf_counter()
        client.post("/login", data={"email": email, "password": "not the password"})
        return time.perf_counter() - start

    timed(member.email)  # warm up
    wrong = min(timed(member.email) for _ in range(3))
    unknown = min(timed("nobody@example.com") for _ in range(3))
    # Both check a scrypt hash; without the dummy check the unknown address answers ~50x faster.
    assert unknown > wrong * 0.5


def test_email_is_normalised_at_login(client, make_user):
    user = make_user(email="Mixed.Case@Example.COM")
    assert user.email == "mixed.case@example.com"
    response = client.post("/login", data={"email": "  MIXED.case@example.com ",
                                           "password": PASSWORD})
    assert response.status_code == 302


def test_suspended_enterprise_is_refused_with_reason(client, login, make_user, make_enterprise):
    user = make_user(enterprise=make_enterprise(status="suspended"))
    response = login(user)
    assert response.status_code == 200
    assert "membership is suspended" in response.get_data(as_text=True)
    assert client.get("/members/").status_code == 302


def test_inactive_user_is_refused_with_reason(client, login, make_user):
    user = make_user(active=False)
    response = login(user)
    assert "This account has been deactivated" in response.get_data(as_text=True)


@pytest.mark.parametrize("change", ["suspend", "deactivate"])
def test_signed_in_user_is_thrown_out_on_next_request(app, client, login, member, change):
    login(member)
    assert client.get("/members/").status_code == 200
    with app.app_context():
        user = db.session.get(User, member.id)
        if change == "suspend":
            user.enterprise.status = "suspended"
        else:
            user.active = False
        db.session.commit()
    response = client.get("/members/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert ("membership is suspended" in page) or ("deactivated" in page)


def test_logout_requires_post(client, login, member):
    login(member)
    assert client.get("/logout").status_code == 405
    assert client.get("/members/").status_code == 200


def test_copied_session_cookie_stops_working_after_logout(app, make_client, login, member):
    browser = make_client()
    login(member, client=browser)
    thief = make_client()
    thief.set_cookie("session", browser.get_cookie("session").value)
    assert thief.get("/members/").status_code == 200
    browser.post("/logout")
    assert thief.get("/members/").status_code == 302


def test_copied_remember_cookie_stops_working_after_logout(make_client, login, member):
    browser = make_client()
    login(member, client=browser, remember=True)
    remember = browser.get_cookie("remember_token")
    assert remember is not None
    thief = make_client()
    thief.set_cookie("remember_token", remember.value)
    assert thief.get("/members/").status_code == 200  # the cookie alone signs in
    browser.post("/logout")
    fresh_thief = make_client()
    fresh_thief.set_cookie("remember_token", remember.value)
    assert fresh_thief.get("/members/").status_code == 302


def test_session_is_cleared_at_login(client, login, member):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(member)
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize("target, expected", [
    ("/members/", "/members/"),
    ("/members/?tab=1", "/members/?tab=1"),
    ("//evil.example", "/members/"),
    ("/\\evil.example", "/members/"),
    ("http://evil.example/", "/members/"),
    ("http:///evil.example", "/members/"),
    ("/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"),
    ("/\x00", "/"),  # the NUL is dropped from every submitted value (portal/converters.py)
    ("/\x00/evil.example", "/members/"),
    ("/\t/evil.example", "/members/"),
    ("javascript:alert(1)", "/members/"),
])
def test_next_only_leads_to_this_site(client, member, target, expected):
    response = client.post("/login", data={"email": member.email, "password": PASSWORD,
                                           "next": target})
    assert response.headers["Location"] == expected


def test_cookies_are_httponly_and_lax(client, login, member):
    response = login(member, remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    for name in ("session=", "remember_token="):
        cookie = next(c for c in cookies if c.startswith(name))
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


def test_last_login_is_recorded(app, login, member):
    login(member)
    with app.app_context():
        user = db.session.scalars(select(User).where(User.id == member.id)).one()
        assert user.last_login_at is not None


def test_failed_login_is_audited_without_the_password(app, client, member):
    from portal.audit.models import AuditEvent

    client.post("/login", data={"email": member.email, "password": "secret-guess-123"})
    with app.app_context():
        events = db.session.scalars(select(AuditEvent)).all()
        assert [e.action for e in events] == ["login.failed"]
        assert events[0].target_id == member.id
        assert "secret-guess-123" not in str(events[0].details)
