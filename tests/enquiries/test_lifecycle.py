"""An enquiry's steps: accept, handle, reply, notes, a member's reply that reopens it,
closing, rating, assignment and transfer, each on the timeline and with its mails."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.dates import SHANGHAI
from portal.enquiries import lifecycle
from portal.enquiries.models import EnquiryEvent
from portal.extensions import db
from portal.workdays.demo import load_demo as load_calendar
from tests.enquiries.conftest import new_key, outbox, post_message


def events(app, reference):
    from portal.enquiries.models import Enquiry

    with app.app_context():
        enquiry = db.session.scalar(select(Enquiry).where(Enquiry.reference == reference))
        return [(e.kind, e.internal) for e in db.session.scalars(
            select(EnquiryEvent).where(EnquiryEvent.enquiry_id == enquiry.id)
            .order_by(EnquiryEvent.id))]


def test_the_whole_life_of_an_enquiry(app, client, make_client, login, desk, submit, enquiry):
    reference = submit(desk.member, category_id=str(desk.categories.legal))
    staff = make_client()
    login(desk.lawyer, client=staff)
    page = f"/staff/enquiries/{reference}"
    assert staff.post(f"{page}/accept").status_code == 302
    row = enquiry(reference)
    assert (row.status, row.assignee_id) == ("accepted", desk.lawyer.id)
    assert staff.post(f"{page}/start").status_code == 302
    assert enquiry(reference).status == "in_progress"
    post_message(staff, reference, "note", "内部：先核对合同。")
    post_message(staff, reference, "reply", "您好，答复如下。")
    row = enquiry(reference)
    assert row.status == "answered" and row.first_answered_at is not None
    assert row.first_response_minutes is not None
    member_page = client.get(f"/members/enquiries/{reference}").get_data(as_text=True)
    assert "您好，答复如下。" in member_page and "先核对合同" not in member_page
    staff_page = staff.get(page).get_data(as_text=True)
    assert "先核对合同" in staff_page and "Internal note" in staff_page

    client.post(f"/members/enquiries/{reference}/message", data={"body": "还有一个问题。",
                                                                   "key": new_key()})
    row = enquiry(reference)
    assert row.status == "in_progress" and row.due_at >= row.first_due_at
    assert staff.post(f"{page}/close").status_code == 302
    assert enquiry(reference).status == "closed"
    closed_page = client.get(f"/members/enquiries/{reference}")
    assert closed_page.status_code == 200 and 'id="rating"' in closed_page.get_data(as_text=True)
    assert client.post(f"/members/enquiries/{reference}/message", data={
        "body": "关闭后再写", "key": new_key()}).status_code == 302
    assert "关闭后再写" not in client.get(f"/members/enquiries/{reference}").get_data(
        as_text=True)
    client.post(f"/members/enquiries/{reference}/rate", data={"rating": "satisfied",
                                                               "comment": "很好"})
    row = enquiry(reference)
    assert (row.rating, row.rating_comment) == ("satisfied", "很好")
    again = client.post(f"/members/enquiries/{reference}/rate", data={"rating": "unsatisfied"},
                        follow_redirects=True)
    assert "already been rated" in again.get_data(as_text=True)
    assert enquiry(reference).rating == "satisfied"

    assert events(app, reference) == [
        ("submitted", False), ("accepted", False), ("assigned", True), ("started", False),
        ("reopened", False), ("closed", False), ("rated", False)]
    mails = [(to, template) for to, template, *_ in outbox(app)]
    assert mails[3:] == [("liming@example.com", "enquiry_answered"),
                         ("lawyer@example.org", "enquiry_reopened"),
                         ("liming@example.com", "enquiry_closed")]
    closed_mail = outbox(app)[-1][3]
    assert f"/members/enquiries/{reference}#rating" in closed_mail


def test_no_mail_and_no_member_page_shows_an_internal_note(app, client, make_client, login,
                                                           desk, submit):
    reference = submit(desk.member, category_id=str(desk.categories.legal), channel="email")
    staff = make_client()
    login(desk.lawyer, client=staff)
    post_message(staff, reference, "note", "机密备注ABC")
    post_message(staff, reference, "reply", "正式答复XYZ")
    answered = [m for m in outbox(app) if m[1] == "enquiry_answered"]
    assert len(answered) == 1 and "正式答复XYZ" in answered[0][3]  # asked for e-mail
    assert all("机密备注ABC" not in m[3] for m in outbox(app))
    for user in (desk.member, desk.colleague):
        login(user)
        assert "机密备注ABC" not in client.get(f"/members/enquiries/{reference}").get_data(
            as_text=True)


def test_a_reply_sent_twice_is_one_message(app, make_client, login, desk, submit):
    reference = submit(desk.member, category_id=str(desk.categories.legal))
    staff = make_client()
    login(desk.lawyer, client=staff)
    data = {"action": "reply", "body": "只发一次", "key": new_key()}
    staff.post(f"/staff/enquiries/{reference}/message", data=data)
    staff.post(f"/staff/enquiries/{reference}/message", data=data)
    page = staff.get(f"/staff/enquiries/{reference}").get_data(as_text=True)
    assert page.count("只发一次") == 1
    assert len([m for m in outbox(app) if m[1] == "enquiry_answered"]) == 1


def test_a_member_closes_and_rates_and_staff_may_not_rate(app, client, make_client, login, desk,
                                                          submit, enquiry):
    reference = submit(desk.member)
    assert client.post(f"/members/enquiries/{reference}/rate",
                       data={"rating": "satisfied"}, follow_redirects=True).status_code == 200
    assert enquiry(reference).rating is None  # not closed yet
    client.post(f"/members/enquiries/{reference}/close")
    assert enquiry(reference).status == "closed"
    assert [m[1] for m in outbox(app)].count("enquiry_closed") == 0  # the member closed it
    colleague = make_client()
    login(desk.colleague, client=colleague)
    colleague.post(f"/members/enquiries/{reference}/rate", data={"rating": "fairly_satisfied"})
    assert enquiry(reference).rating == "fairly_satisfied"


def test_assignment_only_to_agents_of_the_department(app, make_client, login, desk, submit,
                                                     enquiry, audit_actions):
    reference = submit(desk.member, category_id=str(desk.categories.legal))
    staff = make_client()
    login(desk.lawyer, client=staff)
    staff.post(f"/staff/enquiries/{reference}/assign", data={"assignee_id": desk.lawyer2.id})
    assert enquiry(reference).assignee_id == desk.lawyer2.id
    staff.post(f"/staff/enquiries/{reference}/assign", data={"assignee_id": desk.clerk.id})
    assert enquiry(reference).assignee_id == desk.lawyer2.id
    assert ("assigned", True) in events(app, reference)


def test_a_transfer_moves_the_enquiry_and_tells_the_new_department(
        app, client, make_client, login, desk, submit, enquiry):
    reference = submit(desk.member, category_id=str(desk.categories.legal))
    staff = make_client()
    login(desk.lawyer, client=staff)
    staff.post(f"/staff/enquiries/{reference}/accept")
    response = staff.post(f"/staff/enquiries/{reference}/transfer", data={
        "department_id": desk.general.id, "reason": "属于政策问题"})
    assert response.headers["Location"] == "/staff/enquiries/"  # it left this agent's queue
    row = enquiry(reference)
    assert (row.department_id, row.assignee_id, row.due_at) == (desk.general.id, None,
                                                                row.first_due_at)
    assert staff.get(f"/staff/enquiries/{reference}").status_code == 404
    clerk = make_client()
    login(desk.clerk, client=clerk)
    page = clerk.get(f"/staff/enquiries/{reference}").get_data(as_text=True)
    assert "属于政策问题" in page
    member_page = client.get(f"/members/enquiries/{reference}").get_data(as_text=True)
    assert "Transferred from Legal Services to General Affairs" in member_page
    assert "属于政策问题" not in member_page
    transferred = [m for m in outbox(app) if m[1] == "enquiry_transferred"]
    assert [m[0] for m in transferred] == ["clerk@example.org"]
    assert "属于政策问题" in transferred[0][3]
    assert staff.post(f"/staff/enquiries/{reference}/transfer", data={
        "department_id": desk.general.id, "reason": "x"}).status_code == 404


@pytest.mark.parametrize("step, status", [("accept", "accepted"), ("start", "in_progress")])
def test_steps_out_of_order_are_refused(app, make_client, login, desk, submit, enquiry, step,
                                        status):
    reference = submit(desk.member)
    staff = make_client()
    login(desk.clerk, client=staff)
    staff.post(f"/staff/enquiries/{reference}/close")
    response = staff.post(f"/staff/enquiries/{reference}/{step}", follow_redirects=True)
    assert response.status_code == 200
    assert enquiry(reference).status == "closed"


def test_first_response_is_counted_in_working_minutes(app, desk, as_user, enquiry):
    """Submitted on Friday 16:00, answered on Monday 10:00 (2026-03): two working hours."""
    from portal.accounts.models import User
    from portal.enquiries.submission import submit_enquiry

    with app.app_context():
        load_calendar()
        db.session.commit()
    friday = datetime(2026, 3, 6, 16, 0, tzinfo=SHANGHAI).astimezone(UTC)
    monday = datetime(2026, 3, 9, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)
    with time_machine.travel(friday, tick=False), app.test_request_context():
        actor = db.session.get(User, desk.member.id)
        reference = submit_enquiry(actor, key=new_key(), category_id=desk.categories.policy,
                                   subject="s", body="b", channel="portal").enquiry.reference
        db.session.commit()
    row = enquiry(reference)
    assert row.due_at == datetime(2026, 3, 11, 17, 0, tzinfo=SHANGHAI)  # 3 working days
    with time_machine.travel(monday, tick=False):
        as_user(desk.clerk, lifecycle.reply_to_enquiry, reference, "答复")
    assert enquiry(reference).first_response_minutes == 120
