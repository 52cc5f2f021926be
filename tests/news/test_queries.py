"""Every public page runs the same number of SQL statements whatever the number of items."""

from __future__ import annotations

import io

import pytest

from portal.extensions import db
from portal.files.samples import pdf_document
from tests.conftest import count_statements


def fill(app, make_article, make_category, articles_per_category, attachments):
    from portal.files.services import save_bytes
    from portal.news.models import Article, ArticleAttachment

    categories = [make_category(slug="notices", name_zh="通知公告"),
                  *[make_category() for _ in range(3)]]
    last = None
    for category in categories:
        for i in range(articles_per_category):
            last = make_article(category=category, ago=i + 1, pinned=(i == 0))
    with app.test_request_context():
        article = db.session.get(Article, last.id)
        for i in range(attachments):
            stored = save_bytes(None, f"附件{i}.pdf", pdf_document(f"a{i}"), ("pdf",), "article")
            article.attachment_links.append(ArticleAttachment(file=stored, position=i))
        db.session.commit()
    return last, categories[1]


PAGES = ["/en/", "/news/", "/news/c/{slug}/", "/news/{id}", "/news/feed.atom", "/sitemap.xml"]


@pytest.mark.parametrize("url", PAGES)
def test_statement_count_does_not_grow_with_items(app, make_client, make_article, make_category,
                                                  url):
    counts = []
    for size, attachments in ((2, 1), (25, 6)):
        last, category = fill(app, make_article, make_category, size, attachments)
        client = make_client()
        target = url.format(slug=category.slug, id=last.id)
        client.get(target)  # warm-up: the settings row, compiled caches
        with count_statements(app) as statements:
            response = client.get(target)
        assert response.status_code == 200
        counts.append(len(statements))
        with app.app_context():
            from tests.conftest import _empty_tables

            _empty_tables()
    assert counts[0] == counts[1], (url, counts)
    assert counts[0] <= 6, (url, counts)


def test_staff_list_statement_count_does_not_grow(app, editor_client, make_article,
                                                  make_category):
    counts = []
    editor_client.get("/staff/news/")  # warm-up: the settings copy, compiled caches
    for size in (2, 25):
        for _ in range(size):
            make_article()
        with count_statements(app) as statements:
            assert editor_client.get("/staff/news/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_upload_helper_makes_valid_bytes():
    assert io.BytesIO(pdf_document("x")).read(5) == b"%PDF-"
