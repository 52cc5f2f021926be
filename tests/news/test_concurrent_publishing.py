"""Twelve editors publishing at once (real threads, either database): every article is
published and found, under its own search sort key; none gives a 500."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.news.models import Article
from portal.search.models import SearchDocument
from portal.search.services import search
from tests.news.test_cms import form
from tests.threads import signed_in_like, statuses, together


def test_twelve_editors_publish_at_once(app, editor_client, category):
    browsers = signed_in_like(app, editor_client, 12)

    responses = together(12, lambda i: browsers[i].post("/staff/news/new", data=form(
        category, action="publish", title_zh=f"同时发布的文章{i}", title_en=f"Together {i}",
        body_en="<p>Published together.</p>")))

    assert statuses(responses) == [302] * 12
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id)).where(
            Article.status == "published")) == 12
        keys = db.session.scalars(select(SearchDocument.sort_key)).all()
        assert len(keys) == 24 == len(set(keys))
        results = search("同时发布的文章", language="zh_CN", per_page=20)
        assert sorted(hit.title.striptags() for hit in results.hits) == sorted(
            f"同时发布的文章{i}" for i in range(12))
