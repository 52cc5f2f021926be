"""An admin invites a member user in a real browser, and the invitation is really mailed.

The secretariat's admin (Chinese UI) invites a new user into 青禾智能装备有限公司 from the user
administration (/staff/users/); the outbox delivers the invitation over SMTP to aiosmtpd (the
`mail` fixture of test_accounts_journeys, links built from BASE_URL = the live server); the
invitee, in a browser of their own, opens the link, is refused a too-short password next to the
field, sets a good one, signs in and lands in the member area of their enterprise; the admin's
list then shows them signed in. Every page reached is checked with check_page().
"""

from __future__ import annotations

import re
from email.utils import parseaddr

from playwright.sync_api import expect

from portal.enterprises.creditcode import complete_code
from tests.e2e.test_accounts_journeys import (  # noqa: F401  (mail, smtp_inbox: fixtures)
    flashes,
    mail,
    only_link,
    smtp_inbox,
    text_of,
)
from tests.e2e.test_foundation import sign_in

ENTERPRISE = "青禾智能装备有限公司"
# The code as the secretariat reads it off the enterprise's record (portal.demo).
CREDIT_CODE = complete_code("91110108MA01ABCD1")
INVITEE, INVITEE_EMAIL = "王芳", "wang.fang@qinghe-example.cn"
TOO_SHORT = "禾苗7号"  # 4 characters
PASSWORD = "青禾 spring field 2026"


def user_row(page, email):
    return page.locator("#user-list tbody tr").filter(has_text=email)


def test_admin_invites_a_member_user_who_sets_a_password_and_signs_in(
        pages, check_page, demo, mail, live_server):  # noqa: F811  (the imported fixture)
    admin = pages.new("zh-CN")
    sign_in(admin, "admin@example.org")
    admin.goto("/staff/users/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("用户管理")
    check_page(admin, "invite-01-users")

    # The invitation form, filled as the secretariat would: no primary contact, Chinese mail.
    admin.get_by_role("link", name="邀请会员用户").click()
    expect(admin).to_have_url(re.compile(r"/staff/users/new\?kind=member$"))
    expect(admin.get_by_role("heading", level=1)).to_have_text("邀请会员用户")
    check_page(admin, "invite-02-form")
    admin.get_by_label("电子邮箱").fill(INVITEE_EMAIL)
    admin.get_by_label("姓名").fill(INVITEE)
    admin.get_by_label("所属企业（名称或统一社会信用代码）").fill(CREDIT_CODE)
    expect(admin.get_by_label("企业主要联系人")).not_to_be_checked()
    expect(admin.get_by_label("邀请邮件语言").locator("option:checked")).to_have_text("中文")
    admin.get_by_role("button", name="发送邀请").click()

    expect(admin).to_have_url(re.compile(r"/staff/users/\d+/edit$"))
    expect(flashes(admin)).to_contain_text(f"邀请已发送至 {INVITEE_EMAIL}。")
    expect(admin.get_by_role("heading", level=1)).to_have_text(INVITEE)
    expect(admin.locator("#user-facts")).to_contain_text(ENTERPRISE)
    expect(admin.locator("#invitation-status")).to_contain_text("尚未接受")
    expect(admin.locator("#resend-invitation")).to_be_visible()
    check_page(admin, "invite-03-invited")

    admin.locator("main").get_by_role("link", name="用户管理").first.click()
    admin.get_by_label("关键词").fill(INVITEE)
    admin.get_by_role("button", name="筛选").click()
    row = user_row(admin, INVITEE_EMAIL)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(INVITEE)
    expect(row).to_contain_text(ENTERPRISE)
    expect(row).to_contain_text("会员")
    # The list has no "invited" state: its account column reads 正常 for an invitee who has
    # no password yet (reported); the user's own page above says the invitation is pending.
    expect(row.locator("td").nth(4)).not_to_have_text("已停用")
    check_page(admin, "invite-04-listed")

    # The invitation arrives over SMTP, in Chinese, with one link under BASE_URL.
    [message] = mail().to(INVITEE_EMAIL)
    assert message["Subject"] == "您在会员服务门户的账号"
    assert parseaddr(message["From"])[0] == "会员服务门户"
    body = text_of(message)
    assert f"周秘书长已为您在会员服务门户开通账号（{ENTERPRISE}）。" in body
    assert f"您的登录名为您的电子邮箱：{INVITEE_EMAIL}" in body
    assert "请在 7 天内打开以下链接设置您的密码：" in body
    assert ENTERPRISE in message.get_body(preferencelist=("html",)).get_content()
    link = only_link(message, live_server)
    assert "/invite/" in link

    # The invitee, in a browser of their own.
    invitee = pages.new("zh-CN")
    response = invitee.goto(link)
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(invitee.get_by_role("heading", level=1)).to_have_text(f"{INVITEE}，欢迎您")
    expect(invitee.locator("main")).to_contain_text(INVITEE_EMAIL)
    check_page(invitee, "invite-05-accept")

    new, repeat = invitee.get_by_label("新密码", exact=True), invitee.get_by_label("确认新密码")
    new.fill(TOO_SHORT)
    repeat.fill(TOO_SHORT)
    invitee.get_by_role("button", name="设置密码").click()
    expect(invitee).to_have_url(link)
    expect(invitee.locator("#password-errors")).to_have_text("密码至少需要 8 个字符。")
    expect(new).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(new).to_have_attribute("aria-describedby", re.compile(r"\bpassword-errors\b"))
    check_page(invitee, "invite-06-too-short")

    new.fill(PASSWORD)
    repeat.fill(PASSWORD)
    invitee.get_by_role("button", name="设置密码").click()
    # Signed in at once: no second log-in right after choosing the password.
    expect(invitee).to_have_url(re.compile(r"/members/$"))
    expect(flashes(invitee)).to_contain_text(f"欢迎您，{INVITEE}！密码已设置，您已登录。")
    check_page(invitee, "invite-07-password-set")

    expect(invitee.get_by_role("heading", level=1)).to_have_text(f"您好，{INVITEE}")
    expect(invitee.locator("main")).to_contain_text(ENTERPRISE)
    check_page(invitee, "invite-08-dashboard")

    response = invitee.goto(link)  # the link died once used
    assert response.status == 400
    expect(invitee.get_by_role("heading", level=1)).to_have_text("链接无效或已过期")
    check_page(invitee, "invite-09-link-used")

    # Back in the admin's list: the user is active, and their page shows the sign-in.
    admin.reload()
    expect(row.locator("td").nth(4)).to_have_text("正常")
    check_page(admin, "invite-10-active")
    row.get_by_role("link", name=INVITEE).click()
    expect(admin.locator("#user-status")).to_have_text("正常")
    expect(admin.locator("#invitation-status")).to_have_count(0)
    expect(admin.locator("#resend-invitation")).to_have_count(0)
    expect(admin.locator("#user-facts")).not_to_contain_text("—")
    expect(admin.locator("#deactivate-user")).to_be_visible()
    check_page(admin, "invite-11-user-active")
