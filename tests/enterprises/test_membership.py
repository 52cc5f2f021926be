"""Memberships in time: lapsing by hand and at expiry, and the renewal reminders."""

from __future__ import annotations

from datetime import date

import time_machine
from sqlalchemy import select

from portal.enterprises.models import Enterprise, MembershipReminder
from portal.extensions import db
from tests.conftest import mails_to


def status_of(app, enterprise_id):
    with app.app_context():
        return db.session.get(Enterprise, enterprise_id).status


def test_admin_marks_a_membership_as_lapsed_and_its_users_are_out(
        app, admin_client, make_client, login, make_enterprise, make_user, audit_actions):
    enterprise = make_enterprise(name_zh="松林食品科技有限公司")
    member = make_user(enterprise=enterprise)
    member_client = make_client()
    login(member, client=member_client)
    assert member_client.get("/members/").status_code == 200
    response = admin_client.post(f"/staff/enterprises/{enterprise.id}/lapse",
                                 follow_redirects=True)
    assert "is marked as lapsed" in response.get_data(as_text=True)
    assert status_of(app, enterprise.id) == "lapsed"
    assert member_client.get("/members/").status_code == 302
    assert "enterprise.lapsed" in [action for action, *_ in audit_actions()]
    again = admin_client.post(f"/staff/enterprises/{enterprise.id}/lapse", follow_redirects=True)
    assert "already has this status" in again.get_data(as_text=True)


def test_an_expired_membership_counts_as_lapsed_before_the_command_runs(
        app, client, login, make_enterprise, make_user):
    enterprise = make_enterprise(expires_on=date(2026, 6, 30))
    member = make_user(enterprise=enterprise)
    with time_machine.travel("2026-06-30 15:00 +0000"):  # 23:00 in Beijing: still valid
        assert login(member).headers["Location"].endswith("/members/")
        client.post("/logout")
    with time_machine.travel("2026-06-30 16:30 +0000"):  # 00:30 on 1 July in Beijing
        page = login(member).get_data(as_text=True)
        assert "suspended or has lapsed" in page or "lapsed" in page
    assert status_of(app, enterprise.id) == "active"  # nothing written on read


def test_the_lapse_command_records_expired_memberships(app, make_enterprise, audit_actions):
    expired = make_enterprise(expires_on=date(2026, 6, 30))
    current = make_enterprise(expires_on=date(2026, 7, 1))
    suspended = make_enterprise(expires_on=date(2026, 1, 1), status="suspended")
    runner = app.test_cli_runner()
    with time_machine.travel("2026-07-01 02:00 +0000"):
        result = runner.invoke(args=["enterprises", "lapse"])
        assert "1 membership(s) lapsed." in result.output
        assert "0 membership(s)" in runner.invoke(args=["enterprises", "lapse"]).output
    assert status_of(app, expired.id) == "lapsed"
    assert status_of(app, current.id) == "active"
    assert status_of(app, suspended.id) == "suspended"
    assert [(a, actor) for a, actor, *_ in audit_actions()] == [("enterprise.expired", None)]


def test_reactivating_an_expired_membership_asks_for_a_new_date(app, admin_client,
                                                                make_enterprise):
    enterprise = make_enterprise(status="lapsed", expires_on=date(2020, 1, 1))
    page = admin_client.post(f"/staff/enterprises/{enterprise.id}/reactivate",
                             follow_redirects=True).get_data(as_text=True)
    assert "Set a later expiry date before reactivating it." in page
    assert status_of(app, enterprise.id) == "lapsed"


def test_list_filters_by_the_status_shown(admin_client, make_enterprise):
    make_enterprise(name_zh="过期企业", expires_on=date(2020, 1, 1))
    make_enterprise(name_zh="在册企业", expires_on=date(2099, 1, 1))
    lapsed = admin_client.get("/staff/enterprises/?status=lapsed").get_data(as_text=True)
    active = admin_client.get("/staff/enterprises/?status=active").get_data(as_text=True)
    assert "过期企业" in lapsed and "在册企业" not in lapsed
    assert "在册企业" in active and "过期企业" not in active


def test_reminders_60_and_30_days_before_expiry_each_once(app, make_enterprise, make_user,
                                                         audit_actions):
    enterprise = make_enterprise(name_zh="青禾智能装备有限公司", expires_on=date(2027, 3, 11))
    contact = make_user(enterprise=enterprise, is_primary_contact=True, language="en",
                        email="li@example.com")
    make_user(enterprise=enterprise, email="colleague@example.com")  # not a primary contact
    runner = app.test_cli_runner()

    def remind(day):
        with time_machine.travel(f"{day} 01:00 +0000"):
            return runner.invoke(args=["enterprises", "remind"]).output

    assert "0 enterprise(s)" in remind("2027-01-09")  # 61 days before
    assert "1 enterprise(s), 1 mail(s)" in remind("2027-01-10")  # 60 days before
    assert "0 enterprise(s)" in remind("2027-01-10")  # run again the same day
    assert "0 enterprise(s)" in remind("2027-01-20")
    assert "1 enterprise(s), 1 mail(s)" in remind("2027-02-09")  # 30 days before
    assert "0 enterprise(s)" in remind("2027-02-15")
    mails = mails_to(app, contact.email)
    assert [m.subject for m in mails] == ["Your membership expires in 60 days",
                                          "Your membership expires in 30 days"]
    assert "Mar 11, 2027" in mails[0].body_text
    assert mails_to(app, "colleague@example.com") == []
    assert [a for a, *_ in audit_actions()].count("enterprise.reminded") == 2

    with app.app_context():  # renewed for a year: the new date gets its own reminders
        db.session.get(Enterprise, enterprise.id).expires_on = date(2028, 3, 11)
        db.session.commit()
    assert "1 enterprise(s)" in remind("2028-01-20")  # runs missed: 51 days before
    assert "1 enterprise(s)" in remind("2028-02-10")  # 30 days before
    with app.app_context():
        days = db.session.scalars(select(MembershipReminder.days).order_by(
            MembershipReminder.id)).all()
    assert days == [60, 30, 60, 30]


def test_a_missed_run_sends_only_the_nearer_reminder(app, make_enterprise, make_user):
    enterprise = make_enterprise(expires_on=date(2027, 3, 11))
    make_user(enterprise=enterprise, is_primary_contact=True, email="late@example.com")
    with time_machine.travel("2027-02-20 01:00 +0000"):  # 19 days before, nothing sent yet
        app.test_cli_runner().invoke(args=["enterprises", "remind"])
    [mail] = mails_to(app, "late@example.com")
    assert "30" in mail.subject or "30" in mail.body_text
