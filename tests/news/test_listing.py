"""The lean list readers (portal/news/listing.py): plain rows read like the articles they
stand for, and the categories each worker keeps follow every change at once."""

from __future__ import annotations

from portal.extensions import db


def text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_a_renamed_or_new_category_shows_at_once(app, client, make_article, category,
                                                 make_category):
    make_article(title_zh="动态文章")
    assert "Chamber News" in text(client.get("/news/"))
    with app.app_context():
        from portal.news.models import Category

        db.session.get(Category, category.id).name_en = "Chamber Updates"
        db.session.commit()
    make_category(name_en="Brand New Section", slug="brand-new")
    for url in ("/", "/news/"):
        page = text(client.get(url))
        assert "Chamber Updates" in page and "Chamber News" not in page, url
    assert "Brand New Section" in text(client.get("/news/"))
    assert "Brand New Section" in text(client.get("/news/c/brand-new/"))


def test_a_removed_category_is_gone_at_once(app, client, make_category):
    gone = make_category(slug="short-lived")
    assert client.get("/news/c/short-lived/").status_code == 200
    with app.app_context():
        from portal.news.models import Category

        db.session.delete(db.session.get(Category, gone.id))
        db.session.commit()
    assert client.get("/news/c/short-lived/").status_code == 404


def test_rows_and_articles_agree_on_the_english_version(app, make_article):
    from portal.news.listing import latest_per_category, public_categories
    from portal.news.models import Article

    cases = [dict(title_en="Both", body_en="<p>Body</p>"), dict(title_en="Title only"),
             dict(title_en="  ", body_en="<p>Body only</p>"), dict()]
    made = [make_article(**fields) for fields in cases]
    with app.test_request_context():
        rows = {row.id: row for rows in latest_per_category(public_categories(), 10).values()
                for row in rows}
        for article in made:
            stored = db.session.get(Article, article.id)
            assert rows[article.id].has_english == stored.has_english, article.title_en
            for lang in ("en", "zh_CN"):
                assert rows[article.id].title(lang) == stored.title(lang)
