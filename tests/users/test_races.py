"""Account rules under concurrent requests (real threads, either database): a double-clicked
invitation, two departments of one name, two admins demoting each other. None gives a 500."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.models import User
from portal.departments import services as departments
from portal.departments.models import Department
from portal.extensions import db
from portal.mail.models import OutboxMessage
from portal.users import services as administration
from portal.users import services as invitations
from tests.threads import signed_in_like, statuses, together, widened


def count(app, query) -> int:
    with app.app_context():
        return db.session.scalar(query)


def test_a_double_clicked_invitation_creates_one_user(app, client, login, staff_admin,
                                                      make_enterprise, monkeypatch):
    enterprise = make_enterprise()
    login(staff_admin)
    monkeypatch.setattr(invitations, "find_user_by_email",
                        widened(invitations.find_user_by_email))
    browsers = signed_in_like(app, client, 4)
    data = {"email": "twice@example.com", "name": "双击", "enterprise": enterprise.credit_code,
            "language": "zh_CN"}

    responses = together(4, lambda i: browsers[i].post("/staff/users/new?kind=member",
                                                       data=data))

    assert statuses(responses) == [200, 200, 200, 302]
    for response in responses:
        if response.status_code == 200:
            assert "A user with this e-mail address already exists." in response.get_data(
                as_text=True)
            assert 'value="twice@example.com"' in response.get_data(as_text=True)
    assert count(app, select(func.count(User.id)).where(User.email == "twice@example.com")) == 1
    assert count(app, select(func.count(OutboxMessage.id)).where(
        OutboxMessage.recipient == "twice@example.com")) == 1


def test_departments_of_one_name_created_at_once(app, client, login, staff_admin, monkeypatch):
    login(staff_admin)
    monkeypatch.setattr(departments, "_check_name", widened(departments._check_name))
    browsers = signed_in_like(app, client, 4)

    responses = together(4, lambda i: browsers[i].post(
        "/staff/departments/new", data={"name_zh": "会员部", "name_en": f"Members {i}"}))

    assert statuses(responses) == [200, 200, 200, 302]
    assert sum("A department with this Chinese name already exists." in r.get_data(as_text=True)
               for r in responses) == 3
    assert count(app, select(func.count(Department.id)).where(Department.name_zh == "会员部")) == 1


def test_the_first_departments_created_at_once_make_one_default(app, client, login, make_user,
                                                                monkeypatch):
    admin = make_user(kind="staff", roles=("admin",))
    with app.app_context():  # no department yet: the first one created becomes the default
        db.session.get(User, admin.id).department_id = None
        db.session.flush()
        db.session.execute(Department.__table__.delete())
        db.session.commit()
    login(admin)
    monkeypatch.setattr(departments, "_check_name", widened(departments._check_name))
    browsers = signed_in_like(app, client, 3)

    responses = together(3, lambda i: browsers[i].post(
        "/staff/departments/new", data={"name_zh": f"部门{i}", "name_en": ""}))

    assert statuses(responses) == [302, 302, 302]
    assert count(app, select(func.count(Department.id)).where(Department.is_default)) == 1


def test_two_admins_demoting_each_other_at_once_leave_one_admin(app, make_user, make_client,
                                                               login, monkeypatch):
    first, second = (make_user(kind="staff", roles=("admin",)) for _ in range(2))
    browsers = {}
    for admin in (first, second):
        browsers[admin.id] = make_client()
        login(admin, client=browsers[admin.id])
    monkeypatch.setattr(administration, "_check_not_last_admin",
                        widened(administration._check_not_last_admin))
    pairs = [(first, second), (second, first)]

    responses = together(2, lambda i: browsers[pairs[i][0].id].post(
        f"/staff/users/{pairs[i][1].id}/edit",
        data={"name": pairs[i][1].name, "department_id": str(pairs[i][1].department_id),
              "roles": ["editor"]}))

    assert statuses(responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "This is the last active administrator." in refused.get_data(as_text=True)
    assert count(app, select(func.count(User.id)).where(
        administration.has_role_clause("admin"), User.active.is_(True))) == 1
