"""The public page cache: who is served from it, what its key holds, when it is retired,
and that the chrome's CSRF-protected forms keep working from a cached page."""

from __future__ import annotations

import re

import pytest

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app_config(tmp_path):
    return {"PAGE_CACHE_ENABLED": True,
            "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "generation")}


def state(response) -> str:
    return response.headers.get("X-Page-Cache", "")


def test_visitors_are_served_from_the_cache(client):
    assert state(client.get("/")) == "miss"
    assert state(client.get("/")) == "hit"
    assert state(client.get("/?utm=x")) == "miss"  # the query string is part of the key


def test_signed_in_users_are_never_served_from_it_nor_stored(client, make_client, login,
                                                           member):
    visitor = make_client()
    assert state(visitor.get("/news/")) == "miss"
    login(member)
    page = client.get("/news/")
    assert state(page) == "bypass"
    assert "Member One" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert "Member One" not in visitor.get("/news/").get_data(as_text=True)


def test_pages_with_a_flashed_message_bypass_it(client):
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this visitor only")]
    page = client.get("/")
    assert state(page) == "bypass"
    assert "A message for this visitor only" in page.get_data(as_text=True)
    assert "A message for this visitor only" not in client.get("/").get_data(as_text=True)


def test_language_and_font_size_are_part_of_the_key(make_client):
    english, chinese = make_client("en"), make_client("zh-CN")
    assert state(english.get("/")) == "miss"
    chinese_page = chinese.get("/")
    assert state(chinese_page) == "miss"
    assert '<html lang="zh-CN"' in chinese_page.get_data(as_text=True)
    assert '<html lang="en"' in english.get("/").get_data(as_text=True)
    english.set_cookie("font_size", "large")
    large = english.get("/")
    assert state(large) == "miss"
    assert 'class="fs-large"' in large.get_data(as_text=True)


def test_publishing_unpublishing_and_editing_retire_cached_pages(app, client, make_article,
                                                                 editor):
    from portal.extensions import db
    from portal.news import services
    from portal.news.models import Article

    client.get("/news/")
    assert state(client.get("/news/")) == "hit"
    article_id = make_article(title_zh="商会新闻发布", body_zh="<p>内容。</p>").id
    page = client.get("/news/")
    assert state(page) == "miss" and "商会新闻发布" in page.get_data(as_text=True)
    assert state(client.get(f"/news/{article_id}")) == "miss"
    assert state(client.get(f"/news/{article_id}")) == "hit"
    with app.test_request_context():
        article = db.session.get(Article, article_id)
        services.unpublish_article(db.session.merge(editor), article)
        db.session.commit()
    assert client.get(f"/news/{article_id}").status_code == 404
    assert "商会新闻发布" not in client.get("/news/").get_data(as_text=True)


def test_saving_a_draft_keeps_the_cache(client, make_article):
    client.get("/news/")
    make_article(title_zh="草稿", status="draft")
    assert state(client.get("/news/")) == "hit"


def test_views_are_counted_on_cached_article_pages(app, client, make_article):
    from portal.news import viewcount

    article_id = make_article(title_zh="浏览计数", body_zh="<p>内容。</p>").id
    client.get(f"/news/{article_id}")
    assert state(client.get(f"/news/{article_id}")) == "hit"
    with app.app_context():
        counter = viewcount.counter()
        assert counter.pending_for(article_id) + _stored_views(article_id) == 2


def _stored_views(article_id):
    from portal.extensions import db
    from portal.news.models import Article

    return db.session.get(Article, article_id).view_count


def test_errors_are_not_cached(client):
    assert state(client.get("/news/999999")) == "miss"
    assert state(client.get("/news/999999")) == "miss"  # a 404 is never stored


def test_visitors_search_pages_are_cached_with_the_query_in_the_key(client, make_article):
    make_article(title_zh="商会年会召开", body_zh="<p>党建工作交流。</p>")
    first = client.get("/search?q=商会")
    assert state(first) == "miss" and "年会召开" in first.get_data(as_text=True)
    again = client.get("/search?q=商会")
    assert state(again) == "hit" and "年会召开" in again.get_data(as_text=True)
    assert state(client.get("/search?q=党建")) == "miss"
    assert state(client.get("/search?q=商会&page=2")) == "miss"


def test_a_new_article_is_found_at_once_by_a_cached_search(client, make_article):
    make_article(title_zh="商会年会召开")
    client.get("/search?q=商会")
    assert state(client.get("/search?q=商会")) == "hit"
    make_article(title_zh="商会第二次会议")
    page = client.get("/search?q=商会")
    assert state(page) == "miss" and "第二次会议" in page.get_data(as_text=True)


def test_signed_in_members_search_outside_the_cache(client, login, member, make_article):
    make_article(title_zh="商会年会召开")
    login(member)
    assert state(client.get("/search?q=商会")) == "bypass"
    assert state(client.get("/search?q=商会")) == "bypass"


class TestCsrfOnCachedPages:
    @pytest.fixture
    def app_config(self, tmp_path):
        return {"PAGE_CACHE_ENABLED": True, "WTF_CSRF_ENABLED": True,
                "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "generation")}

    def test_each_visitor_gets_their_own_token_and_the_switch_works(self, make_client):
        first, second = make_client(), make_client()
        first_page = first.get("/").get_data(as_text=True)
        cached = second.get("/")
        assert state(cached) == "hit"
        page = cached.get_data(as_text=True)
        tokens = set(TOKEN.findall(page))
        assert len(tokens) == 1
        assert tokens.isdisjoint(TOKEN.findall(first_page))
        assert "\x00" not in page
        switched = second.post("/lang/zh_CN", data={"csrf_token": tokens.pop(), "next": "/"})
        assert switched.status_code == 302
        assert "lang=zh_CN" in switched.headers["Set-Cookie"]
        assert '<html lang="zh-CN"' in second.get("/").get_data(as_text=True)

    def test_csrf_is_still_enforced(self, make_client):
        first, second = make_client(), make_client()
        first_token = TOKEN.search(first.get("/").get_data(as_text=True)).group(1)
        assert state(second.get("/")) == "hit"
        assert second.post("/lang/zh_CN", data={"next": "/"}).status_code == 400
        stolen = second.post("/lang/zh_CN", data={"csrf_token": first_token, "next": "/"})
        assert stolen.status_code == 400
        assert second.post("/font-size", data={"size": "large"}).status_code == 400
