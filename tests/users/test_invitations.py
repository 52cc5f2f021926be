"""Invitations: created without a password, a 7-day single-use link, re-send and revoke."""

from __future__ import annotations

import time

import pytest
import time_machine
from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.services import AlreadyAccepted
from portal.errors import Forbidden, NotFound
from portal.extensions import db
from portal.users.services import (
    EmailTaken,
    invite_user,
    resend_invitation,
    revoke_invitation,
)
from tests.conftest import PASSWORD, link_in, mails_to, path_of


@pytest.fixture
def invite(app):
    """invite(actor, **fields) -> the new user's id, committed."""

    def do_invite(actor, **fields):
        fields.setdefault("email", "new.colleague@example.com")
        fields.setdefault("name", "New Colleague")
        fields.setdefault("kind", "member")
        with app.app_context():
            for key in ("enterprise", "department"):
                if fields.get(key) is not None:
                    fields[key] = db.session.merge(fields[key])
            user = invite_user(db.session.merge(actor), **fields)
            db.session.commit()
            return user.id

    return do_invite


def in_app(app, fn, *ids):
    """Run fn(actor, user) on fresh copies, commit; returns fn's result."""
    with app.app_context():
        result = fn(*(db.session.get(User, i) for i in ids))
        db.session.commit()
        return result


def get_user(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id)


def test_admin_invites_a_member_who_sets_a_password_and_signs_in(
        app, client, invite, staff_admin, make_enterprise, audit_actions):
    enterprise = make_enterprise(name_en="Qinghe Equipment")
    user_id = invite(staff_admin, enterprise=enterprise, language="en")
    user = get_user(app, user_id)
    assert user.password_hash is None and user.active and user.invited_at
    assert user.enterprise_id == enterprise.id and not user.is_primary_contact
    (mail,) = mails_to(app, "new.colleague@example.com")
    assert mail.subject == "Your account on Member Services Portal"
    assert "Admin One has created an account for you" in mail.body_text
    assert "Qinghe Equipment" in mail.body_text and "within 7 days" in mail.body_text
    link = link_in(mail)
    assert link.startswith("http://127.0.0.1:5000/invite/")  # BASE_URL

    page = client.get(path_of(link))
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
    assert "Welcome, New Colleague" in page.get_data(as_text=True)
    done = client.post(path_of(link), data={"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302 and done.headers["Location"] == "/members/"
    welcome = client.get("/members/").get_data(as_text=True)  # signed in: no second log-in
    assert "Welcome, New Colleague! Your password is set and you are signed in." in welcome
    assert get_user(app, user_id).last_login_at is not None
    client.post("/logout")
    signed_in = client.post("/login", data={"email": "new.colleague@example.com",
                                            "password": PASSWORD})
    assert signed_in.headers["Location"] == "/members/"
    actions = [a[0] for a in audit_actions()]
    assert actions[:2] == ["invitation.sent", "invitation.accepted"]
    assert PASSWORD not in str(audit_actions())
    assert client.get(path_of(link)).status_code == 400  # used: dead


def test_admin_invites_staff_into_a_department_with_roles(app, invite, staff_admin,
                                                          make_department):
    dept = make_department(name_zh="法律服务部", name_en="Legal Services Department")
    user_id = invite(staff_admin, kind="staff", department=dept, roles=("agent", "editor"),
                     email="lawyer@example.com", language="zh_CN")
    user = get_user(app, user_id)
    assert user.kind == "staff" and user.role_set == {"agent", "editor"}
    assert user.department_id == dept.id and user.language == "zh_CN"
    (mail,) = mails_to(app, "lawyer@example.com")
    assert mail.subject == "您在会员服务门户的账号"
    assert "法律服务部" in mail.body_text and "7 天内" in mail.body_text


@pytest.fixture
def invitation_path(app, invite, staff_admin, make_enterprise):
    """The path of a fresh invitation link for new.colleague@example.com (a member)."""
    invite(staff_admin, enterprise=make_enterprise(), language="en")
    return path_of(link_in(mails_to(app, "new.colleague@example.com")[-1]))


def new_user(app):
    with app.app_context():
        return db.session.scalars(
            select(User).where(User.email == "new.colleague@example.com")).one()


@pytest.mark.parametrize("password, confirm, message", [
    ("", "", "Please choose a password."),
    ("abc", "abc", "at least 8 characters"),
    ("password123", "password123", "too common"),
    ("aaaaaaaaaa", "aaaaaaaaaa", "too common"),
    (PASSWORD, PASSWORD + "x", "not the same"),
    ("x" * 1025, "x" * 1025, "at most 1024 characters"),
])
def test_invitation_page_rejects_bad_passwords_next_to_the_field(
        app, client, invitation_path, password, confirm, message):
    response = client.post(invitation_path, data={"password": password, "confirm": confirm})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "-errors" in page and "is-invalid" in page
    assert new_user(app).password_hash is None


def test_long_passwords_with_any_characters_are_accepted(app, client, invitation_path):
    password = "我的密码 is a long sentence with ünïcode & spaces " * 10
    response = client.post(invitation_path, data={"password": password, "confirm": password})
    assert response.status_code == 302
    assert client.post("/login", data={"email": "new.colleague@example.com",
                                       "password": password}).status_code == 302


def make_old_token(app, user_id, purpose, age):
    """A token made `age` seconds ago."""
    from portal.accounts.tokens import make_token

    with time_machine.travel(time.time() - age, tick=False), app.app_context():
        return make_token(db.session.get(User, user_id), purpose)


def test_invitation_expires_after_seven_days(app, client, invitation_path):
    user = new_user(app)
    week = 7 * 24 * 3600
    fresh = make_old_token(app, user.id, "invitation", week - 60)
    stale = make_old_token(app, user.id, "invitation", week + 60)
    assert client.get(f"/invite/{fresh}").status_code == 200
    expired = client.get(f"/invite/{stale}")
    assert expired.status_code == 400
    assert "This link is invalid or has expired" in expired.get_data(as_text=True)
    assert expired.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
    lambda t: t[:20],
    lambda t: "not-a-token",
    lambda t: t.replace(".", "", 1),
])
def test_tampered_invitation_link_shows_the_invalid_link_page(client, invitation_path, mangle):
    token = invitation_path.rsplit("/", 1)[1]
    response = client.get(f"/invite/{mangle(token)}")
    assert response.status_code == 400
    assert "This link is invalid or has expired" in response.get_data(as_text=True)


