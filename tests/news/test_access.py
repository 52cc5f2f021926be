"""Who may reach the CMS: editors and admins; other staff 403; members 403; visitors to log-in."""

from __future__ import annotations

import pytest

URLS = ["/staff/news/", "/staff/news/new", "/staff/news/{id}/edit", "/staff/news/{id}/preview"]
POSTS = ["/staff/news/{id}/unpublish", "/staff/news/{id}/archive", "/staff/news/new"]


@pytest.fixture
def who(make_user, make_client, login):
    def make(role):
        client = make_client()
        if role == "anonymous":
            return client
        if role == "member":
            login(make_user(kind="member"), client=client)
        else:
            login(make_user(kind="staff", roles=(role,)), client=client)
        return client

    return make


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("member", 403), ("agent", 403), ("editor", 200), ("admin", 200)])
def test_cms_pages(who, make_article, role, expected):
    article = make_article()
    client = who(role)
    for url in URLS:
        response = client.get(url.format(id=article.id))
        assert response.status_code == expected, url
        if expected == 302:
            assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ["anonymous", "member", "agent"])
def test_cms_changes_are_refused(app, who, make_article, role):
    from portal.extensions import db
    from portal.news.models import Article

    article = make_article()
    client = who(role)
    for url in POSTS:
        assert client.post(url.format(id=article.id)).status_code in (302, 403), url
    with app.app_context():
        assert db.session.get(Article, article.id).status == "published"


@pytest.mark.parametrize("role", ["anonymous", "member", "agent", "editor"])
def test_public_pages_are_open_to_all(who, make_article, role):
    article = make_article()
    client = who(role)
    for url in ("/en/", "/news/", f"/news/{article.id}", "/news/feed.atom", "/sitemap.xml",
                "/robots.txt", "/contact", "/news/c/chamber-news/", f"/en/news/{article.id}",
                "/en/news/feed.atom", "/en/contact"):
        assert client.get(url).status_code == 200, url
