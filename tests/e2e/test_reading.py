"""Reading and finding, in a real browser: the home page on a phone (about two screens, every
link and button at least 24 px high), the search box in every public page's header, the
about pages in both languages, and the English site name without Chinese letter-spacing."""

from __future__ import annotations

import re

from playwright.sync_api import expect

PHONE = {"width": 375, "height": 800}

SMALL_TARGETS = """() => [...document.querySelectorAll(
    'a:not(.visually-hidden-focusable), button, input, select')]
  .filter(el => { const r = el.getBoundingClientRect();
                  return r.width > 0 && r.height > 0 && r.height < 24
                         && getComputedStyle(el).visibility !== 'hidden'; })
  .map(el => el.outerHTML.slice(0, 120))"""


def test_the_home_page_on_a_phone(page, check_page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2.6 * PHONE["height"], f"the home page is {height} px tall on a phone"
    assert page.evaluate(SMALL_TARGETS) == []
    more = page.locator(".home-sections .home-more a").first
    expect(more).to_be_visible()
    expect(more).to_have_text(re.compile("^更多"))
    headline = page.locator(".home-headline img")
    expect(headline).to_have_attribute("alt", re.compile("^图片："))
    check_page(page, "reading-home-phone")


def test_search_from_the_header_finds_in_any_language(new_page, check_page, demo, app):
    app.test_cli_runner().invoke(args=["search", "reindex"])
    page = new_page("en")
    page.goto("/en/news/")
    page.locator(".site-header").get_by_label("Search").fill("商会")
    page.locator(".site-header").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search\?q="))
    hit = page.locator(".search-hit").first
    expect(hit).to_be_visible()
    expect(hit.locator(".news-category")).not_to_be_empty()
    expect(hit.locator("time")).to_be_visible()
    check_page(page, "reading-search-chinese-query-en")


def test_about_pages_in_the_navigation_in_both_languages(new_page, check_page, demo):
    page = new_page("zh-CN")
    page.goto("/")
    nav = page.get_by_role("navigation", name="主导航")
    nav.get_by_role("link", name="组织机构").click()
    expect(page).to_have_url(re.compile(r"/about/organisation$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("组织机构")
    expect(nav.get_by_role("link", name="组织机构")).to_have_attribute("aria-current", "page")
    check_page(page, "reading-about-zh")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/about/organisation$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation")
    spacing = page.evaluate(
        "getComputedStyle(document.querySelector('.site-name')).letterSpacing")
    assert spacing in ("normal", "0px")
    check_page(page, "reading-about-en")


def test_editors_order_the_about_pages(new_page, check_page, demo):
    from tests.e2e.test_foundation import sign_in

    editor = new_page("zh-CN")
    sign_in(editor, "editor@example.org")
    editor.goto("/staff/about/")
    expect(editor.get_by_role("heading", level=1)).to_have_text("介绍页面")
    check_page(editor, "reading-about-staff-list")
    editor.get_by_role("button", name="上移 入会指南").click()
    expect(editor.locator(".flashes")).to_contain_text("导航顺序已调整。")
    editor.goto("/")
    labels = editor.get_by_role("navigation", name="主导航").get_by_role("link").all_inner_texts()
    assert labels.index("入会指南") < labels.index("组织机构")
    editor.goto("/staff/about/")
    editor.locator("main").get_by_role("link", name="关于商会").click()
    expect(editor.locator(".ql-editor")).to_have_count(2)
    check_page(editor, "reading-about-staff-edit")
