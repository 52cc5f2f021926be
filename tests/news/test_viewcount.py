"""View counting: buffered per worker, written in one short transaction now and then."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.news.models import Article
from portal.news.viewcount import counter

ORIGIN = {"Origin": "http://localhost"}


def view(client, article_id):
    """What the article page's script sends (static/js/portal.js)."""
    response = client.post(f"/news/{article_id}/views", headers=ORIGIN, buffered=True)
    assert response.status_code == 204
    return response


def stored_count(app, article_id):
    with app.app_context():
        return db.session.get(Article, article_id).view_count


def test_views_are_buffered_then_written_in_one_go(app, client, make_article):
    article = make_article(view_count=10)
    for _ in range(3):
        view(client, article.id)
    assert stored_count(app, article.id) == 10  # nothing written yet: no lock taken
    page = client.get(f"/en/news/{article.id}").get_data(as_text=True)
    assert "<dt>Views</dt><dd>13</dd>" in page  # the stored count plus what is pending
    assert f'data-view-url="/news/{article.id}/views"' in page
    with app.app_context():
        assert counter().flush() == 3
    assert stored_count(app, article.id) == 13


@pytest.mark.parametrize(("app_config", "stored_after_each_view"), [
    ({"VIEW_FLUSH_EVERY": 2}, [0, 2]),
    ({"VIEW_FLUSH_SECONDS": 0}, [1]),
], ids=["every-n-views", "when-the-oldest-view-is-old-enough"])
def test_a_flush_happens_after_the_response(app, client, make_article, stored_after_each_view):
    article = make_article()
    for stored in stored_after_each_view:
        view(client, article.id)
        assert stored_count(app, article.id) == stored


def test_a_failed_flush_keeps_the_views_for_next_time(app, make_article, monkeypatch):
    article = make_article()
    with app.app_context():
        views = counter()
        views.add(article.id)
        monkeypatch.setattr(db.engine, "begin", lambda: (_ for _ in ()).throw(RuntimeError("x")))
        assert views.flush() == 0
        monkeypatch.undo()
        assert views.pending_for(article.id) == 1
        assert views.flush() == 1
    assert stored_count(app, article.id) == 1


def test_hidden_articles_are_not_counted(app, client, make_article):
    draft = make_article(status="draft")
    assert client.get(f"/en/news/{draft.id}").status_code == 404
    view(client, draft.id)
    view(client, 2**31 - 1)
    with app.app_context():
        assert counter().pending_for(draft.id) == 0 and not counter().pending


def test_reading_a_page_counts_nothing_by_itself(app, client, make_article):
    article = make_article()
    client.get(f"/news/{article.id}")
    with app.app_context():
        assert counter().pending_for(article.id) == 0


def test_a_view_from_another_site_is_refused(app, client, make_article):
    article = make_article()
    for headers in ({"Origin": "https://evil.example"}, {},
                    {"Referer": "https://evil.example/page"}, {"Origin": "null"}):
        assert client.post(f"/news/{article.id}/views", headers=headers).status_code == 403
    assert client.post(f"/news/{article.id}/views",
                       headers={"Referer": "http://localhost/news/1"}).status_code == 204
    with app.app_context():
        assert counter().pending_for(article.id) == 1



def test_reading_an_article_leaves_its_modification_time_and_the_cms_order_alone(
        app, client, editor_client, make_article):
    from datetime import timedelta

    from portal.database import utcnow

    older = make_article(title_zh="旧文章", updated_at=utcnow() - timedelta(days=3))
    make_article(title_zh="新文章", updated_at=utcnow() - timedelta(days=1))
    with app.app_context():
        before = db.session.get(Article, older.id).updated_at
    for _ in range(3):
        view(client, older.id)
    with app.app_context():
        assert counter().flush() == 3
        stored = db.session.get(Article, older.id)
        assert stored.view_count == 3
        assert stored.updated_at == before
    page = editor_client.get("/staff/news/").get_data(as_text=True)
    assert page.index("新文章") < page.index("旧文章")