def test_reset_token_is_no_invitation_token(app, client, invitation_path):
    from portal.accounts.tokens import make_token

    with app.app_context():
        token = make_token(db.session.get(User, new_user(app).id), "reset")
    assert client.get(f"/invite/{token}").status_code == 400


def test_resend_kills_the_old_link_and_sends_a_new_one(app, client, invitation_path,
                                                      staff_admin, audit_actions):
    user = new_user(app)
    in_app(app, resend_invitation, staff_admin.id, user.id)
    first, second = mails_to(app, user.email)
    assert client.get(invitation_path).status_code == 400
    assert client.get(path_of(link_in(second))).status_code == 200
    assert "invitation.resent" in [a[0] for a in audit_actions()]


def test_revoke_kills_the_link_and_resend_brings_it_back(app, client, invitation_path,
                                                        staff_admin, audit_actions):
    user = new_user(app)
    in_app(app, revoke_invitation, staff_admin.id, user.id)
    assert not get_user(app, user.id).active
    assert client.get(invitation_path).status_code == 400
    in_app(app, resend_invitation, staff_admin.id, user.id)
    assert get_user(app, user.id).active
    assert client.get(path_of(link_in(mails_to(app, user.email)[-1]))).status_code == 200
    actions = [a[0] for a in audit_actions()]
    assert actions.index("invitation.revoked") < actions.index("invitation.resent")


def test_accepted_invitation_cannot_be_resent_or_revoked(app, staff_admin, member):
    for service in (resend_invitation, revoke_invitation):
        with pytest.raises(AlreadyAccepted):
            in_app(app, service, staff_admin.id, member.id)


def test_taken_address_is_refused(app, invite, staff_admin, member):
    with pytest.raises(EmailTaken):
        invite(staff_admin, email=member.email.upper(), enterprise=member.enterprise)


def test_primary_contact_invites_into_their_own_enterprise_only(
        app, invite, make_user, make_enterprise):
    enterprise, other = make_enterprise(), make_enterprise()
    contact = make_user(enterprise=enterprise, is_primary_contact=True, language="en")
    user_id = invite(contact, enterprise=enterprise, is_primary_contact=True, roles=("admin",))
    user = get_user(app, user_id)
    assert user.enterprise_id == enterprise.id
    assert not user.is_primary_contact and user.roles == ""  # not theirs to give
    assert user.language == "en"  # the inviter's, when none is given
    with pytest.raises(Forbidden):
        invite(contact, enterprise=other, email="elsewhere@example.com")
    with pytest.raises(Forbidden):
        invite(contact, kind="staff", email="staff@example.com")


@pytest.mark.parametrize("who", ["member", "agent", "editor"])
def test_others_may_not_invite(app, invite, make_user, make_enterprise, who):
    enterprise = make_enterprise()
    actor = (make_user(enterprise=enterprise) if who == "member"
             else make_user(kind="staff", roles=(who,)))
    with pytest.raises(Forbidden):
        invite(actor, enterprise=enterprise)


def test_primary_contact_cannot_touch_another_enterprises_invitation(
        app, invitation_path, make_user, make_enterprise):
    stranger = make_user(enterprise=make_enterprise(), is_primary_contact=True)
    user = new_user(app)
    for service in (resend_invitation, revoke_invitation):
        with pytest.raises(NotFound):
            in_app(app, service, stranger.id, user.id)
    assert get_user(app, user.id).active


def test_accepting_while_the_enterprise_is_suspended_sets_the_password_but_signs_in_no_one(
        app, client, invite, staff_admin, make_enterprise):
    from portal.enterprises.models import Enterprise

    enterprise = make_enterprise()
    invite(staff_admin, enterprise=enterprise, language="en")
    link = link_in(mails_to(app, "new.colleague@example.com")[0])
    with app.app_context():
        db.session.get(Enterprise, enterprise.id).status = "suspended"
        db.session.commit()
    done = client.post(path_of(link), data={"password": PASSWORD, "confirm": PASSWORD})
    assert done.headers["Location"] == "/login"
    assert client.get("/members/").status_code == 302  # not signed in
