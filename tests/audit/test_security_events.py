"""Denied access and throttled log-ins reach the audit log, bounded per address; the audit
log shows them under "security events"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from tests.threads import statuses, together


def events(app, action=None):
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return db.session.scalars(query).all()


def test_a_403_is_recorded_with_user_address_and_path(app, client, login, member):
    login(member)
    assert client.get("/staff/enterprises/").status_code == 403
    [event] = events(app, "access.denied")
    assert (event.actor_id, event.address, event.details) == (
        member.id, "127.0.0.1", {"method": "GET", "path": "/staff/enterprises/"})


def test_an_object_that_is_not_the_users_is_recorded(app, client, login, make_user,
                                                     make_enterprise):
    contact = make_user(is_primary_contact=True)
    stranger = make_user(enterprise=make_enterprise())
    login(contact)
    assert client.post(f"/members/account/colleagues/{stranger.id}/deactivate"
                       ).status_code == 404
    [event] = events(app, "access.not_found")
    assert event.actor_id == contact.id
    assert event.details["path"] == f"/members/account/colleagues/{stranger.id}/deactivate"


def test_a_file_that_is_not_the_visitors_is_recorded(app, client):
    assert client.get("/files/12345/secret.pdf").status_code == 404
    assert [e.details["path"] for e in events(app, "access.not_found")] == [
        "/files/12345/secret.pdf"]


def test_a_flood_of_refusals_records_a_bounded_number(app, make_user, login):
    editor = make_user(kind="staff", roles=("editor",))
    browsers = [app.test_client() for _ in range(40)]
    for browser in browsers:
        browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(editor, client=browsers[0])
    cookie = browsers[0].get_cookie("session")
    for browser in browsers[1:]:
        browser.set_cookie("session", cookie.value, domain=cookie.domain)

    responses = together(40, lambda i: browsers[i].get("/staff/users/"))

    assert statuses(responses) == [403] * 40
    assert len(events(app, "access.denied")) == 20  # SECURITY_EVENT_LIMIT_PER_ADDRESS


class TestThrottledLogins:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "LOGIN_LIMIT_PER_ACCOUNT": "2 per 15 minutes"}

    def test_a_throttled_log_in_is_recorded_without_the_password(self, app, client, member):
        for _ in range(3):
            client.post("/login", data={"email": member.email.upper(),
                                        "password": "secret guess"})
        [event] = events(app, "login.throttled")
        assert event.details == {"method": "POST", "path": "/login", "email": member.email}
        assert "secret guess" not in str([e.details for e in events(app)])


def test_the_audit_log_shows_security_events_on_their_own(app, client, login, staff_admin,
                                                          make_user, make_client):
    browser = make_client()
    login(make_user(), client=browser)
    browser.get("/staff/")
    login(staff_admin)
    client.post("/staff/departments/new", data={"name_zh": "会员部", "name_en": ""})
    everything = client.get("/staff/audit/").get_data(as_text=True)
    assert "department.created" in everything and "access.denied" in everything
    page = client.get("/staff/audit/?kind=security").get_data(as_text=True)
    assert 'data-action="access.denied"' in page and "Access denied" in page
    assert 'data-action="department.created"' not in page
    assert 'data-action="login.succeeded"' not in page
    assert "Security events only" in page
