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
    assert "Chamber News" in text(client.get("/en/news/"))
    with app.app_context():
        from portal.news.models import Category

        db.session.get(Category, category.id).name_en = "Chamber Updates"
        db.session.commit()
    make_category(name_en="Brand New Section", slug="brand-new")
    for url in ("/en/", "/en/news/"):
        page = text(client.get(url))
        assert "Chamber Updates" in page and "Chamber News" not in page, url
    assert "Brand New Section" in text(client.get("/en/news/"))
    assert "Brand New Section" in text(client.get("/en/news/c/brand-new/"))


def test_a_removed_category_is_gone_at_once(app, client, make_category):
    gone = make_category(slug="short-lived")
    assert client.get("/en/news/c/short-lived/").status_code == 200
    with app.app_context():
        from portal.news.models import Category

        db.session.delete(db.session.get(Category, gone.id))
        db.session.commit()
    assert client.get("/en/news/c/short-lived/").status_code == 404


def test_rows_and_articles_agree_on_the_english_version(app, make_article):
    from portal.news.listing import latest_per_category, public_categories
    from portal.news.models import Article

    cases = [dict(title_en="Both", body_en="<p>Body</p>"), dict(title_en="Title only"),
             dict(title_en="  ", body_en="<p>Body only</p>"), dict()]
    made = [make_article(**fields) for fields in cases]
    with app.test_request_context():
        rows = {row.id: row for rows in latest_per_category(public_categories(), 10)[0].values()
                for row in rows}
        for article in made:
            stored = db.session.get(Article, article.id)
            assert rows[article.id].has_english == stored.has_english, article.title_en
            for lang in ("en", "zh_CN"):
                assert rows[article.id].title(lang) == stored.title(lang)


def test_the_headline_shows_its_cover_category_and_english_version(app, client, make_article,
                                                                   category):
    from portal.files.samples import png_image
    from portal.files.services import save_bytes
    from portal.news.models import Article

    make_article(title_zh="较早的置顶", pinned=True, ago=30)
    headline = make_article(title_zh="头条文章", summary_zh="中文摘要", title_en="Headline",
                            summary_en="English summary", body_en="<p>Body</p>", pinned=True,
                            ago=2)
    with app.test_request_context():
        stored = save_bytes(None, "封面.png", png_image(), ("image",), "article")
        db.session.get(Article, headline.id).cover_image_id = stored.id
        db.session.commit()
        cover_id = stored.id
    english = text(client.get("/en/"))
    section = english.split('<section class="headline', 1)[1].split("</section>", 1)[0]
    assert f'src="/files/{cover_id}/' in section
    assert f'<a href="/en/news/{headline.id}">Headline</a>' in section
    assert "English summary" in section and "Chamber News" in section
    assert 'lang="zh-CN"' not in section
    chinese = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "头条文章" in chinese and "中文摘要" in chinese and "较早的置顶" not in chinese.split(
        "</section>", 1)[0]
    with client.get(section.split('src="', 1)[1].split('"', 1)[0]) as image:
        assert image.status_code == 200 and image.mimetype == "image/png"
