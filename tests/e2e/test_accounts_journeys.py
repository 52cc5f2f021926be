"""Account journeys in a real browser, with the mail really sent: forgot password and back in,
and a primary contact inviting and deactivating a colleague.

Mail goes the production way: the outbox row is delivered by the sender (portal.mail.sender)
over SMTP to an aiosmtpd server on 127.0.0.1, and the test reads the link from what arrived.
Links are built from BASE_URL, which points at the live server. Every page reached is checked
with check_page().
"""

from __future__ import annotations

import re
from email import message_from_bytes
from email.policy import default as default_policy
from email.utils import parseaddr

import pytest
from playwright.sync_api import expect

from deploy.nginx.local import free_port
from portal.demo import DEMO_PASSWORD

NEW_PASSWORD = "翠湖 morning walk 2026"
COLLEAGUE_PASSWORD = "lanterns over the Liangma river"
ENTERPRISE_EN = "Qinghe Intelligent Equipment Co., Ltd."

TEXT = {
    "zh-CN": {
        "sign_in": "登录", "email": "电子邮箱", "password": "密码",
        "forgot": "忘记密码？", "send_link": "发送链接",
        "same_answer": "如该邮箱已注册账号，我们已向其发送设置新密码的链接，链接一小时内有效。",
        "choose": "设置新密码", "new": "新密码", "repeat": "确认新密码",
        "set_button": "设置新密码", "mismatch": "两次输入的密码不一致。",
        "password_set": "新密码已设置，请使用新密码登录。",
        "hello": "您好，李明", "invalid": "链接无效或已过期",
    },
    "en": {
        "sign_in": "Sign in", "email": "E-mail", "password": "Password",
        "forgot": "Forgot your password?", "send_link": "Send the link",
        "same_answer": "If an account uses this address, we have sent it a link to choose a "
                       "new password. The link works for one hour.",
        "choose": "Choose a new password", "new": "New password",
        "repeat": "Repeat the new password", "set_button": "Set the new password",
        "mismatch": "The two passwords are not the same.",
        "password_set": "Your new password is set. Please sign in with it.",
        "hello": "Hello, 李明", "invalid": "This link is invalid or has expired",
    },
}


# --- mail: the outbox delivered over SMTP to aiosmtpd --------------------------------------


