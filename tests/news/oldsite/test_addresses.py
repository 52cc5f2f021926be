"""Old addresses: the 301 to the article, and editing them on the article form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.news.models import OldAddress
from portal.news.oldsite.addresses import normalise, set_old_addresses
from tests.news.oldsite.conftest import assert_moved_to
from tests.news.test_cms import form


@pytest.mark.parametrize("given, stored", [
    ("http://www.old.example/html/2020/0919/123.html", "/html/2020/0919/123.html"),
    ("https://old.example/show.asp?id=5", "/show.asp?id=5"),
    ("/news/dir/", "/news/dir"),
    ("html/%E6%96%B0%E9%97%BB.html", "/html/新闻.html"),
    ("http://www.old.example/", ""),
    ("  ", ""),
])
def test_normalise(given, stored):
    assert normalise(given) == stored


def record(app, article, text):
    from portal.news.models import Article

    with app.app_context():
        set_old_addresses(db.session.get(Article, article.id), text)
        db.session.commit()


def test_an_old_address_answers_301_to_the_article(app, client, make_article):
    article = make_article()
    record(app, article, "http://old.example/html/新闻/1.html\n/show.asp?id=5&cat=2")
    assert_moved_to(client, "/html/%E6%96%B0%E9%97%BB/1.html", article.id)
    assert client.head("/show.asp?id=5&cat=2").status_code == 301
    assert client.get("/show.asp?id=5&cat=3").status_code == 404
    assert client.post("/show.asp?id=5&cat=2").status_code == 404
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "Page not found" in page.get_data(as_text=True)


def test_a_path_recorded_without_query_matches_any_query(app, client, make_article):
    article = make_article()
    record(app, article, "/html/2020/123.html")
    assert_moved_to(client, "/html/2020/123.html?from=weixin", article.id)


def test_hidden_articles_are_not_redirected_to(app, client, make_article):
    record(app, make_article(status="draft"), "/draft.html")
    record(app, make_article(status="archived"), "/archived.html")
    assert client.get("/draft.html").status_code == 404
    assert client.get("/archived.html").status_code == 404


def test_editors_see_and_change_the_old_addresses(app, editor_client, make_article, category):
    article = make_article()
    record(app, article, "/old/1.html")
    page = editor_client.get(f"/staff/news/{article.id}/edit").get_data(as_text=True)
    assert "Old addresses" in page and "/old/1.html</textarea>" in page
    response = editor_client.post(f"/staff/news/{article.id}/edit", data=form(
        category, old_addresses="/old/2.html\r\nhttp://old.example/old/3.html\r\n"))
    assert response.status_code == 302
    with app.app_context():
        assert set(db.session.scalars(select(OldAddress.path))) == {"/old/2.html", "/old/3.html"}
    assert editor_client.get("/old/1.html").status_code == 404
    assert editor_client.get("/old/3.html").status_code == 301


def test_an_address_of_another_article_is_refused(app, editor_client, make_article, category):
    first, second = make_article(), make_article()
    record(app, first, "/old/1.html")
    response = editor_client.post(f"/staff/news/{second.id}/edit",
                                  data=form(category, old_addresses="/old/1.html"))
    assert response.status_code == 400
    assert f"already leads to article {first.id}" in response.get_data(as_text=True)
    response = editor_client.post("/staff/news/new",
                                  data=form(category, old_addresses="http://old.example/"))
    assert response.status_code == 400
    assert "is not an address of a page" in response.get_data(as_text=True)


def test_deleting_an_article_forgets_its_old_addresses(app, make_article):
    from portal.news.models import Article

    article = make_article()
    record(app, article, "/old/1.html")
    with app.app_context():
        db.session.delete(db.session.get(Article, article.id))
        db.session.commit()
        assert db.session.scalars(select(OldAddress)).all() == []
