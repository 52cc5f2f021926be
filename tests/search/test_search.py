"""Search over the articles the news services index, and the /search page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.database import utcnow
from portal.extensions import db
from portal.search.services import Document, index_document, search


@pytest.fixture
def articles(make_article):
    """The ids of three articles, one of them bilingual."""
    return {
        "meeting": make_article(title_zh="商会召开会员企业座谈会",
                                body_zh="<p>二十家会员企业代表参加座谈。</p>",
                                title_en="Chamber holds a meeting with member firms",
                                body_en="<p>The chamber met twenty member enterprises.</p>").id,
        "party": make_article(title_zh="党建工作推进会",
                              body_zh="<p>学习贯彻会议精神，推动党建与业务融合。</p>", ago=2).id,
        "trade": make_article(title_zh="招商引资洽谈活动举行",
                              body_zh="<p>十余个项目现场签约。</p>", ago=3).id,
    }


def unpublish(app, editor, article_id):
    from portal.news import services
    from portal.news.models import Article

    with app.test_request_context():
        services.unpublish_article(db.session.merge(editor), db.session.get(Article, article_id))
        db.session.commit()


def titles(client, query, path="/en/search", **params):
    page = client.get(path, query_string={"q": query, **params})
    assert page.status_code == 200
    return page.get_data(as_text=True)


@pytest.mark.parametrize("query, expected, absent", [
    ("商", ["座谈会", "洽谈活动"], ["推进会"]),           # 商会 and 招商
    ("商会", ["座谈会"], ["洽谈活动", "推进会"]),
    ("员企", ["座谈会"], ["洽谈活动", "推进会"]),           # across 会员 and 企业
    ("党建", ["推进会"], ["座谈会", "洽谈活动"]),
])
def test_chinese_queries_find_what_a_reader_expects(make_client, articles, query, expected,
                                                    absent):
    page = titles(make_client("zh-CN"), query, path="/search")
    for text in expected:
        assert text in page
    for text in absent:
        assert text not in page


def test_chamber_finds_the_english_version_for_english_readers(client, articles):
    page = titles(client, "chamber")
    assert "<mark>Chamber</mark> holds a meeting with member firms" in page
    assert "1 result for" in page


def test_english_readers_also_find_chinese_only_articles(client, articles):
    page = titles(client, "党建")
    assert "<mark>党建</mark>工作推进会" in page
    assert "In Chinese" in page
    # A Chinese-only article opens on the English site (with its note) ...
    assert f'href="/en/news/{articles["party"]}"' in page


def test_a_chinese_query_on_the_english_site_finds_chinese_versions(client, articles):
    page = titles(client, "座谈")
    # ... a Chinese version of a bilingual article on the Chinese site.
    assert "<mark>座谈</mark>会" in page and f'href="/news/{articles["meeting"]}"' in page


def test_results_do_not_depend_on_the_interface_language_but_its_results_come_first(
        client, make_article):
    english = make_article(title_zh="海关政策说明", title_en="Customs briefing on 2027 rules",
                           body_en="<p>Rules for 2027.</p>", ago=5).id
    chinese = make_article(title_zh="2027年海关新规解读", body_zh="<p>2027年起施行。</p>",
                           ago=1).id
    on_english = titles(client, "2027")
    on_chinese = titles(client, "2027", path="/search")
    assert "2 results" in on_english and "共找到 2 条" in on_chinese
    assert on_english.index(f"/en/news/{english}") < on_english.index(f"/news/{chinese}\"")
    assert on_chinese.index(f"/news/{chinese}") < on_chinese.index(f"/en/news/{english}")


def test_results_show_their_category_and_date(client, articles):
    page = titles(client, "党建")
    hit = page.split('class="search-hit"', 1)[1].split("</li>", 1)[0]
    assert '<span class="news-category">Chamber News</span>' in hit and "<time" in hit


def test_matches_are_marked_and_everything_else_escaped(client, make_article):
    make_article(title_zh="<b>商会</b>通知",
                 body_zh='<p>请注意 &lt;script&gt;alert("x")&lt;/script&gt; 商会</p>')
    page = titles(client, "商会")
    assert "&lt;b&gt;<mark>商会</mark>&lt;/b&gt;通知" in page
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page


def test_user_input_is_escaped_in_the_page(client, articles):
    page = titles(client, '<img src=x onerror=alert(1)>')
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("status", ["draft", "scheduled", "archived", "unpublished"])
def test_visitors_never_find_articles_that_are_not_public(app, make_client, make_article, editor,
                                                          status):
    article = make_article(title_zh="商会秘密草稿", body_zh="<p>尚未发布的内容。</p>",
                           status="published" if status == "unpublished" else status,
                           ago=-2 if status == "scheduled" else 1)
    if status == "unpublished":
        unpublish(app, editor, article.id)
    for language in ("zh-CN", "en"):
        page = titles(make_client(language), "秘密草稿")
        assert 'class="search-hit"' not in page and "尚未发布" not in page


def test_a_scheduled_article_is_found_from_its_time_on(app, make_article):
    make_article(title_zh="商会年会预告", body_zh="<p>年会将于下月举行。</p>", status="scheduled",
                 ago=-2)
    with app.test_request_context():
        assert search("年会预告", language="zh_CN").total == 0
        later = utcnow() + timedelta(hours=3)
        assert search("年会预告", language="zh_CN", now=later).total == 1


def test_members_documents_are_for_signed_in_members_only(app, client, make_client, login,
                                                        member):
    with app.app_context():
        index_document(Document(kind="notice", object_id=7, language="zh_CN",
                                title="会员专属通知", body="仅限会员阅读。",
                                url="/members/notices/7",
                                published_at=utcnow() - timedelta(hours=1), audience="members",
                                fallback=True))
        db.session.commit()
    assert "会员专属通知" not in titles(make_client("en"), "专属")
    login(member)
    assert "专属</mark>通知" in titles(client, "专属")


def test_edits_and_unpublishing_update_the_index(app, make_article, editor):
    from portal.news import services
    from portal.news.models import Article

    article_id = make_article(title_zh="商会旧标题", body_zh="<p>内容。</p>").id
    with app.test_request_context():
        article = db.session.get(Article, article_id)
        actor = db.session.merge(editor)
        services.update_article(actor, article, {"category_id": article.category_id,
                                                 "title_zh": "商会新标题",
                                                 "body_zh": "<p>内容。</p>"})
        db.session.commit()
        assert search("旧标题", language="zh_CN").total == 0
        assert search("新标题", language="zh_CN").total == 1
        services.unpublish_article(actor, article)
        db.session.commit()
        assert search("新标题", language="zh_CN").total == 0


def test_title_matches_rank_before_body_matches_then_newest_first(app, make_article):
    make_article(title_zh="年度总结", body_zh="<p>感谢会员企业支持。</p>", ago=1)
    make_article(title_zh="会员企业走访", body_zh="<p>走访活动。</p>", ago=50)
    make_article(title_zh="会员企业培训", body_zh="<p>培训活动。</p>", ago=20)
    with app.test_request_context():
        hits = search("会员企业", language="zh_CN").hits
    assert [hit.title.striptags() for hit in hits] == ["会员企业培训", "会员企业走访", "年度总结"]


def test_more_title_matches_than_shown_keep_the_same_order(app, monkeypatch):
    """With more title matches than a search counts, PostgreSQL walks the newest rows rather
    than asking the index (portal/search/backends.py): the same hits, in the same order."""
    from portal.search import services

    with app.app_context():
        for n in range(7):
            index_document(Document(kind="article", object_id=n, language="zh_CN",
                                    title=f"营商环境简报第{n}期", body="内容", url=f"/news/{n}",
                                    published_at=utcnow() - timedelta(hours=n), fallback=True))
        index_document(Document(kind="article", object_id=99, language="zh_CN", title="简报",
                                body="优化营商环境", url="/news/99",
                                published_at=utcnow(), fallback=True))
        db.session.commit()
    expected = [f"营商环境简报第{n}期" for n in range(7)] + ["简报"]
    with app.test_request_context():
        first = search("营商环境", language="zh_CN", per_page=5)
        second = search("营商环境", language="zh_CN", per_page=5, page=2)
    assert [hit.title.striptags() for hit in first.hits + second.hits] == expected
    monkeypatch.setattr(services, "MAX_RESULTS", 4)  # now the title tier counts as dense
    with app.test_request_context():
        dense = [search("营商环境", language="zh_CN", per_page=2, page=page)
                 for page in (1, 2)]
    assert dense[0].capped and dense[0].total == 4
    assert [hit.title.striptags() for result in dense for hit in result.hits] == expected[:4]


def test_results_are_paginated(app, client):
    with app.app_context():
        for n in range(25):
            index_document(Document(kind="article", object_id=n, language="zh_CN",
                                    title=f"商会简报第{n}期", body="内容", url=f"/news/{n}",
                                    published_at=utcnow() - timedelta(hours=n), fallback=True))
        db.session.commit()
    first = titles(client, "简报")
    assert "25 results for" in first and first.count('class="search-hit"') == 10
    assert "第0期" in first and "Page 1 of 3" in first and 'rel="next"' in first
    last = titles(client, "简报", page=3)
    assert last.count('class="search-hit"') == 5 and "第24期" in last and 'rel="next"' not in last
    beyond = titles(client, "简报", page=9)
    assert "There is no page 9 for this search." in beyond
    assert titles(client, "简报", page="nonsense").count('class="search-hit"') == 10


@pytest.mark.parametrize("query, message", [
    ("", "Please type a word or a few characters to search for."),
    ("   ", "Please type a word or a few characters to search for."),
    ("，。？", "Please type a word or a few characters to search for."),
    ("商" * 500, "Your search is too long. Please use at most 100 characters."),
])
def test_empty_and_overlong_queries_get_a_clear_answer(client, query, message):
    page = titles(client, query)
    assert message in page
    assert 'aria-invalid="true"' in page


def test_the_answer_is_translated(make_client):
    page = titles(make_client("en"), "", path="/search")
    assert "请输入要搜索的词语或汉字。" in page


def test_the_search_page_without_a_query_shows_the_form(client):
    page = client.get("/en/search").get_data(as_text=True)
    assert 'role="search"' in page and "search-problem" not in page


def test_reindex_rebuilds_the_index(app, articles):
    from sqlalchemy import delete

    from portal.search.models import SearchDocument

    with app.app_context():
        db.session.execute(delete(SearchDocument))  # the trigger empties FTS on SQLite
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 4 documents for 3 items." in result.output
    with app.test_request_context():
        assert search("员企", language="zh_CN").total == 1
        assert search("chamber", language="en").total == 1
