"""Demo news content and the synthetic articles of `flask demo --articles N`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.database import utcnow
from portal.extensions import db
from portal.news.models import Article, ArticleAttachment, Category
from portal.news.services import visible_articles


def test_demo_loads_five_categories_and_over_forty_visible_articles(app, client):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        slugs = set(db.session.scalars(select(Category.slug)))
        assert slugs == {"chamber-news", "party-building", "notices", "member-profiles",
                         "policies"}
        visible = db.session.scalars(visible_articles()).all()
        assert len(visible) >= 40
        assert sum(a.has_english for a in visible) >= 10
        assert sum(a.pinned for a in visible) >= 2
        dates = [a.publish_at for a in visible]
        assert max(dates) - min(dates) > timedelta(days=600)
        assert db.session.scalar(select(func.count(ArticleAttachment.id))) >= 5
        statuses = set(db.session.scalars(select(Article.status)))
        assert {"draft", "scheduled", "archived", "published"} <= statuses
    page = client.get("/en/").get_data(as_text=True)
    assert "Third Session of the Sixth Members" in page


def test_demo_articles_option_bulk_inserts_synthetic_articles(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "--articles", "300"])
    assert result.exit_code == 0, result.output
    assert "Added 300 synthetic articles." in result.output
    with app.app_context():
        total = db.session.scalar(select(func.count(Article.id)))
        assert total >= 300 + 40  # the demo was loaded first into the empty database
        oldest = db.session.scalar(select(func.min(Article.publish_at)))
        assert oldest < utcnow() - timedelta(days=300)
    again = runner.invoke(args=["demo", "--articles", "5"])
    assert "Added 5 synthetic articles." in again.output
    assert runner.invoke(args=["demo", "--articles", "0"]).exit_code != 0
