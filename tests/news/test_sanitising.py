"""Rich-text payloads posted through the CMS are stored clean."""

from __future__ import annotations

from tests.test_richtext import PAYLOADS


def test_stored_article_bodies_are_clean(app, client, login, make_user, category):
    """The payloads as an editor would post them end up clean in the database and on the page."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.news.models import Article

    login(make_user(kind="staff", roles=("editor",)))
    # An image the cleaner keeps must be uploaded here, with its alt (tests/news/test_editor.py).
    body = "".join(dirty for dirty, clean in PAYLOADS if "<img" not in clean) + "<p>正文</p>"
    response = client.post("/staff/news/new", data={
        "category_id": str(category.id), "title_zh": "测试", "body_zh": body,
        "title_en": "Test", "body_en": body, "action": "publish"})
    assert response.status_code == 302
    with app.app_context():
        article = db.session.scalars(select(Article)).one()
        for stored in (article.body_zh, article.body_en):
            lowered = stored.lower()
            for bad in ("<script", "javascript:", "onerror", "onclick", "onload", "<iframe",
                        "<svg", "<style", "style=", "data:", "vbscript"):
                assert bad not in lowered, bad
    page = client.get(f"/news/{article.id}").get_data(as_text=True).lower()
    assert "onerror" not in page and "javascript:" not in page
