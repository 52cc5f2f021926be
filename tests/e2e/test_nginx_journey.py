"""The portal behind the shipped nginx configuration (deploy/nginx/portal.conf), in a real
browser: a visitor's pages come from nginx's cache; an editor publishes and the visitor sees
the article at once; a signed-in member never gets a cached page. nginx runs on a free port
as the user running the tests (deploy/nginx/local.py), in front of the test's live server.
"""

from __future__ import annotations

import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.conftest import skip_or_fail
from tests.e2e.test_foundation import sign_in
from tests.e2e.test_news_journeys import type_rich_text

TITLE = "商会召开数字化转型经验交流会"
BODY = ["会员企业代表分享了生产线数字化改造的做法。"]


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def nginx(live_server, tmp_path):
    from deploy.nginx.local import LocalNginx, nginx_binary

    if nginx_binary() is None:
        skip_or_fail("nginx is not installed (Debian: apt-get install nginx-light)")
    server = LocalNginx(live_server.removeprefix("http://"), tmp_path / "nginx")
    yield server
    server.stop()


@pytest.fixture
def through_nginx(pages, nginx):
    """pages.new() opens browser contexts on nginx's address from here on."""
    pages.base_url = nginx.base
    return pages


def cache_status(base: str, path: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("X-Cache-Status", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache-Status", "")


def test_visitors_are_served_by_nginx_and_see_a_published_article_at_once(
        through_nginx, nginx, check_page, demo):
    visitor = through_nginx.new("zh-CN")
    first = visitor.goto("/news/")
    assert first.status == 200 and "set-cookie" not in first.headers
    assert cache_status(nginx.base, "/news/")[1] == "HIT"
    etag = visitor.request.get("/news/").headers["etag"]
    assert cache_status(nginx.base, "/news/", {"If-None-Match": etag})[0] == 304
    static = visitor.request.get(visitor.locator('link[rel="stylesheet"]').nth(1)
                                 .get_attribute("href"))
    assert "immutable" in static.headers["cache-control"]
    check_page(visitor, "nginx-news-zh")

    # An editor, through the same nginx, publishes an article.
    editor = through_nginx.new("zh-CN")
    sign_in(editor, "editor@example.org")
    editor.goto("/staff/news/new")
    editor.get_by_label("标题（中文）").fill(TITLE)
    type_rich_text(editor.locator(".ql-editor").nth(0), BODY)
    editor.get_by_label("栏目").select_option(label="商会动态")
    editor.once("dialog", lambda dialog: dialog.accept())  # "publish now?"
    editor.get_by_role("button", name="立即发布").click()
    expect(editor.locator(".flashes")).to_contain_text("文章已发布")
    assert editor.request.get("/news/").headers["x-cache-status"] == "BYPASS"

    # The visitor sees it at once: nginx asks the portal again (its copy is a second old at
    # most) and the portal's ETag has changed.
    started = time.monotonic()
    link = visitor.locator("main").get_by_role("link", name=TITLE)
    visitor.reload()
    while not link.is_visible() and time.monotonic() - started < 5:
        visitor.wait_for_timeout(250)  # a copy made within the last second may still be served
        visitor.reload()
    expect(link).to_be_visible()
    assert time.monotonic() - started < 5
    visitor.locator("main").get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("article")).to_contain_text(BODY[0])
    check_page(visitor, "nginx-article-zh")
    visitor.goto("/")
    expect(visitor.locator("main").get_by_role("link", name=TITLE).first).to_be_visible()


def test_a_signed_in_member_never_gets_a_cached_page(through_nginx, nginx, check_page, demo):
    visitor = through_nginx.new("zh-CN")
    visitor.goto("/")
    assert cache_status(nginx.base, "/")[1] == "HIT"
    member = through_nginx.new("zh-CN")
    sign_in(member, "member1@example.org")
    for path in ("/", "/news/", "/members/"):
        response = member.request.get(path)
        assert response.status == 200, path
        assert response.headers.get("x-cache-status") in ("BYPASS", None), path
        assert "no-store" in response.headers["cache-control"], path
    member.goto("/")
    expect(member.locator(".site-header")).to_contain_text("退出登录")
    # ... and what the member saw was never stored for visitors.
    visitor.reload()
    expect(visitor.locator(".site-header")).not_to_contain_text("退出登录")
    expect(visitor.locator(".site-header")).to_contain_text("会员登录")


def test_the_root_sends_an_english_browser_to_en_through_nginx(through_nginx, nginx, demo):
    english = through_nginx.new("en-GB")
    english.goto("/")
    expect(english).to_have_url(re.compile(r"/en/$"))
    chinese = through_nginx.new("zh-CN")
    chinese.goto("/")
    expect(chinese).to_have_url(re.compile(r"/$"))
    expect(chinese.locator("html")).to_have_attribute("lang", "zh-CN")
    english.goto("/")  # nginx holds one copy of / per answer
    expect(english).to_have_url(re.compile(r"/en/$"))
