"""The audit log screen (/staff/audit/)."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.audit.models import AuditEvent
from portal.extensions import db


def add_event(app, action, actor=None, when=None, target=None, **details):
    with app.app_context():
        event = AuditEvent(action=action, actor_id=actor.id if actor else None,
                           target_type=type(target).__name__ if target else "",
                           target_id=target.id if target else None, address="192.0.2.7",
                           details=details)
        if when:
            event.created_at = when
        db.session.add(event)
        db.session.commit()


def rows(page: str) -> list[str]:
    return [chunk.split('"')[0] for chunk in page.split('<tr data-action="')[1:]]


def test_lists_events_newest_first_with_labels_and_target_names(app, admin_client, staff_admin,
                                                               make_enterprise):
    enterprise = make_enterprise(name_zh="青禾智能装备有限公司")
    add_event(app, "enterprise.suspended", staff_admin, datetime(2026, 11, 20, tzinfo=UTC),
              enterprise, old_status="active")
    add_event(app, "settings.updated", staff_admin, datetime(2026, 11, 21, tzinfo=UTC),
              changes={"hotline": ["010-1", "010-2"]})
    page = admin_client.get("/staff/audit/").get_data(as_text=True)
    actions = rows(page)
    assert actions[:2] == ["login.succeeded", "settings.updated"]  # the admin's own sign-in
    assert "enterprise.suspended" in actions
    assert "Enterprise suspended" in page and "Site settings changed" in page
    assert "青禾智能装备有限公司" in page
    assert "010-1 → 010-2" in page
    assert "192.0.2.7" in page
    assert "Admin One" in page


def test_filters_by_user_action_and_dates(app, admin_client, staff_admin, make_user):
    other = make_user(kind="staff", roles=("agent",), name="Agent Wu")
    add_event(app, "user.deactivated", other, datetime(2026, 11, 1, 15, 0, tzinfo=UTC))
    add_event(app, "user.deactivated", staff_admin, datetime(2026, 11, 2, 17, 0, tzinfo=UTC))
    add_event(app, "department.created", other, datetime(2026, 11, 3, tzinfo=UTC))

    def get(**args):
        return rows(admin_client.get("/staff/audit/", query_string=args).get_data(as_text=True))

    assert get(user="agent wu") == ["department.created", "user.deactivated"]
    assert get(user=other.email.upper()) == ["department.created", "user.deactivated"]
    assert get(action="user.deactivated") == ["user.deactivated", "user.deactivated"]
    # Beijing days: 2026-11-01 15:00 UTC is 23:00 on the 1st; 11-02 17:00 UTC is the 3rd.
    assert get(date_from="2026-11-01", date_to="2026-11-01") == ["user.deactivated"]
    assert get(date_from="2026-11-03", date_to="2026-11-03") == [
        "department.created", "user.deactivated"]
    assert len(get(action="no.such.action")) == 4  # unknown filter values are ignored


def test_bad_dates_are_shown_next_to_the_field(admin_client):
    page = admin_client.get("/staff/audit/?date_from=2026-99-01&date_to=x").get_data(
        as_text=True)
    assert 'id="date_from-errors"' in page and "Please enter a date as YYYY-MM-DD." in page
    page = admin_client.get("/staff/audit/?date_from=2026-11-05&date_to=2026-11-01").get_data(
        as_text=True)
    assert "The end date cannot be before the start date." in page


def test_secrets_never_show(app, admin_client):
    add_event(app, "login.failed", None, None, email="x@example.com", password="hunter22",
              reset_token="abc123secret", session_cookie="cookie-value")
    page = admin_client.get("/staff/audit/").get_data(as_text=True)
    assert "x@example.com" in page
    for secret in ("hunter22", "abc123secret", "cookie-value"):
        assert secret not in page


def test_paginates(app, admin_client):
    with app.app_context():
        for n in range(60):
            db.session.add(AuditEvent(action="login.failed", details={"n": n}))
        db.session.commit()
    first = admin_client.get("/staff/audit/").get_data(as_text=True)
    assert len(rows(first)) == 50
    assert len(rows(admin_client.get("/staff/audit/?page=2").get_data(as_text=True))) == 11
