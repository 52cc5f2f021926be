"""A primary contact manages the colleagues of their own enterprise, and nobody else's (404)."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.extensions import db
from tests.conftest import PASSWORD, link_in, mails_to, path_of

ACTIONS = ("deactivate", "reactivate", "make-primary", "resend", "revoke")


@pytest.fixture
def team(make_user, make_enterprise):
    """A primary contact, a colleague and an invited colleague; and another enterprise's user."""
    enterprise = make_enterprise(name_en="Songlin Food")
    contact = make_user(enterprise=enterprise, is_primary_contact=True, name="Chen Contact")
    colleague = make_user(enterprise=enterprise, name="Liu Colleague")
    invited = make_user(enterprise=enterprise, name="Invited One", password=None)
    stranger = make_user(enterprise=make_enterprise(), name="Stranger Elsewhere")
    return {"contact": contact, "colleague": colleague, "invited": invited,
            "stranger": stranger}


def fresh(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id)


def test_primary_contact_sees_own_colleagues_only(client, login, team):
    login(team["contact"])
    assert 'href="/members/account/colleagues/"' in client.get("/members/account/").get_data(
        as_text=True)
    page = client.get("/members/account/colleagues/").get_data(as_text=True)
    assert "Colleagues at Songlin Food" in page
    for name in ("Chen Contact", "Liu Colleague", "Invited One"):
        assert name in page
    assert "Stranger Elsewhere" not in page
    assert "Primary contact" in page


@pytest.mark.parametrize("who, expected", [
    # staff are sent on to their own area (portal/members/__init__.py)
    ("anonymous", 302), ("member", 403), ("agent", 302), ("editor", 302), ("admin", 302),
])
def test_only_primary_contacts_open_the_colleague_pages(client, login, make_user, team, who,
                                                        expected):
    if who == "member":
        login(team["colleague"])
    elif who != "anonymous":
        login(make_user(kind="staff", roles=(who,)))
    assert client.get("/members/account/colleagues/").status_code == expected
    assert client.get("/members/account/colleagues/invite").status_code == expected
    for action in ACTIONS:
        target = team["invited"].id
        assert client.post(f"/members/account/colleagues/{target}/{action}"
                           ).status_code == expected
    assert "Manage colleagues" not in (client.get("/members/account/").get_data(as_text=True))


@pytest.mark.parametrize("action", ACTIONS)
def test_another_enterprises_user_is_not_found(app, client, login, team, action):
    login(team["contact"])
    stranger = team["stranger"]
    foreign = client.post(f"/members/account/colleagues/{stranger.id}/{action}")
    missing = client.post(f"/members/account/colleagues/999999/{action}")
    assert foreign.status_code == missing.status_code == 404
    user = fresh(app, stranger.id)
    assert user.active and not user.is_primary_contact


def test_staff_user_is_not_a_colleague(client, login, make_user, team):
    admin = make_user(kind="staff", roles=("admin",))
    login(team["contact"])
    assert client.post(f"/members/account/colleagues/{admin.id}/deactivate").status_code == 404


