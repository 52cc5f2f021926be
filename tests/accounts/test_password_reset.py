"""Password reset: same answer for any address, a one-hour single-use link from BASE_URL."""

from __future__ import annotations

import statistics
import time

import pytest

from portal.accounts.models import User
from portal.extensions import db
from tests.conftest import PASSWORD, link_in, mails_to, path_of
from tests.users.test_invitations import make_old_token

NEW = "a brand new passphrase"
SAME_ANSWER = "If an account uses this address, we have sent it a link"


def ask(client, email, **kwargs):
    return client.post("/password/forgot", data={"email": email}, **kwargs)


def reset_path(app, client, user):
    assert ask(client, user.email).status_code == 302
    return path_of(link_in(mails_to(app, user.email)[-1]))


def test_login_page_links_to_forgot_password(client):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def test_known_and_unknown_addresses_get_the_same_answer(app, client, member, audit_actions):
    known = ask(client, member.email)
    page_known = client.get(known.headers["Location"]).get_data(as_text=True)
    unknown = ask(client, "nobody@example.com")
    page_unknown = client.get(unknown.headers["Location"]).get_data(as_text=True)
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/password/forgot"
    assert SAME_ANSWER in page_known and SAME_ANSWER in page_unknown
    assert len(mails_to(app, member.email)) == 1
    assert mails_to(app, "nobody@example.com") == []
    events = audit_actions()
    assert [e[0] for e in events] == ["password.reset_requested"] * 2
    assert events[0][2] == member.id and events[0][3] == {"email": member.email, "known": True}
    assert events[1][2] is None and events[1][3]["known"] is False
    token = link_in(mails_to(app, member.email)[0]).rsplit("/", 1)[1]
    assert token not in str(events)


def test_unknown_address_takes_about_as_long_as_a_known_one(client, member):
    def timed(email):
        start = time.perf_counter()
        ask(client, email)
        return time.perf_counter() - start

    timed(member.email), timed("nobody@example.com")  # warm up
    # Interleaved, median of many: a loaded CI machine adds noise of the same size as the work.
    pairs = [(timed(member.email), timed("nobody@example.com")) for _ in range(15)]
    known = statistics.median(k for k, _ in pairs)
    unknown = statistics.median(u for _, u in pairs)
    assert unknown > known * 0.3


def test_deactivated_account_gets_no_mail(app, client, make_user):
    user = make_user(active=False)
    assert ask(client, user.email).status_code == 302
    assert mails_to(app, user.email) == []


@pytest.mark.parametrize("email, message", [
    ("", "Please enter an e-mail address."),
    ("not-an-address", "Please enter a valid e-mail address."),
    ("x" * 250 + "@example.com", "The e-mail address is too long."),
])
def test_bad_address_is_refused_next_to_the_field_and_kept(client, email, message):
    response = ask(client, email)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and 'id="email-errors"' in page
    if email:
        assert f'value="{email}"' in page


def test_mail_is_in_the_users_language(app, client, make_user):
    user = make_user(language="zh_CN", name="王芳")
    ask(client, user.email)
    (mail,) = mails_to(app, user.email)
    assert mail.subject == "重置密码" and "王芳，您好" in mail.body_text


def test_link_uses_the_base_url_not_the_request_host(app, client, member):
    app.config["BASE_URL"] = "https://members.chamber.example"
    ask(client, member.email, headers={"Host": "localhost:8080"})
    assert link_in(mails_to(app, member.email)[0]).startswith(
        "https://members.chamber.example/password/reset/")


def test_foreign_host_header_is_refused(client, member):
    assert ask(client, member.email, headers={"Host": "evil.example"}).status_code == 400


def test_reset_round_trip(app, client, make_client, login, member, audit_actions):
    other_browser = make_client()
    login(member, client=other_browser)
    path = reset_path(app, client, member)
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
    assert member.email in page.get_data(as_text=True)
    done = client.post(path, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert done.headers["Referrer-Policy"] == "no-referrer"
    assert "Your new password is set" in client.get("/login").get_data(as_text=True)
    assert client.post("/login", data={"email": member.email, "password": PASSWORD}
                       ).status_code == 200
    assert client.post("/login", data={"email": member.email, "password": NEW}
                       ).status_code == 302
    assert other_browser.get("/members/").status_code == 302  # other sessions ended
    assert "password.reset" in [e[0] for e in audit_actions()]
    assert NEW not in str(audit_actions())


def test_link_works_once(app, client, member):
    path = reset_path(app, client, member)
    client.post(path, data={"password": NEW, "confirm": NEW})
    again = client.get(path)
    assert again.status_code == 400
    assert "This link is invalid or has expired" in again.get_data(as_text=True)
    assert client.post(path, data={"password": "another one!", "confirm": "another one!"}
                       ).status_code == 400


def test_link_dies_when_the_password_changes_otherwise(app, client, member):
    from portal.accounts.services import set_password

    path = reset_path(app, client, member)
    with app.app_context():
        set_password(db.session.get(User, member.id), "changed elsewhere")
        db.session.commit()
    assert client.get(path).status_code == 400


def test_only_the_newest_links_matter_for_nothing_else(app, client, member):
    """Two requests give two working links; using one kills the other."""
    first, second = reset_path(app, client, member), reset_path(app, client, member)
    assert client.get(first).status_code == client.get(second).status_code == 200
    client.post(second, data={"password": NEW, "confirm": NEW})
    assert client.get(first).status_code == 400


def test_link_expires_after_an_hour(app, client, member):
    fresh = make_old_token(app, member.id, "reset", 3600 - 60)
    stale = make_old_token(app, member.id, "reset", 3600 + 60)
    assert client.get(f"/password/reset/{fresh}").status_code == 200
    assert client.get(f"/password/reset/{stale}").status_code == 400


def test_invitation_token_is_no_reset_token(app, client, member):
    from portal.accounts.tokens import make_token

    with app.app_context():
        token = make_token(db.session.get(User, member.id), "invitation")
    assert client.get(f"/password/reset/{token}").status_code == 400


def test_tampered_link_shows_the_invalid_link_page(app, client, member):
    token = reset_path(app, client, member).rsplit("/", 1)[1]
    for bad in (token[:-3] + "xyz", token + "x", "x" * 60):
        response = client.get(f"/password/reset/{bad}")
        assert response.status_code == 400
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_deactivated_user_cannot_use_an_earlier_link(app, client, member):
    path = reset_path(app, client, member)
    with app.app_context():
        db.session.get(User, member.id).active = False
        db.session.commit()
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("password, confirm, message", [
    ("short", "short", "at least 8 characters"),
    ("12345678", "12345678", "too common"),
    (NEW, "something else", "not the same"),
])
def test_reset_page_rejects_bad_passwords(app, client, member, password, confirm, message):
    path = reset_path(app, client, member)
    response = client.post(path, data={"password": password, "confirm": confirm})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert client.get(path).status_code == 200  # the link still works


def test_mail_server_down_does_not_affect_the_request(app, client, member):
    from portal.mail.sender import send_pending
    from tests.mail.conftest import free_port

    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=free_port())
    assert ask(client, member.email).status_code == 302
    with app.app_context():
        assert send_pending().retried == 1
    (mail,) = mails_to(app, member.email)
    assert mail.status == "queued" and mail.attempts == 1
    assert mail.next_attempt_at > mail.created_at
