"""Search fixtures: articles written and published through the news services (so indexed)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from portal.database import utcnow
from portal.extensions import db

_n = itertools.count(1)


@pytest.fixture
def news_category(app):
    from portal.news.models import Category

    with app.app_context():
        category = Category(name_zh="商会动态", name_en="Chamber News", slug="chamber-news")
        db.session.add(category)
        db.session.commit()
        return category


@pytest.fixture
def editor(make_user):
    return make_user(kind="staff", roles=("editor",), name="Editor Lin")


@pytest.fixture
def write_article(app, editor, news_category):
    """write_article(title_zh, body_zh, state="published"|"draft"|"scheduled"|"archived"|
    "unpublished", title_en="", body_en="", hours_ago=1) -> the article id."""
    from portal.news import services
    from portal.news.models import Article

    def write(title_zh, body_zh="<p>正文</p>", state="published", title_en="", body_en="",
              hours_ago=None):
        with app.app_context():
            actor = db.session.merge(editor)
            article = services.create_article(actor, {
                "category_id": news_category.id, "title_zh": title_zh, "body_zh": body_zh,
                "title_en": title_en, "body_en": body_en, "summary_zh": "", "summary_en": ""})
            moment = utcnow() - timedelta(hours=hours_ago if hours_ago is not None
                                          else next(_n))
            if state == "scheduled":
                services.schedule_article(actor, article, utcnow() + timedelta(hours=2))
            elif state != "draft":
                services.publish_article(actor, article, now=moment)
            if state == "archived":
                services.archive_article(actor, article)
            if state == "unpublished":
                services.unpublish_article(actor, article)
            db.session.commit()
            return db.session.get(Article, article.id).id

    return write
