"""One's own account (/members/account/, /staff/account/): profile, language, password."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.extensions import db
from tests.conftest import PASSWORD

NEW = "a different passphrase"


def fresh(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id)


@pytest.mark.parametrize("who, members_code, staff_code", [
    # staff in the member area are sent on to their own (portal/members/__init__.py)
    ("anonymous", 302, 302), ("member", 200, 403), ("agent", 302, 200), ("admin", 302, 200),
])
def test_account_pages_belong_to_their_area(client, login, make_user, who, members_code,
                                            staff_code):
    if who == "member":
        login(make_user())
    elif who != "anonymous":
        login(make_user(kind="staff", roles=(who,)))
    assert client.get("/members/account/").status_code == members_code
    assert client.get("/staff/account/").status_code == staff_code
    for path in ("/members/account/profile", "/members/account/password",
                 "/members/account/language"):
        assert client.post(path).status_code == members_code  # 200: the form and its errors


def test_account_page_shows_the_profile(client, login, make_user):
    user = make_user(name="Zhou Min", phone="010-6500 8888")
    login(user)
    response = client.get("/members/account/")
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert 'value="Zhou Min"' in page and 'value="010-6500 8888"' in page
    assert user.email in page
    assert 'href="/members/account/"' in page  # the header's "My account"


def test_profile_is_saved(app, client, login, member, audit_actions):
    login(member)
    response = client.post("/members/account/profile",
                           data={"name": "  Member\r\nRenamed ", "phone": "+86 10 6500-1234"})
    assert response.status_code == 302 and response.headers["Location"] == "/members/account/"
    user = fresh(app, member.id)
    assert (user.name, user.phone) == ("Member Renamed", "+86 10 6500-1234")
    event = ("profile.updated", member.id, member.id, {"fields": ["name", "phone"]})
    assert event in audit_actions()
    assert "Your profile has been saved." in client.get("/members/account/").get_data(as_text=True)


@pytest.mark.parametrize("data, message, kept", [
    ({"name": "", "phone": "123"}, "Please enter a name.", 'value="123"'),
    ({"name": "N" * 101, "phone": ""}, "At most 100 characters", 'value="' + "N" * 101),
    ({"name": "Kept Name", "phone": "call me maybe"}, "Please enter a phone number",
     'value="call me maybe"'),
])
def test_bad_profile_is_refused_next_to_the_field(app, client, login, member, data, message,
                                                  kept):
    login(member)
    response = client.post("/members/account/profile", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and "invalid-feedback" in page
    assert kept in page
    assert fresh(app, member.id).name == "Member One"


def test_mass_assigned_fields_are_ignored(app, client, login, member, make_enterprise):
    other = make_enterprise()
    login(member)
    client.post("/members/account/profile", data={
        "name": "Still Member", "phone": "", "kind": "staff", "roles": "admin", "role": "admin",
        "enterprise_id": str(other.id), "active": "0", "is_primary_contact": "y",
        "email": "hijack@example.com", "password_hash": "x", "session_token": "x"})
    user = fresh(app, member.id)
    assert user.name == "Still Member"
    assert (user.kind, user.roles, user.enterprise_id, user.active, user.is_primary_contact,
            user.email) == ("member", "", member.enterprise_id, True, False, member.email)
    assert client.get("/members/").status_code == 200


def test_language_is_saved_and_used(app, client, login, member):
    login(member)
    response = client.post("/members/account/language", data={"language": "zh_CN"})
    assert response.status_code == 302
    assert fresh(app, member.id).language == "zh_CN"
    assert "语言设置已保存" in client.get("/members/account/").get_data(as_text=True)


def test_unknown_language_is_refused(app, client, login, member):
    login(member)
    response = client.post("/members/account/language", data={"language": "fr"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Not a valid choice" in page and 'id="language-errors"' in page
    assert fresh(app, member.id).language is None


def change(client, current=PASSWORD, new=NEW, confirm=None, area="members"):
    return client.post(f"/{area}/account/password", data={
        "current_password": current, "password": new,
        "confirm": new if confirm is None else confirm})


@pytest.mark.parametrize("area, kind", [("members", "member"), ("staff", "staff")])
def test_change_password_keeps_this_session_and_ends_the_others(
        app, make_client, login, make_user, audit_actions, area, kind):
    user = make_user(kind=kind, roles=("agent",) if kind == "staff" else ())
    here, elsewhere = make_client(), make_client()
    login(user, client=here)
    login(user, client=elsewhere, remember=True)
    stolen_remember = elsewhere.get_cookie("remember_token").value
    response = change(here, area=area)
    assert response.status_code == 302
    assert here.get(f"/{area}/account/").status_code == 200  # still signed in here
    assert elsewhere.get(f"/{area}/").status_code == 302  # signed out there
    thief = make_client()
    thief.set_cookie("remember_token", stolen_remember)
    assert thief.get(f"/{area}/").status_code == 302
    assert make_client().post("/login", data={"email": user.email, "password": PASSWORD}
                              ).status_code == 200
    assert make_client().post("/login", data={"email": user.email, "password": NEW}
                              ).status_code == 302
    assert ("password.changed", user.id, user.id, {}) in audit_actions()
    assert NEW not in str(audit_actions())


def test_change_password_keeps_remember_me_on_this_device(app, client, make_client, login,
                                                          member):
    login(member, remember=True)
    old = client.get_cookie("remember_token").value
    change(client)
    new = client.get_cookie("remember_token").value
    assert new != old
    device = make_client()
    device.set_cookie("remember_token", new)
    assert device.get("/members/").status_code == 200


@pytest.mark.parametrize("current, new, confirm, field, message", [
    ("wrong password", NEW, None, "current_password", "The current password is not correct."),
    ("", NEW, None, "current_password", "Please enter your current password."),
    (PASSWORD, "short", None, "password", "at least 8 characters"),
    (PASSWORD, "qwertyuiop", None, "password", "too common"),
    (PASSWORD, NEW, "not the same", "confirm", "not the same"),
])
def test_bad_password_change_is_refused_next_to_the_field(
        app, client, login, member, current, new, confirm, field, message):
    login(member)
    response = change(client, current, new, confirm)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-errors"' in page and message in page
    assert client.get("/members/").status_code == 200  # still signed in
    with app.app_context():
        from werkzeug.security import check_password_hash

        assert check_password_hash(db.session.get(User, member.id).password_hash, PASSWORD)


def test_wrong_current_password_is_audited(client, login, member, audit_actions):
    login(member)
    change(client, current="wrong password")
    assert "password.change_refused" in [a[0] for a in audit_actions()]
    assert "wrong password" not in str(audit_actions())


def test_staff_profile_and_language(app, client, login, make_user):
    agent = make_user(kind="staff", roles=("agent",), name="Agent Li")
    login(agent)
    assert 'value="Agent Li"' in client.get("/staff/account/").get_data(as_text=True)
    client.post("/staff/account/profile", data={"name": "Agent Li Na", "phone": "",
                                                "roles": "admin"})
    client.post("/staff/account/language", data={"language": "en"})
    user = fresh(app, agent.id)
    assert (user.name, user.language, user.roles) == ("Agent Li Na", "en", "agent")
