"""Creating users by invitation from /staff/users/, re-sending and revoking."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from tests.conftest import PASSWORD, link_in, mails_to, path_of


def user_by_email(app, email):
    with app.app_context():
        return db.session.scalars(select(User).where(User.email == email)).first()


def test_admin_invites_a_member_who_then_signs_in(app, admin_client, make_client,
                                                 make_enterprise):
    enterprise = make_enterprise(name_zh="青禾智能装备有限公司")
    page = admin_client.get(f"/staff/users/new?kind=member&enterprise={enterprise.id}")
    assert f'value="青禾智能装备有限公司 · {enterprise.credit_code}"' in page.get_data(as_text=True)
    response = admin_client.post(f"/staff/users/new?kind=member&enterprise={enterprise.id}",
                                 data={"email": " New.Member@Example.com ", "name": "新会员",
                                       "enterprise": enterprise.credit_code.lower(),
                                       "is_primary_contact": "y", "language": "zh_CN",
                                       "roles": "admin", "kind": "staff"})
    assert response.status_code == 302
    user = user_by_email(app, "new.member@example.com")
    assert (user.kind, user.enterprise_id, user.is_primary_contact, user.roles) == (
        "member", enterprise.id, True, "")
    assert user.password_hash is None
    edit = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "An invitation has been sent to new.member@example.com." in edit
    assert 'id="resend-invitation"' in edit

    [mail] = mails_to(app, "new.member@example.com")
    invited = make_client()
    path = path_of(link_in(mail))
    assert invited.get(path).status_code == 200
    invited.post(path, data={"password": PASSWORD, "confirm": PASSWORD})
    assert invited.post("/login", data={"email": "new.member@example.com",
                                        "password": PASSWORD}).status_code == 302


def test_admin_invites_a_staff_user_with_roles(app, admin_client, make_department):
    legal = make_department(name_zh="法律服务部")
    response = admin_client.post("/staff/users/new?kind=staff", data={
        "email": "lawyer@example.org", "name": "王律师", "department_id": legal.id,
        "roles": ["agent"], "language": "en", "enterprise_id": "1"})
    assert response.status_code == 302
    user = user_by_email(app, "lawyer@example.org")
    assert (user.kind, user.department_id, user.role_set, user.enterprise_id) == (
        "staff", legal.id, {"agent"}, None)
    assert mails_to(app, "lawyer@example.org")[0].language == "en"


@pytest.mark.parametrize("kind, data, field, message", [
    ("member", {"email": "taken@example.com"}, "email",
     "A user with this e-mail address already exists."),
    ("member", {"email": "not an address"}, "email", "Please enter a valid e-mail address."),
    ("member", {"enterprise": "91110000MA0000000X"}, "enterprise",
     "No member enterprise matches."),
    ("member", {"enterprise": "没有这家企业"}, "enterprise", "No member enterprise matches."),
    ("member", {"enterprise": ""}, "enterprise", "Please enter the enterprise"),
    ("member", {"name": ""}, "name", "Please enter the name."),
    ("staff", {"department_id": "999"}, "department_id", ""),
])
def test_bad_invitations_are_refused_next_to_the_field(app, admin_client, make_user,
                                                        make_enterprise, kind, data, field,
                                                        message):
    make_user(email="taken@example.com")
    enterprise = make_enterprise()
    form = {"email": "fresh@example.com", "name": "Typed Name", "language": "en",
            "enterprise": enterprise.credit_code, "roles": ["agent"]}
    form.update(data)
    response = admin_client.post(f"/staff/users/new?kind={kind}", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-errors"' in page
    assert message in page
    if field != "name":
        assert 'value="Typed Name"' in page
    assert user_by_email(app, "fresh@example.com") is None


def test_unknown_enterprise_code_is_refused(app, admin_client):
    from portal.enterprises.creditcode import complete_code

    page = admin_client.post("/staff/users/new?kind=member", data={
        "email": "x@example.com", "name": "X", "language": "en",
        "enterprise": complete_code("91110000MA9999999")}).get_data(as_text=True)
    assert "No member enterprise matches." in page


@pytest.mark.parametrize("typed, expected", [
    ("青禾", "青禾智能装备有限公司"),  # part of a name, one match
    ("qinghe intelligent", "青禾智能装备有限公司"),  # part of the English name
    ("青禾智能装备有限公司 · {code}", "青禾智能装备有限公司"),  # as the picker fills it in
    ("青禾精密", "青禾精密有限公司"),
    ("青禾", None),  # with a second 青禾, ambiguous: both are named
])
def test_the_enterprise_is_picked_by_name_without_script(app, admin_client, make_enterprise,
                                                         typed, expected):
    qinghe = make_enterprise(name_zh="青禾智能装备有限公司",
                             name_en="Qinghe Intelligent Equipment Co., Ltd.")
    if expected != "青禾智能装备有限公司":
        make_enterprise(name_zh="青禾精密有限公司")
    response = admin_client.post("/staff/users/new?kind=member", data={
        "email": "pick@example.com", "name": "Pick", "language": "en",
        "enterprise": typed.format(code=qinghe.credit_code)})
    user = user_by_email(app, "pick@example.com")
    if expected is None:
        page = response.get_data(as_text=True)
        assert "Several enterprises match: 青禾精密有限公司, 青禾智能装备有限公司." in page
        assert user is None
    else:
        assert response.status_code == 302
        with app.app_context():
            assert db.session.get(User, user.id).enterprise.name_zh == expected


def test_resend_and_revoke(app, admin_client, make_client, make_enterprise):
    enterprise = make_enterprise()
    admin_client.post("/staff/users/new?kind=member", data={
        "email": "later@example.com", "name": "Later", "language": "en",
        "enterprise": enterprise.credit_code})
    user = user_by_email(app, "later@example.com")
    first_link = path_of(link_in(mails_to(app, "later@example.com")[0]))

    response = admin_client.post(f"/staff/users/{user.id}/resend", follow_redirects=True)
    assert "A new invitation has been sent to Later" in response.get_data(as_text=True)
    mails = mails_to(app, "later@example.com")
    assert len(mails) == 2
    dead = "This link is invalid or has expired"
    assert dead in make_client().get(first_link).get_data(as_text=True)  # the old link died

    response = admin_client.post(f"/staff/users/{user.id}/revoke", follow_redirects=True)
    assert "has been revoked" in response.get_data(as_text=True)
    assert user_by_email(app, "later@example.com").active is False
    assert dead in make_client().get(path_of(link_in(mails[1]))).get_data(as_text=True)


def test_resend_to_a_user_with_a_password_says_so(admin_client, make_user):
    member = make_user()
    response = admin_client.post(f"/staff/users/{member.id}/resend", follow_redirects=True)
    assert "already accepted the invitation" in response.get_data(as_text=True)
