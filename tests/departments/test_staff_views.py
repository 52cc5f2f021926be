"""The departments screens (/staff/departments/)."""

from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.departments.models import Department
from portal.extensions import db


def departments(app):
    with app.app_context():
        return {d.name_zh: d for d in db.session.scalars(select(Department))}


def test_admin_creates_and_renames_a_department(app, admin_client):
    response = admin_client.post("/staff/departments/new", data={
        "name_zh": "法律服务部\r\n", "name_en": "Legal Services\nDepartment"})
    assert response.status_code == 302
    legal = departments(app)["法律服务部"]
    assert legal.name_en == "Legal Services Department"  # CR/LF stripped
    response = admin_client.post(f"/staff/departments/{legal.id}/edit", data={
        "name_zh": "法律事务部", "name_en": "Legal Affairs Department"})
    assert response.status_code == 302
    assert "法律事务部" in admin_client.get("/staff/departments/").get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.action.like("department.%")).order_by(AuditEvent.id)).all()
    assert actions == ["department.created", "department.renamed"]


def test_duplicate_and_missing_names_are_refused(app, admin_client, make_department):
    make_department(name_zh="会员部")
    page = admin_client.post("/staff/departments/new", data={
        "name_zh": "会员部", "name_en": "Typed English"}).get_data(as_text=True)
    assert "A department with this Chinese name already exists." in page
    assert 'value="Typed English"' in page
    page = admin_client.post("/staff/departments/new", data={
        "name_zh": "  ", "name_en": "x"}).get_data(as_text=True)
    assert "Please enter the department&#39;s Chinese name." in page or \
        "Please enter the department's Chinese name." in page
    assert len(departments(app)) == 2  # the admin's own department and 会员部


def test_choosing_the_default_department(app, admin_client, make_department):
    first = make_department(name_zh="综合事务部", is_default=True)
    second = make_department(name_zh="会员部")
    response = admin_client.post(f"/staff/departments/{second.id}/default")
    assert response.status_code == 302
    found = departments(app)
    assert found["会员部"].is_default and not found["综合事务部"].is_default
    assert first.id != second.id
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "department.default_changed")).one()
    assert event.details == {"previous": "综合事务部", "new": "会员部"}


def test_department_list_shows_staff_counts(admin_client, make_department, make_user):
    dept = make_department(name_zh="宣传部")
    make_user(kind="staff", roles=("editor",), department=dept)
    make_user(kind="staff", roles=("editor",), department=dept)
    page = admin_client.get("/staff/departments/").get_data(as_text=True)
    row = page[page.index("宣传部"):]
    assert '<td class="text-end">2</td>' in row[:300]


def test_default_needs_post_and_unknown_is_404(admin_client):
    assert admin_client.get("/staff/departments/1/default").status_code == 405
    assert admin_client.post("/staff/departments/999/default").status_code == 404
