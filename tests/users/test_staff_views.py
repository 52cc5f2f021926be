"""The user administration screens (/staff/users/)."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from tests.conftest import count_statements


def load(app, user):
    with app.app_context():
        return db.session.get(User, user.id)


def test_list_searches_name_email_and_enterprise(admin_client, make_user, make_enterprise):
    enterprise = make_enterprise(name_zh="青禾智能装备有限公司", name_en="Qinghe Equipment")
    make_user(name="李明", email="liming@qinghe.example", enterprise=enterprise)
    make_user(name="Grace Liu", email="grace@yuanfan.example")

    def names(**args):
        page = admin_client.get("/staff/users/", query_string=args).get_data(as_text=True)
        return {n for n in ("李明", "Grace Liu", "Admin One") if n in page.split("<table")[-1]}

    assert names(q="李明") == {"李明"}
    assert names(q="GRACE@") == {"Grace Liu"}
    assert names(q="青禾") == {"李明"}
    assert names(q="qinghe equipment") == {"李明"}
    assert names(kind="staff") == {"Admin One"}
    assert names(role="admin") == {"Admin One"}
    assert names(kind="member") == {"李明", "Grace Liu"}


def test_list_filters_active(admin_client, make_user):
    make_user(name="Gone Away", active=False)
    make_user(name="Still Here")
    page = admin_client.get("/staff/users/?active=no").get_data(as_text=True)
    assert "Gone Away" in page and "Still Here" not in page
    page = admin_client.get("/staff/users/?active=bogus&role=root").get_data(as_text=True)
    assert "Gone Away" in page and "Still Here" in page


def test_list_uses_a_constant_number_of_queries(app, admin_client, make_user):
    def queries():
        with count_statements(app) as statements:
            admin_client.get("/staff/users/")
        return len(statements)

    make_user()
    make_user(kind="staff", roles=("agent",))
    queries()  # warm-up: the worker's copy of the settings, compiled caches
    few = queries()
    for _ in range(4):
        make_user()
        make_user(kind="staff", roles=("editor",))
    assert queries() == few


def test_admin_changes_roles_and_department(app, admin_client, make_user, make_department):
    legal = make_department(name_zh="法律服务部")
    agent = make_user(kind="staff", roles=("agent",))
    response = admin_client.post(f"/staff/users/{agent.id}/edit", data={
        "name": "王律师", "department_id": legal.id, "roles": ["agent", "editor"]})
    assert response.status_code == 302
    saved = load(app, agent)
    assert saved.name == "王律师"
    assert saved.role_set == {"agent", "editor"}
    assert saved.department_id == legal.id


def test_edit_page_shows_the_current_roles_and_department(admin_client, make_user,
                                                         make_department):
    legal = make_department(name_zh="法律服务部", name_en="Legal Services")
    agent = make_user(kind="staff", roles=("agent", "editor"), department=legal)
    page = admin_client.get(f"/staff/users/{agent.id}/edit").get_data(as_text=True)
    assert '<input checked class="form-check-input" id="roles-0"' in page  # agent
    assert '<input checked class="form-check-input" id="roles-1"' in page  # editor
    assert '<input class="form-check-input" id="roles-2"' in page  # admin: not held
    assert f'<option selected value="{legal.id}">Legal Services</option>' in page


def test_mass_assigned_fields_are_ignored(app, admin_client, make_user, make_enterprise):
    member = make_user(name="Member Zhou")
    other = make_enterprise()
    response = admin_client.post(f"/staff/users/{member.id}/edit", data={
        "name": "Member Zhou", "is_primary_contact": "y", "roles": "admin", "kind": "staff",
        "active": "", "enterprise_id": other.id, "email": "evil@example.com",
        "session_token": "x", "department_id": "1"})
    assert response.status_code == 302
    saved = load(app, member)
    assert saved.is_primary_contact
    assert (saved.kind, saved.roles, saved.active) == ("member", "", True)
    assert saved.enterprise_id == member.enterprise_id
    assert saved.email == member.email and saved.session_token == member.session_token


def test_unknown_role_is_refused(app, admin_client, make_user, make_department):
    agent = make_user(kind="staff", roles=("agent",))
    response = admin_client.post(f"/staff/users/{agent.id}/edit", data={
        "name": "X", "department_id": agent.department_id, "roles": ["root"]})
    assert response.status_code == 200
    assert load(app, agent).role_set == {"agent"}


def test_admin_cannot_remove_their_own_last_admin_role(app, admin_client, staff_admin):
    response = admin_client.post(f"/staff/users/{staff_admin.id}/edit", data={
        "name": "Admin One", "department_id": staff_admin.department_id, "roles": ["editor"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This is the last active administrator." in page
    assert 'id="roles-errors"' in page
    assert load(app, staff_admin).role_set == {"admin"}


def test_bad_name_is_shown_and_kept(admin_client, make_user):
    member = make_user()
    page = admin_client.post(f"/staff/users/{member.id}/edit", data={
        "name": "名" * 101}).get_data(as_text=True)
    assert "At most 100 characters." in page
    assert "名" * 101 in page


def test_deactivation_signs_the_user_out_at_once(app, admin_client, make_client, login,
                                                make_user):
    member = make_user()
    browser = make_client()
    login(member, client=browser, remember=True)
    assert browser.get("/members/").status_code == 200
    response = admin_client.post(f"/staff/users/{member.id}/deactivate")
    assert response.status_code == 302
    assert browser.get("/members/").status_code == 302
    assert login(member, client=make_client()).status_code == 200  # refused
    admin_client.post(f"/staff/users/{member.id}/reactivate")
    assert browser.get("/members/").status_code == 302  # the old session stays dead
    assert login(member, client=make_client()).status_code == 302


def test_last_admin_cannot_be_deactivated_via_the_screen(app, admin_client, staff_admin,
                                                        make_user, login, make_client):
    other = make_user(kind="staff", roles=("admin",), active=False)
    response = admin_client.post(f"/staff/users/{staff_admin.id}/deactivate",
                                 follow_redirects=True)
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    assert load(app, staff_admin).active
    assert load(app, other).active is False


def test_unknown_user_is_404(admin_client):
    assert admin_client.get("/staff/users/9999/edit").status_code == 404
    assert admin_client.post("/staff/users/9999/deactivate").status_code == 404


def test_users_listed_for_an_enterprise_link_to_their_page(admin_client, make_user):
    member = make_user(name="Linked Member")
    page = admin_client.get(f"/staff/enterprises/{member.enterprise_id}").get_data(as_text=True)
    assert f'href="/staff/users/{member.id}/edit"' in page
    with admin_client.application.app_context():
        assert db.session.scalar(select(User.id).where(User.id == member.id))


def test_list_tells_invited_users_from_active_ones(app, admin_client, make_user):
    make_user(name="Has Signed In")
    invited = make_user(name="Not Yet", password=None)
    with app.app_context():
        assert db.session.get(User, invited.id).password_hash is None
    page = admin_client.get("/staff/users/").get_data(as_text=True)
    row = page.split(f'data-user-id="{invited.id}"', 1)[1].split("</tr>", 1)[0]
    assert "Invited" in row and "Active" not in row
    assert "Active" in page.split("Has Signed In", 1)[1].split("</tr>", 1)[0]
