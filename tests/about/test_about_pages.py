"""About pages: editors write them in both languages and order them in the main navigation;
readers get them at /about/<slug> and /en/about/<slug>, at once after each change."""

from __future__ import annotations

import re

import pytest

from portal.extensions import db

PAGE = {"title_zh": "入会指南", "body_zh": "<p>入会条件与流程。</p>", "title_en": "How to Join",
        "body_en": "<p>Who may join, and how.</p>", "slug": "join-us", "in_navigation": "y"}


@pytest.fixture
def who(make_user, make_client, login):
    def make(role):
        client = make_client()
        if role == "member":
            login(make_user(kind="member"), client=client)
        elif role != "anonymous":
            login(make_user(kind="staff", roles=(role,)), client=client)
        return client

    return make


@pytest.fixture
def editor_client(client, login, make_user):
    login(make_user(kind="staff", roles=("editor",), name="Editor One"))
    return client


def navigation(page: str) -> list[str]:
    nav = page.split('class="navbar-nav"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'class="nav-link[^"]*" href="[^"]*"[^>]*>([^<]+)</a>', nav)


def create(client, **changes):
    response = client.post("/staff/about/new", data={**PAGE, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def test_an_editor_writes_a_page_and_it_shows_in_both_languages(editor_client, make_client):
    create(editor_client)
    visitor = make_client()
    english = visitor.get("/en/about/join-us").get_data(as_text=True)
    assert "How to Join" in english and "Who may join, and how." in english
    chinese = visitor.get("/about/join-us").get_data(as_text=True)
    assert "入会指南" in chinese and "入会条件与流程。" in chinese
    assert navigation(visitor.get("/en/").get_data(as_text=True))[:2] == ["Home", "How to Join"]
    assert "入会指南" in navigation(visitor.get("/news/").get_data(as_text=True))


def test_a_page_without_english_shows_the_chinese_text_with_a_note(editor_client, client):
    create(editor_client, title_en="", body_en="", slug="about-us", title_zh="关于商会")
    page = client.get("/en/about/about-us").get_data(as_text=True)
    assert "关于商会" in page and "available in Chinese only" in page


def test_editors_choose_the_order_in_the_navigation(app, editor_client, make_client):
    create(editor_client, slug="about-us", title_zh="关于商会", title_en="About")
    create(editor_client, slug="organisation", title_zh="组织机构", title_en="Organisation")
    visitor = make_client()
    assert navigation(visitor.get("/en/").get_data(as_text=True))[1:3] == [
        "About", "Organisation"]
    from portal.about.models import AboutPage

    with app.app_context():
        second = db.session.scalars(db.select(AboutPage).filter_by(slug="organisation")).one()
    editor_client.post(f"/staff/about/{second.id}/move", data={"direction": "up"})
    assert navigation(visitor.get("/en/").get_data(as_text=True))[1:3] == [
        "Organisation", "About"]
    listing = editor_client.get("/staff/about/").get_data(as_text=True)
    assert listing.index("组织机构") < listing.index("关于商会")


def test_bad_input_is_refused_and_kept(editor_client):
    response = editor_client.post("/staff/about/new", data={**PAGE, "slug": "Join Us!"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "lower-case letters" in page and "入会指南" in page
    create(editor_client)
    again = editor_client.post("/staff/about/new", data=PAGE)
    assert "Another page already has this address." in again.get_data(as_text=True)
    half = editor_client.post("/staff/about/new", data={**PAGE, "slug": "x", "body_en": ""})
    assert "needs both a title and a text" in half.get_data(as_text=True)


def test_rich_text_is_sanitised(editor_client, client):
    create(editor_client,
           body_zh='<p>正文<script>alert(1)</script><a href="javascript:x">链接</a></p>')
    page = client.get("/about/join-us").get_data(as_text=True)
    assert "<script>alert" not in page and "javascript:x" not in page


def test_a_deleted_page_is_gone_at_once(app, editor_client, make_client):
    create(editor_client)
    visitor = make_client()
    assert visitor.get("/about/join-us").status_code == 200
    from portal.about.models import AboutPage

    with app.app_context():
        page_id = db.session.scalars(db.select(AboutPage.id)).one()
    editor_client.post(f"/staff/about/{page_id}/delete")
    assert visitor.get("/about/join-us").status_code == 404
    assert "How to Join" not in visitor.get("/en/").get_data(as_text=True)


def test_the_sitemap_lists_the_pages_in_both_languages(editor_client, client):
    create(editor_client)
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert "/about/join-us</loc>" in sitemap and "/en/about/join-us</loc>" in sitemap


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("member", 403), ("agent", 403),
                                          ("editor", 200), ("admin", 200)])
def test_only_editors_reach_the_screens(who, role, status):
    assert who(role).get("/staff/about/").status_code == status


def test_the_demo_has_the_three_usual_pages(app):
    from portal.about.demo import load_demo
    from portal.about.services import navigation_entries

    with app.test_request_context():
        load_demo()
        db.session.commit()
        assert [label for _, label, _ in navigation_entries("zh_CN")] == [
            "关于商会", "组织机构", "入会指南"]
