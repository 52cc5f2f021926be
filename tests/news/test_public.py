"""Public news pages: home, lists, the article page, languages, and what never shows."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from portal.database import utcnow


def text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_news_list_pinned_first_then_newest(client, make_article):
    make_article(title_zh="较早消息", ago=50)
    make_article(title_zh="新闻", ago=1)
    make_article(title_zh="置顶公告", ago=100, pinned=True)
    page = text(client.get("/en/news/"))
    assert page.index("置顶公告") < page.index("新闻") < page.index("较早消息")


def test_news_list_paginates(client, make_article):
    for i in range(23):
        make_article(title_zh=f"第{i:02d}篇", ago=i + 1)
    first = text(client.get("/en/news/"))
    assert "第00篇" in first and "第19篇" in first and "第20篇" not in first
    assert 'href="/en/news/?page=2"' in first
    second = text(client.get("/en/news/?page=2"))
    assert "第22篇" in second and "第00篇" not in second
    assert client.get("/en/news/?page=99").status_code == 200
    assert client.get("/en/news/?page=abc").status_code == 200


def test_category_page_lists_only_its_articles(client, make_article, make_category):
    party = make_category(name_zh="党建工作", name_en="Party Building", slug="party-building")
    make_article(title_zh="党建文章", category=party)
    make_article(title_zh="动态文章")
    page = text(client.get("/en/news/c/party-building/"))
    assert "党建文章" in page and "动态文章" not in page
    assert "Party Building" in page
    assert client.get("/en/news/c/no-such-thing/").status_code == 404


@pytest.mark.parametrize("status, hours", [("draft", 1), ("scheduled", -5), ("archived", 1)])
def test_hidden_articles_show_nowhere(client, make_article, status, hours):
    hidden = make_article(status=status, title_zh="不应出现", ago=hours)
    make_article(title_zh="正常文章")
    for url in ("/en/", "/news/", "/news/c/chamber-news/", "/news/feed.atom", "/sitemap.xml",
                "/en/news/feed.atom"):
        body = text(client.get(url))
        assert "不应出现" not in body, url
        assert f"/news/{hidden.id}<" not in body and f"/news/{hidden.id}\"" not in body, url
    assert client.get(f"/en/news/{hidden.id}").status_code == 404


def test_scheduled_article_appears_by_itself_at_its_time(client, make_article):
    due = utcnow() + timedelta(hours=2)
    article = make_article(status="scheduled", publish_at=due, title_zh="定时发布的文章")
    urls = ("/en/", "/news/", "/news/feed.atom", "/sitemap.xml")
    for url in urls:
        assert "定时发布的文章" not in text(client.get(url)) or url == "/sitemap.xml"
    assert f"/news/{article.id}</loc>" not in text(client.get("/sitemap.xml"))
    assert client.get(f"/en/news/{article.id}").status_code == 404

    with time_machine.travel(due + timedelta(minutes=1)):
        for url in ("/en/", "/news/", "/news/feed.atom"):
            assert "定时发布的文章" in text(client.get(url)), url
        assert f"/news/{article.id}</loc>" in text(client.get("/sitemap.xml"))
        assert "定时发布的文章" in text(client.get(f"/en/news/{article.id}"))


def test_article_page_shows_everything(client, make_article, make_category):
    article = make_article(
        title_zh="商会举办民营经济发展论坛", author="秘书处综合事务部", source="商会党委",
        body_zh="<p>论坛正文内容。</p>", summary_zh="论坛摘要",
        publish_at=datetime(2026, 3, 1, 16, 30, tzinfo=UTC), view_count=41)
    page = text(client.get(f"/en/news/{article.id}"))
    assert "商会举办民营经济发展论坛" in page
    assert "秘书处综合事务部" in page and "商会党委" in page
    assert "2026-03-02 00:30" in page  # Asia/Shanghai
    assert re.search(r"<dt>Views</dt><dd>41</dd>", page)  # the browser counts its view
    assert "<p>论坛正文内容。</p>" in page
    assert 'class="breadcrumb"' in page and 'href="/en/news/c/chamber-news/"' in page
    assert '<meta property="og:title" content="商会举办民营经济发展论坛">' in page
    assert f'<meta property="og:url" content="http://127.0.0.1:5000/en/news/{article.id}">' in page
    assert 'media="print"' in page and "/static/css/news-print." in page
    assert '<svg' in page and 'class="qr-code"' in page


def test_qr_code_links_to_the_canonical_address_not_the_host_header(client, make_article,
                                                                      monkeypatch):
    from portal.news import views

    seen, real = [], views.qr_svg

    def spy(url, title):
        seen.append(url)
        return real(url, title)

    monkeypatch.setattr(views, "qr_svg", spy)
    article = make_article()
    page = text(client.get(f"/en/news/{article.id}", headers={"Host": "localhost"}))
    assert seen == [f"http://127.0.0.1:5000/en/news/{article.id}"]
    assert re.search(r'<svg[^>]*class="qr-code"', page) and "<path" in page


def test_previous_and_next_in_the_same_category(client, make_article, make_category):
    other = make_category()
    older = make_article(title_zh="更早的文章", ago=30)
    make_article(title_zh="别的栏目", ago=20, category=other)
    current = make_article(title_zh="当前文章", ago=10)
    newer = make_article(title_zh="更新的文章", ago=5)
    make_article(status="draft", title_zh="草稿不算", ago=7)
    page = text(client.get(f"/en/news/{current.id}"))
    assert f'href="/en/news/{older.id}" rel="prev">更早的文章' in page
    assert f'href="/en/news/{newer.id}" rel="next">更新的文章' in page
    assert "别的栏目" not in page and "草稿不算" not in page


def test_previous_and_next_go_by_time_whatever_is_pinned(client, make_article):
    """Pinned or not, the neighbours are the articles just before and after in time; an
    article published in the same second is ordered by its number; a scheduled article is
    not "next" before its time."""
    make_article(title_zh="很早的文章", ago=40)
    pinned = make_article(title_zh="置顶的旧文章", ago=30, pinned=True)
    current = make_article(title_zh="当前文章", ago=10)
    same_second = make_article(title_zh="同一时刻", publish_at=current.publish_at)
    make_article(title_zh="尚未到时", status="scheduled", ago=-5)
    page = text(client.get(f"/en/news/{current.id}"))
    assert f'href="/en/news/{pinned.id}" rel="prev">置顶的旧文章' in page
    assert f'href="/en/news/{same_second.id}" rel="next">同一时刻' in page
    last = text(client.get(f"/en/news/{same_second.id}"))
    assert f'href="/en/news/{current.id}" rel="prev">当前文章' in last
    assert 'rel="next"' not in last and "尚未到时" not in last


def test_english_version_under_english(client, make_article):
    article = make_article(title_zh="中文标题", body_zh="<p>中文正文</p>", title_en="English title",
                           body_en="<p>English body</p>", summary_en="English summary")
    page = text(client.get(f"/en/news/{article.id}"))
    assert "English title" in page and "English body" in page and "中文正文" not in page
    assert "available in Chinese only" not in page
    assert "English title" in text(client.get("/en/news/"))


def test_chinese_version_with_a_note_when_there_is_no_english(client, make_article):
    article = make_article(title_zh="只有中文", body_zh="<p>中文正文</p>")
    page = text(client.get(f"/en/news/{article.id}"))
    assert "只有中文" in page and "available in Chinese only" in page
    assert '<article class="news-article" lang="zh-CN" data-view-url=' in page


def test_chinese_readers_get_the_chinese_version(make_client, make_article):
    article = make_article(title_zh="中文标题", title_en="English title",
                           body_en="<p>English body</p>")
    page = text(make_client("zh-CN").get(f"/news/{article.id}"))
    assert "中文标题" in page and "English body" not in page


def test_home_has_headline_sections_notices_quick_links_and_sign_in(client, make_article,
                                                                      make_category):
    notices = make_category(name_zh="通知公告", name_en="Notices", slug="notices")
    make_article(title_zh="头条文章", pinned=True, ago=3)
    make_article(title_zh="普通动态", ago=1)
    make_article(title_zh="放假通知", category=notices)
    page = text(client.get("/en/"))
    assert re.search(r'id="headline-heading"[^>]*><a href="/en/news/\d+">头条文章', page)
    assert page.count("头条文章") == 1  # not again as the first item of its category
    assert "普通动态" in page and "放假通知" in page and 'id="notices-heading"' in page
    assert 'href="/login"' in page and "Quick links" in page
    assert "Chamber News" in page
    # Phones show the page in its order: headline, member sign-in and notices before the
    # long news sections, quick links last.
    order = [page.index(mark) for mark in ('id="headline-heading"', 'id="member-heading"',
                                           'id="notices-heading"', 'class="col-md-6 home-section"',
                                           'id="quick-links-heading"')]
    assert order == sorted(order)


def test_home_without_articles(client):
    assert "There are no articles here yet." in text(client.get("/en/"))


def test_an_unknown_article_is_404(client):
    assert client.get("/en/news/424242").status_code == 404
    assert client.get("/en/news/abc").status_code == 404