class Inbox:
    """Whatever the aiosmtpd server on 127.0.0.1 received, as parsed messages."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def to(self, address):
        return [message_from_bytes(e.content, policy=default_policy)
                for e in self.envelopes if address in e.rcpt_tos]


@pytest.fixture
def smtp_inbox():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


@pytest.fixture
def mail(app, live_server, smtp_inbox):
    """deliver() -> the Inbox, after one round of the sender; links point at the live server."""
    from portal.extensions import db
    from portal.mail.sender import send_pending

    port, inbox = smtp_inbox
    app.config.update(BASE_URL=live_server, MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1",
                      MAIL_PORT=port, MAIL_SECURITY="none", MAIL_USERNAME="")

    def deliver():
        with app.app_context():
            report = send_pending()
            db.session.remove()
        assert report.failed == report.retried == 0, report
        return inbox

    return deliver


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def only_link(message, base_url: str) -> str:
    """The one link of the mail: absolute, under BASE_URL, the same in text and HTML."""
    links = re.findall(r"https?://\S+", text_of(message))
    assert len(links) == 1, links
    assert links[0].startswith(base_url + "/"), links[0]
    assert f'href="{links[0]}"' in message.get_body(preferencelist=("html",)).get_content()
    return links[0]


# --- helpers -------------------------------------------------------------------------------


def sign_in(page, email, password, text):
    page.get_by_label(text["email"]).fill(email)
    page.get_by_label(text["password"], exact=True).fill(password)
    page.get_by_role("button", name=text["sign_in"], exact=True).click()
    page.wait_for_load_state()


def flashes(page):
    return page.locator(".flashes")


# --- 1. forgot password, round trip ----------------------------------------------------------


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_forgot_password_round_trip(new_page, check_page, demo, mail, live_server, locale):
    text, tag = TEXT[locale], locale[:2]
    page = new_page(locale)
    page.goto("/login")
    check_page(page, f"reset-01-login-{tag}")

    page.get_by_role("link", name=text["forgot"]).click()
    expect(page).to_have_url(re.compile(r"/password/forgot$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["forgot"])
    check_page(page, f"reset-02-forgot-{tag}")

    # An unknown address and a known one get the same answer; only the known one gets mail.
    for address in ("nobody@example.org", "member1@example.org"):
        page.get_by_label(text["email"]).fill(address)
        page.get_by_role("button", name=text["send_link"]).click()
        expect(page).to_have_url(re.compile(r"/password/forgot$"))
        expect(flashes(page)).to_have_text(text["same_answer"])
    check_page(page, f"reset-03-link-sent-{tag}")

    inbox = mail()
    assert inbox.to("nobody@example.org") == []
    [message] = inbox.to("member1@example.org")
    # Mail is in the recipient's saved language; member1 has none, so the portal's (Chinese).
    assert message["Subject"] == "重置密码"
    assert parseaddr(message["From"])[0] == "会员服务门户"
    assert "member1@example.org" in text_of(message)
    link = only_link(message, live_server)
    assert "/password/reset/" in link

    response = page.goto(link)
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(page.get_by_role("heading", level=1)).to_have_text(text["choose"])
    check_page(page, f"reset-04-choose-{tag}")

    page.get_by_label(text["new"], exact=True).fill(NEW_PASSWORD)
    page.get_by_label(text["repeat"]).fill(NEW_PASSWORD + "!")
    page.get_by_role("button", name=text["set_button"]).click()
    expect(page.get_by_text(text["mismatch"])).to_be_visible()
    check_page(page, f"reset-05-mismatch-{tag}")

    page.get_by_label(text["new"], exact=True).fill(NEW_PASSWORD)
    page.get_by_label(text["repeat"]).fill(NEW_PASSWORD)
    page.get_by_role("button", name=text["set_button"]).click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(flashes(page)).to_contain_text(text["password_set"])
    check_page(page, f"reset-06-password-set-{tag}")

    sign_in(page, "member1@example.org", NEW_PASSWORD, text)
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["hello"])
    check_page(page, f"reset-07-dashboard-{tag}")

    response = page.goto(link)  # the link died with the password change
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text(text["invalid"])
    check_page(page, f"reset-08-link-used-{tag}")


# --- 2. a primary contact invites a colleague, and deactivates them --------------------------


def test_primary_contact_invites_and_deactivates_a_colleague(page, new_page, check_page, demo,
                                                             mail, live_server):
    zh, en = TEXT["zh-CN"], TEXT["en"]
    page.goto("/login")
    sign_in(page, "member1@example.org", DEMO_PASSWORD, zh)
    expect(page).to_have_url(re.compile(r"/members/$"))

    page.get_by_role("banner").get_by_role("link", name="我的账号").click()
    expect(page).to_have_url(re.compile(r"/members/account/$"))
    check_page(page, "colleague-01-my-account")

    page.get_by_role("link", name="管理同事账号").click()
    expect(page).to_have_url(re.compile(r"/members/account/colleagues/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("青禾智能装备有限公司 的同事账号")
    check_page(page, "colleague-02-list")

    page.get_by_role("link", name="邀请同事").click()
    expect(page).to_have_url(re.compile(r"/members/account/colleagues/invite$"))
    page.get_by_role("button", name="发送邀请").click()
    expect(page.get_by_text("请填写姓名。")).to_be_visible()
    expect(page.get_by_text("请填写电子邮箱。")).to_be_visible()
    check_page(page, "colleague-03-invite-empty")

    page.get_by_label("姓名").fill("Daniel Wu")
    page.get_by_label("电子邮箱").fill("daniel.wu@example.org")
    page.get_by_label("邀请邮件语言").select_option("en")
    page.get_by_role("button", name="发送邀请").click()
    expect(page).to_have_url(re.compile(r"/members/account/colleagues/$"))
    expect(flashes(page)).to_contain_text("邀请已发送至 daniel.wu@example.org。")
    row = page.locator('tr[data-email="daniel.wu@example.org"]')
    expect(row.locator("[data-status]")).to_contain_text("邀请")
    check_page(page, "colleague-04-invited")

    # The invitation arrives in the language chosen for it.
    [message] = mail().to("daniel.wu@example.org")
    assert message["Subject"] == "Your account on Member Services Portal"
    body = text_of(message)
    assert f"李明 has created an account for you on Member Services Portal ({ENTERPRISE_EN})" \
        in body
    assert "daniel.wu@example.org" in body
    link = only_link(message, live_server)
    assert "/invite/" in link

    # The colleague, in their own (English) browser.
    colleague = new_page("en")
    response = colleague.goto(link)
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Welcome, Daniel Wu")
    check_page(colleague, "colleague-05-accept-en")

    colleague.get_by_label("New password", exact=True).fill(COLLEAGUE_PASSWORD)
    colleague.get_by_label("Repeat the new password").fill(COLLEAGUE_PASSWORD)
    colleague.get_by_role("button", name="Set my password").click()
    expect(colleague).to_have_url(re.compile(r"/members/$"))  # signed in at once
    expect(flashes(colleague)).to_contain_text(
        "Welcome, Daniel Wu! Your password is set and you are signed in.")
    check_page(colleague, "colleague-06-password-set-en")

    expect(colleague.get_by_role("heading", level=1)).to_have_text("Hello, Daniel Wu")
    expect(colleague.locator("main")).to_contain_text(ENTERPRISE_EN)
    check_page(colleague, "colleague-07-dashboard-en")

    # Back as the primary contact: the colleague is active now; deactivate them.
    page.reload()
    expect(row.locator("[data-status]")).to_have_text("正常")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    row.get_by_role("button", name="停用 Daniel Wu").click()
    expect(page).to_have_url(re.compile(r"/members/account/colleagues/$"))
    expect(flashes(page)).to_contain_text("Daniel Wu 的账号已停用，并已退出登录。")
    assert asked and "Daniel Wu" in asked[0]  # the browser asked before deactivating
    expect(row.locator("[data-status]")).to_have_text("已停用")
    expect(row.get_by_role("button", name="恢复启用 Daniel Wu")).to_be_visible()
    check_page(page, "colleague-08-deactivated")

    # The colleague's next page load sends them to sign in, and they cannot get back in.
    colleague.goto("/members/")
    expect(colleague).to_have_url(re.compile(r"/login(\?next=.*)?$"))
    expect(colleague.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(colleague.locator("main")).to_contain_text("This account has been deactivated.")
    check_page(colleague, "colleague-09-thrown-out-en")

    sign_in(colleague, "daniel.wu@example.org", COLLEAGUE_PASSWORD, en)
    expect(colleague).to_have_url(re.compile(r"/login"))
    expect(colleague.get_by_role("alert")).to_have_text(
        "This account has been deactivated. Please contact the secretariat.")
    check_page(colleague, "colleague-10-refused-en")
