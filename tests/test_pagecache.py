"""Public pages as HTTP resources (portal/pagecache.py): the same bytes for every visitor,
validators and Cache-Control, 304 answers, what changes them at once, and the in-process
page cache behind them."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine

from portal.dates import SHANGHAI


@pytest.fixture
def app_config(tmp_path):
    return {"PAGE_CACHE_ENABLED": True,
            "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "generation")}


def state(response) -> str:
    return response.headers.get("X-Page-Cache", "")


def cache_control(response) -> dict:
    parts = [part.strip().partition("=") for part in response.headers["Cache-Control"].split(",")]
    return {name: value for name, _, value in parts}


def test_visitors_are_served_from_the_cache(client):
    assert state(client.get("/en/")) == "miss"
    assert state(client.get("/en/")) == "hit"
    assert state(client.get("/en/?utm=x")) == "miss"  # the query string is part of the key


def test_a_stored_page_is_the_response_the_view_made(client):
    made = client.get("/news/")
    stored = client.get("/news/")
    assert (state(made), state(stored)) == ("miss", "hit")
    assert stored.get_data() == made.get_data()
    for name in ("Content-Type", "Content-Security-Policy", "X-Content-Type-Options",
                 "X-Frame-Options", "Referrer-Policy", "ETag", "Last-Modified", "Vary"):
        assert stored.headers[name] == made.headers[name], name
    assert cache_control(stored) == cache_control(made)
    head = client.head("/news/")
    assert state(head) == "hit" and head.get_data() == b""
    assert head.headers["Content-Length"] == str(len(made.get_data()))


def test_a_stored_page_is_not_given_to_a_signed_in_reader(client, login, member):
    assert state(client.get("/news/")) == "miss"
    login(member)
    page = client.get("/news/")
    assert state(page) == "bypass" and page.headers["Cache-Control"] == "no-store"
    assert member.name.encode() in page.get_data()


def test_every_visitor_of_an_address_gets_the_same_bytes(make_client):
    pages = []
    for language in ("zh-CN", "en", "fr"):
        visitor = make_client(language)
        visitor.set_cookie("lang", "en")
        visitor.set_cookie("font_size", "large")
        response = visitor.get("/news/")
        assert "Set-Cookie" not in response.headers
        pages.append(response.get_data())
    assert pages[0] == pages[1] == pages[2]
    assert b"csrf_token" not in pages[0] and b'name="next"' not in pages[0]


def test_a_visitors_page_carries_validators_and_cache_control(app, client):
    response = client.get("/en/news/")
    control = cache_control(response)
    assert "public" in control
    assert int(control["max-age"]) <= app.config["PAGE_MAX_AGE"]
    assert int(control["max-age"]) < int(control["s-maxage"])
    assert int(control["stale-while-revalidate"]) > 0
    assert response.headers["X-Accel-Expires"] == str(app.config["PAGE_PROXY_MAX_AGE"])
    assert response.headers["ETag"].startswith('"')
    assert parsedate_to_datetime(response.headers["Last-Modified"])
    assert "Cookie" in response.headers["Vary"]
    assert "Accept-Language" not in response.headers["Vary"]  # the address says it


def test_conditional_requests_get_304_until_something_is_published(client, make_article):
    first = client.get("/news/")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/news/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag and "s-maxage" in again.headers["Cache-Control"]
    assert client.get("/news/", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/news/", headers={"If-None-Match": '"other"'}).status_code == 200
    # If-None-Match decides when both are sent.
    assert client.get("/news/", headers={"If-None-Match": '"other"',
                                         "If-Modified-Since": modified}).status_code == 200
    make_article(title_zh="商会新闻发布", body_zh="<p>内容。</p>")
    changed = client.get("/news/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "商会新闻发布" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag
    assert client.get("/en/news/", headers={"If-None-Match": etag}).status_code == 200


def test_saving_settings_changes_every_page_at_once(app, client, staff_admin):
    from portal.extensions import db
    from portal.settings.services import update_site_settings

    etag = client.get("/contact").headers["ETag"]
    with app.test_request_context():
        update_site_settings(db.session.merge(staff_admin), hotline="010-8888 0000")
        db.session.commit()
    response = client.get("/contact", headers={"If-None-Match": etag})
    assert response.status_code == 200 and "010-8888 0000" in response.get_data(as_text=True)


def test_validators_change_at_midnight_in_beijing_and_nothing_outlives_it(client):
    evening = datetime(2026, 11, 26, 23, 59, 55, tzinfo=SHANGHAI)
    with time_machine.travel(evening, tick=False):
        late = client.get("/news/")
        assert int(cache_control(late)["max-age"]) <= 5
        assert int(cache_control(late)["s-maxage"]) <= 5
        assert int(late.headers["X-Accel-Expires"]) <= 5
    with time_machine.travel(evening + timedelta(seconds=10), tick=False):
        next_day = client.get("/news/", headers={"If-None-Match": late.headers["ETag"]})
        assert next_day.status_code == 200
        assert parsedate_to_datetime(next_day.headers["Last-Modified"]) == datetime(
            2026, 11, 27, tzinfo=SHANGHAI)


def test_a_scheduled_article_changes_the_pages_by_itself(app, client, make_article):
    morning = datetime(2026, 11, 26, 9, 0, tzinfo=SHANGHAI)  # the same day throughout
    with time_machine.travel(morning, tick=False):
        make_article(title_zh="已发布的文章")
        make_article(title_zh="预定的文章", status="scheduled",
                     publish_at=morning + timedelta(hours=2))
        first = client.get("/news/")
        assert "预定的文章" not in first.get_data(as_text=True)
        assert client.get("/news/", headers={"If-None-Match": first.headers["ETag"]}
                          ).status_code == 304
    with time_machine.travel(morning + timedelta(hours=1, minutes=59, seconds=58), tick=False):
        assert int(cache_control(client.get("/news/"))["s-maxage"]) <= 2
    with time_machine.travel(morning + timedelta(hours=3), tick=False):
        later = client.get("/news/", headers={"If-None-Match": first.headers["ETag"]})
        assert later.status_code == 200 and "预定的文章" in later.get_data(as_text=True)


def test_requests_with_a_session_cookie_get_private_pages(client, make_client, login,
                                                        member):
    visitor = make_client()
    assert state(visitor.get("/en/news/")) == "miss"
    login(member)
    page = client.get("/en/news/")
    assert state(page) == "bypass" and "no-store" in page.headers["Cache-Control"]
    assert "Member One" in page.get_data(as_text=True) and "ETag" not in page.headers
    assert "Member One" not in visitor.get("/en/news/").get_data(as_text=True)
    # A visitor who only opened the log-in page has a session cookie too.
    other = make_client()
    other.get("/login")
    assert other.get("/en/news/").headers["Cache-Control"] == "private, no-store"


def test_pages_with_a_flashed_message_bypass_it(client):
    client.get("/en/")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this visitor only")]
    page = client.get("/en/")
    assert state(page) == "bypass"
    assert "A message for this visitor only" in page.get_data(as_text=True)


def test_each_language_is_its_own_page(make_client):
    english, chinese = make_client("en"), make_client("zh-CN")
    assert state(english.get("/en/news/")) == "miss"
    chinese_page = chinese.get("/news/")
    assert state(chinese_page) == "miss"
    assert '<html lang="zh-CN"' in chinese_page.get_data(as_text=True)
    assert state(chinese.get("/en/news/")) == "hit"


def test_the_root_keeps_one_page_per_answer(make_client):
    assert state(make_client("zh-CN").get("/")) == "miss"
    assert make_client("en").get("/").status_code == 302
    assert state(make_client("zh-CN").get("/")) == "hit"


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


def test_errors_are_not_cached(client):
    missing = client.get("/news/999999")
    assert missing.status_code == 404 and state(missing) == "miss"
    assert "ETag" not in missing.headers and missing.headers["Cache-Control"] == "no-cache"
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


class TestWithoutTheStore:
    @pytest.fixture
    def app_config(self, tmp_path):
        return {"PAGE_CACHE_ENABLED": False,
                "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "generation")}

    def test_pages_still_carry_validators_and_answer_304(self, client):
        first = client.get("/en/news/")
        assert state(first) == "off" and first.headers["ETag"]
        again = client.get("/en/news/", headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304
