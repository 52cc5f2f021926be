"""News fixtures: categories, articles in any state, an editor."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from portal.database import utcnow
from portal.extensions import db

_n = itertools.count(1)


@pytest.fixture
def make_category(app):
    from portal.news.models import Category

    def make(name_zh=None, name_en=None, slug=None, position=0):
        n = next(_n)
        with app.app_context():
            category = Category(name_zh=name_zh or f"栏目{n}", name_en=name_en or f"Section {n}",
                                slug=slug or f"section-{n}", position=position)
            db.session.add(category)
            db.session.commit()
            return category

    return make


@pytest.fixture
def category(make_category):
    return make_category(name_zh="商会动态", name_en="Chamber News", slug="chamber-news")


@pytest.fixture
def make_article(app, category):
    """make_article(status="published"|"draft"|"scheduled"|"archived", ago=hours, **fields)."""
    from portal.news.models import Article

    def make(status="published", ago=1, category=category, **fields):
        n = next(_n)
        publish_at = fields.pop("publish_at", None)
        if publish_at is None and status != "draft":
            publish_at = utcnow() - timedelta(hours=ago)
        values = dict(title_zh=f"文章{n}", summary_zh=f"摘要{n}", body_zh=f"<p>正文{n}</p>",
                      author="秘书处综合事务部", source="商会党委")
        values.update(fields)
        with app.app_context():
            article = Article(category_id=category.id, status=status, publish_at=publish_at,
                              **values)
            db.session.add(article)
            db.session.commit()
            return article

    return make


@pytest.fixture
def editor(make_user):
    return make_user(kind="staff", roles=("editor",), name="Editor Lin")


@pytest.fixture
def editor_client(client, login, editor):
    login(editor)
    return client