def test_primary_contact_invites_a_colleague(app, client, make_client, login, team,
                                             audit_actions):
    login(team["contact"])
    response = client.post("/members/account/colleagues/invite", data={
        "name": "Zhao New", "email": " Zhao.New@Example.com ", "language": "zh_CN",
        # mass-assigned fields: all ignored
        "enterprise_id": str(team["stranger"].enterprise_id), "kind": "staff",
        "roles": "admin", "is_primary_contact": "y", "active": "0"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/members/account/colleagues/"
    with app.app_context():
        from sqlalchemy import select

        user = db.session.scalars(select(User).where(User.email == "zhao.new@example.com")).one()
    assert (user.kind, user.enterprise_id, user.roles, user.is_primary_contact, user.active,
            user.language) == ("member", team["contact"].enterprise_id, "", False, True, "zh_CN")
    page = client.get("/members/account/colleagues/").get_data(as_text=True)
    assert "An invitation has been sent to zhao.new@example.com." in page
    assert "Zhao New" in page and "Invited on" in page
    (mail,) = mails_to(app, "zhao.new@example.com")
    assert "Chen Contact" in mail.body_text and mail.subject == "您在会员服务门户的账号"
    newcomer = make_client()
    path = path_of(link_in(mail))
    assert newcomer.post(path, data={"password": PASSWORD, "confirm": PASSWORD}
                         ).status_code == 302
    assert newcomer.post("/login", data={"email": "zhao.new@example.com", "password": PASSWORD}
                         ).headers["Location"] == "/members/"
    assert ("invitation.sent", team["contact"].id) in [a[:2] for a in audit_actions()]


@pytest.mark.parametrize("data, field, message", [
    ({"name": "", "email": "ok@example.com"}, "name", "Please enter a name."),
    ({"name": "Kept Name", "email": "not-an-address"}, "email",
     "Please enter a valid e-mail address."),
    ({"name": "Kept Name", "email": ""}, "email", "Please enter an e-mail address."),
    ({"name": "Kept Name", "email": "ok@example.com", "language": "xx"}, "language",
     "Not a valid choice"),
])
def test_bad_invitation_is_refused_next_to_the_field(app, client, login, team, data, field,
                                                     message):
    login(team["contact"])
    data.setdefault("language", "en")
    response = client.post("/members/account/colleagues/invite", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-errors"' in page and message in page
    for value in (data["name"], data["email"]):
        if value:
            assert f'value="{value}"' in page
    assert mails_to(app, data["email"]) == []


def test_a_colleagues_address_is_refused_next_to_the_field(client, login, team):
    login(team["contact"])
    response = client.post("/members/account/colleagues/invite", data={
        "name": "Someone", "email": team["colleague"].email, "language": "en"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="email-errors"' in page and "already belongs to a colleague" in page


@pytest.mark.parametrize("owner", ["stranger", "staff"])
def test_an_address_in_use_elsewhere_is_answered_as_a_sent_invitation(
        app, client, login, make_user, team, audit_actions, owner):
    """The answer does not tell a primary contact that the address has an account with another
    enterprise or the secretariat; nothing is created and no mail leaves."""
    taken = team["stranger"] if owner == "stranger" else make_user(kind="staff", roles=("agent",))
    fresh_address = "nobody.yet@example.com"
    login(team["contact"])
    client.get("/members/")  # (the welcome message is shown there)
    answers = []
    for address in (taken.email, fresh_address):
        response = client.post("/members/account/colleagues/invite", data={
            "name": "Someone", "email": address, "language": "en"}, follow_redirects=True)
        page = response.get_data(as_text=True)
        answers.append(page.replace(address, "ADDRESS").split('<main')[1].split("<table")[0])
        assert f"An invitation has been sent to {address}." in page
    assert answers[0] == answers[1]
    assert mails_to(app, taken.email) == []
    with app.app_context():
        assert fresh(app, taken.id).enterprise_id == taken.enterprise_id
    assert ("invitation.refused", team["contact"].id, taken.id) in [
        a[:3] for a in audit_actions()]


def test_deactivated_colleague_is_out_at_once_and_can_be_reactivated(
        app, client, make_client, login, team, audit_actions):
    colleague = team["colleague"]
    their_browser = make_client()
    login(colleague, client=their_browser, remember=True)
    login(team["contact"])
    response = client.post(f"/members/account/colleagues/{colleague.id}/deactivate")
    assert response.headers["Location"] == "/members/account/colleagues/"
    assert "Liu Colleague has been deactivated" in client.get(
        "/members/account/colleagues/").get_data(as_text=True)
    assert their_browser.get("/members/").status_code == 302
    assert make_client().post("/login", data={"email": colleague.email, "password": PASSWORD}
                              ).status_code == 200
    client.post(f"/members/account/colleagues/{colleague.id}/reactivate")
    assert fresh(app, colleague.id).active
    assert make_client().post("/login", data={"email": colleague.email, "password": PASSWORD}
                              ).status_code == 302
    actions = [(a[0], a[1], a[2]) for a in audit_actions()]
    assert ("colleague.deactivated", team["contact"].id, colleague.id) in actions
    assert ("colleague.reactivated", team["contact"].id, colleague.id) in actions


def test_primary_contact_cannot_deactivate_self_or_another_primary_contact(
        app, client, login, team, make_user):
    other_contact = make_user(enterprise=team["contact"].enterprise, is_primary_contact=True)
    login(team["contact"])
    for target in (team["contact"], other_contact):
        response = client.post(f"/members/account/colleagues/{target.id}/deactivate")
        assert response.status_code == 302
        assert fresh(app, target.id).active
    page = client.get("/members/account/colleagues/").get_data(as_text=True)
    assert "can only be deactivated by the secretariat" in page


def test_primary_contact_hands_the_role_on(app, client, make_client, login, team,
                                           audit_actions):
    contact, colleague = team["contact"], team["colleague"]
    login(contact)
    response = client.post(f"/members/account/colleagues/{colleague.id}/make-primary")
    assert response.headers["Location"] == "/members/account/"
    assert "Liu Colleague is now the primary contact" in client.get(
        "/members/account/").get_data(as_text=True)
    assert fresh(app, colleague.id).is_primary_contact
    assert not fresh(app, contact.id).is_primary_contact
    assert client.get("/members/account/colleagues/").status_code == 403
    successor = make_client()
    login(colleague, client=successor)
    assert successor.get("/members/account/colleagues/").status_code == 200
    assert ("primary_contact.handed_on", contact.id, colleague.id) in [
        a[:3] for a in audit_actions()]


def test_role_goes_only_to_an_active_colleague_with_a_password(app, client, login, team):
    login(team["contact"])
    client.post(f"/members/account/colleagues/{team['invited'].id}/make-primary")
    assert not fresh(app, team["invited"].id).is_primary_contact
    assert fresh(app, team["contact"].id).is_primary_contact
    assert "Only an active colleague" in client.get("/members/account/colleagues/").get_data(
        as_text=True)


def test_invitation_is_resent_and_withdrawn_from_the_list(app, client, login, team,
                                                          audit_actions):
    invited = team["invited"]
    login(team["contact"])
    client.post(f"/members/account/colleagues/{invited.id}/resend")
    (mail,) = mails_to(app, invited.email)
    client.post(f"/members/account/colleagues/{invited.id}/revoke")
    assert not fresh(app, invited.id).active
    assert client.get(path_of(link_in(mail))).status_code == 400
    page = client.get("/members/account/colleagues/").get_data(as_text=True)
    assert "Invitation withdrawn" in page
    actions = [a[0] for a in audit_actions()]
    assert "invitation.resent" in actions and "invitation.revoked" in actions


def test_accepted_colleague_has_no_invitation_to_withdraw(app, client, login, team):
    login(team["contact"])
    client.post(f"/members/account/colleagues/{team['colleague'].id}/revoke")
    assert fresh(app, team["colleague"].id).active
    assert "already accepted" in client.get("/members/account/colleagues/").get_data(
        as_text=True)


def test_colleague_actions_need_post(client, login, team):
    login(team["contact"])
    assert client.get(f"/members/account/colleagues/{team['colleague'].id}/deactivate"
                      ).status_code == 405


@pytest.mark.parametrize("staff_action, member_action, member", [
    ("deactivate", "reactivate", "colleague"),
    ("revoke", "resend", "invited"),
])
def test_a_primary_contact_cannot_undo_what_the_secretariat_decided(
        app, make_client, login, staff_admin, team, staff_action, member_action, member):
    target = team[member]
    admin = make_client()
    login(staff_admin, client=admin)
    assert admin.post(f"/staff/users/{target.id}/{staff_action}").status_code == 302
    assert not fresh(app, target.id).active
    contact = make_client()
    login(team["contact"], client=contact)
    response = contact.post(f"/members/account/colleagues/{target.id}/{member_action}",
                            follow_redirects=True)
    assert "only the secretariat can change that" in response.get_data(as_text=True)
    assert not fresh(app, target.id).active
    assert mails_to(app, target.email) == []
    # The secretariat itself may change its mind.
    back = "reactivate" if staff_action == "deactivate" else "resend"
    assert admin.post(f"/staff/users/{target.id}/{back}").status_code == 302
    assert fresh(app, target.id).active and not fresh(app, target.id).blocked_by_staff
