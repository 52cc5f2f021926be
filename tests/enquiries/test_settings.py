"""What admins and agents keep: categories with their routing and deadlines, canned replies."""

from __future__ import annotations

from sqlalchemy import select

from portal.enquiries.models import CannedReply, EnquiryCategory
from portal.extensions import db
from tests.enquiries.conftest import form, reference_of


def test_admins_keep_categories_routing_and_deadlines(app, client, make_client, login, desk,
                                                      audit_actions, enquiry):
    login(desk.admin)
    response = client.post("/staff/categories/new", data={
        "name_zh": "融资服务", "name_en": "Financing", "department_id": str(desk.membership.id),
        "deadline_days": "7", "position": "3", "active": "y"})
    assert response.status_code == 302
    with app.app_context():
        category = db.session.scalar(select(EnquiryCategory).where(
            EnquiryCategory.name_zh == "融资服务"))
        assert (category.department_id, category.deadline_days) == (desk.membership.id, 7)
        category_id = category.id
    duplicate = client.post("/staff/categories/new", data={
        "name_zh": "融资服务", "department_id": "", "deadline_days": "5"})
    assert duplicate.status_code == 200
    assert "already exists" in duplicate.get_data(as_text=True)
    for days in ("0", "61", "x"):
        assert client.post(f"/staff/categories/{category_id}/edit", data={
            "name_zh": "融资服务", "department_id": "", "deadline_days": days}).status_code == 200
    client.post(f"/staff/categories/{category_id}/edit", data={
        "name_zh": "融资服务", "department_id": "", "deadline_days": "2"})  # now inactive
    member = make_client()
    login(desk.member, client=member)
    page = member.get("/members/enquiries/new").get_data(as_text=True)
    assert "Financing" not in page and "Legal questions" in page
    refused = member.post("/members/enquiries/new", data=form(category_id=str(category_id)))
    assert refused.status_code == 400
    client.post(f"/staff/categories/{category_id}/edit", data={
        "name_zh": "融资服务", "department_id": "", "deadline_days": "2", "active": "y"})
    reference = reference_of(member.post("/members/enquiries/new",
                                         data=form(category_id=str(category_id))))
    assert enquiry(reference).department_id == desk.general.id  # the default department
    assert [a[0] for a in audit_actions() if a[0].startswith("enquiry_category")] == [
        "enquiry_category.created", "enquiry_category.updated", "enquiry_category.updated"]


def test_agents_keep_their_departments_canned_replies(app, client, make_client, login, desk,
                                                      submit):
    login(desk.lawyer)
    assert client.post("/staff/canned-replies/new", data={
        "department_id": desk.legal.id, "title": "收到", "body": "您好，已收到。"}
    ).status_code == 302
    other = client.post("/staff/canned-replies/new", data={
        "department_id": desk.general.id, "title": "别的部门", "body": "x"})
    assert other.status_code == 200
    with app.app_context():
        reply = db.session.scalar(select(CannedReply))
        assert (reply.department_id, reply.title) == (desk.legal.id, "收到")
        reply_id = reply.id
    reference = submit(desk.member, client=make_client(), category_id=str(desk.categories.legal))
    page = client.get(f"/staff/enquiries/{reference}").get_data(as_text=True)
    assert 'data-body="您好，已收到。"' in page
    clerk = make_client()
    login(desk.clerk, client=clerk)
    assert clerk.get(f"/staff/canned-replies/{reply_id}/edit").status_code == 404
    assert clerk.post(f"/staff/canned-replies/{reply_id}/delete").status_code == 404
    admin = make_client()
    login(desk.admin, client=admin)
    assert admin.post(f"/staff/canned-replies/{reply_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(CannedReply)) is None
