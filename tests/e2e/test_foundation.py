"""The foundation in a real browser: page chrome in both languages, the switches, signing in
and out, refusals and error pages. Every page reached is checked with check_page()."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD

WEEKDAYS_ZH = "一二三四五六日"


def today():
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def sign_in(page, email, password=DEMO_PASSWORD, button="登录"):
    page.goto("/login")
    page.get_by_label("电子邮箱" if button == "登录" else "E-mail").fill(email)
    page.get_by_label("密码" if button == "登录" else "Password", exact=True).fill(password)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_home_in_chinese_shows_hotline_date_and_footer(page, check_page, demo):
    response = page.goto("/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    day = today()
    date_zh = f"今天是 {day.year}年{day.month}月{day.day}日 星期{WEEKDAYS_ZH[day.weekday()]}"
    header = page.locator(".site-header")
    expect(header).to_contain_text("服务热线")
    expect(header).to_contain_text("010-6500 1234")
    expect(header.locator("time")).to_have_text(date_zh)
    expect(page.get_by_role("heading", level=1)).to_have_text("会员服务门户")
    expect(page.get_by_role("heading", level=2, name="商会动态")).to_be_visible()
    footer = page.locator("footer")
    expect(footer).to_contain_text("北京市东城区示例大街 88 号商会大厦 6 层")
    expect(footer).to_contain_text("100010")
    icp = footer.get_by_role("link", name="京ICP备00000000号-1")
    expect(icp).to_have_attribute("href", "https://beian.miit.gov.cn/")
    expect(footer).to_contain_text("京公网安备 11010100000000号")
    check_page(page, "home-zh")


def test_home_in_english_for_an_english_browser(new_page, check_page, demo):
    page = new_page("en-GB")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    day = today()
    header = page.locator(".site-header")
    expect(header).to_contain_text("Service hotline")
    expect(header.locator("time")).to_have_text(
        f"{day:%A}, {day.day} {day:%B} {day.year}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Member Services Portal")
    expect(page.get_by_role("heading", level=2, name="Chamber News")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("88 Example Street")
    check_page(page, "home-en")


def test_language_switch_returns_to_the_same_page_and_is_remembered(page, check_page, demo):
    page.goto("/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_page(page, "login-en")

    page.get_by_role("link", name="Member Services Portal").click()  # the site name
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator(".site-header")).to_contain_text("Service hotline")

    # On a public page the switch is a link to the same page in the other language.
    page.get_by_role("link", name="News", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/news/$"))
    page.get_by_role("link", name="中文").click()
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.locator(".site-header")).to_contain_text("服务热线")
    # ... and remembered: the home page and the log-in page follow the choice.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    page.goto("/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录")


def test_font_size_switch_changes_the_root_size_and_is_remembered(page, check_page, demo):
    def root_size():
        return page.evaluate("getComputedStyle(document.documentElement).fontSize")

    def wait_for_size(size):
        # after a POST-redirect the stylesheet may still be applying: poll, bounded by 5 s
        page.wait_for_function(
            "size => getComputedStyle(document.documentElement).fontSize === size",
            arg=size, timeout=5000)
        return size

    page.goto("/")
    assert wait_for_size("16px") == root_size()
    expect(page.get_by_role("button", name="中号字")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="大号字").click()  # in the browser: no request
    expect(page.get_by_role("button", name="大号字")).to_have_attribute("aria-pressed", "true")
    assert wait_for_size("19px") == root_size()
    check_page(page, "home-large-text")

    # Remembered on the next page, set before the page is drawn (font-size.js in <head>).
    page.goto("/login")
    assert page.evaluate("document.documentElement.className") == "fs-large"
    assert wait_for_size("19px") == root_size()
    page.get_by_role("button", name="小号字").click()
    expect(page.get_by_role("button", name="小号字")).to_have_attribute("aria-pressed", "true")
    assert wait_for_size("14px") == root_size()
    check_page(page, "login-small-text")


def test_login_page_and_its_error_states(page, check_page, demo):
    page.goto("/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录")
    check_page(page, "login-zh")

    page.get_by_role("button", name="登录", exact=True).click()
    expect(page.get_by_text("请输入电子邮箱。")).to_be_visible()
    check_page(page, "login-empty-zh")

    sign_in(page, "member1@example.org", password="not-the-password")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("alert")).to_have_text("电子邮箱或密码不正确。")
    expect(page.get_by_label("电子邮箱")).to_have_value("member1@example.org")
    check_page(page, "login-error-zh")


def test_login_page_in_english_with_its_error(new_page, check_page, demo):
    page = new_page("en")
    sign_in(page, "nobody@example.org", password="whatever-it-is", button="Sign in")
    expect(page.get_by_role("alert")).to_have_text(
        "The e-mail address or password is not correct.")
    check_page(page, "login-error-en")


@pytest.mark.parametrize(("who", "email", "dashboard", "name", "shown"), [
    ("member", "member1@example.org", "/members/", "李明", "青禾智能装备有限公司"),
    ("staff", "agent@example.org", "/staff/", "王律师", "所在部门：法律服务部"),
], ids=["member", "staff"])
def test_signing_in_opens_ones_own_dashboard(page, check_page, demo, who, email, dashboard, name,
                                             shown):
    sign_in(page, email)
    expect(page).to_have_url(re.compile(rf"{dashboard}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"您好，{name}")
    expect(page.locator("main")).to_contain_text(shown)
    expect(page.locator(".flashes")).to_contain_text(f"欢迎您，{name}。")
    check_page(page, f"{who}-dashboard")


def test_sign_out_returns_home_and_closes_the_member_area(page, check_page, demo):
    sign_in(page, "member1@example.org")
    expect(page).to_have_url(re.compile(r"/members/$"))
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".flashes")).to_contain_text("您已安全退出。")
    expect(page.get_by_role("button", name="退出登录")).to_have_count(0)
    check_page(page, "home-signed-out")

    page.goto("/members/")
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)members(/|%2F)$"))
    check_page(page, "login-next")
    page.get_by_label("电子邮箱").fill("member1@example.org")
    page.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page).to_have_url(re.compile(r"/members/$"))


def test_suspended_enterprise_member_is_refused_with_the_reason(page, check_page, demo):
    sign_in(page, "suspended@example.org")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("alert")).to_have_text(
        "贵单位的会籍已暂停或已过期，其账号暂时无法登录。请联系秘书处会员部。")
    check_page(page, "login-suspended")


def test_member_opening_the_staff_area_gets_the_translated_403(page, check_page, demo):
    sign_in(page, "member1@example.org")
    response = page.goto("/staff/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("无权访问")
    check_page(page, "error-403")


def test_unknown_address_gets_the_translated_404(page, check_page, demo):
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("页面不存在")
    check_page(page, "error-404")
