"""A mail tells the user their password was changed: after a change on the account page and
after a reset, in the user's language, with the forgotten-password page (no live link)."""

from __future__ import annotations

from tests.conftest import PASSWORD, link_in, mails_to, path_of

NEW = "a much better password 7"


def test_changing_the_password_mails_the_user(app, client, login, make_user):
    user = make_user(language="zh_CN", email="li@example.com")
    login(user)
    client.post("/members/account/password", data={
        "current_password": PASSWORD, "password": NEW, "confirm": NEW})
    [mail] = mails_to(app, "li@example.com")
    assert mail.template == "password_changed"
    assert mail.subject == "您的密码已更改"
    assert "li@example.com" in mail.body_text and "北京时间" in mail.body_text
    assert link_in(mail) == "http://127.0.0.1:5000/password/forgot"


def test_a_refused_change_mails_nobody(app, client, login, make_user):
    user = make_user(email="wang@example.com")
    login(user)
    client.post("/members/account/password", data={
        "current_password": "wrong", "password": NEW, "confirm": NEW})
    assert mails_to(app, "wang@example.com") == []


def test_a_reset_mails_the_user_in_english(app, client, make_user):
    make_user(language="en", email="grace@example.com")
    client.post("/password/forgot", data={"email": "grace@example.com"})
    [reset] = mails_to(app, "grace@example.com")
    client.post(path_of(link_in(reset)), data={"password": NEW, "confirm": NEW})
    reset_mail, changed = mails_to(app, "grace@example.com")
    assert changed.template == "password_changed"
    assert changed.subject == "Your password was changed"
    assert "If this was you, there is nothing to do." in changed.body_text
    assert "(Beijing time)" in changed.body_text
