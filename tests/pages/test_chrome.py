"""The page chrome (header and footer) reused between requests: a visitor's header holds
nothing of theirs (no token, no name), names the page's twin in the other language, marks
the current section, and follows the settings at once; pages without a language in their
address keep a language form."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from portal.extensions import db
from tests.conftest import PASSWORD

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
MARKER = re.compile(r"chrome(?:twin|name|next|csrf)[0-9a-f]{16}")  # portal/chrome.py


def header(page: str) -> str:
    return page.split("<header", 1)[1].split("</header>", 1)[0]


def head(page: str) -> str:
    return page.split("<head>", 1)[1].split("</head>", 1)[0]


def current_section(page: str) -> str:
    return re.search(r'aria-current="page">([^<]+)</a></li>', header(page)).group(1)


def test_a_visitors_page_holds_no_token_and_names_its_twin(make_client):
    first, second = make_client(), make_client()
    home = first.get("/en/").get_data(as_text=True)
    listing = second.get("/news/?page=2&x=<b>\"'").get_data(as_text=True)
    for page in (home, listing):
        assert "csrf_token" not in page and "chrometwin" not in page
    assert 'href="/" hreflang="zh-CN" lang="zh-CN" data-language="zh_CN">中文</a>' in header(home)
    assert ('href="/en/news/?page=2&amp;x=&lt;b&gt;&#34;&#39;" hreflang="en" lang="en" '
            'data-language="en">English</a>') in header(listing)


def test_each_public_page_names_its_canonical_address_and_both_languages(client):
    page = head(client.get("/en/news/c/chamber-news/?page=2").get_data(as_text=True))
    base = "http://127.0.0.1:5000"
    assert f'<link rel="canonical" href="{base}/en/news/c/chamber-news/?page=2">' in page
    assert (f'<link rel="alternate" hreflang="zh-CN" href="{base}/news/c/chamber-news/?page=2">'
            in page)
    assert (f'<link rel="alternate" hreflang="en" href="{base}/en/news/c/chamber-news/?page=2">'
            in page)
    assert 'hreflang="x-default"' in page
    assert 'rel="canonical"' not in client.get("/login").get_data(as_text=True)


def test_the_font_size_is_the_browsers_own(client):
    page = client.get("/en/").get_data(as_text=True)
    assert '<html lang="en" class="fs-medium">' in page
    assert re.search(r'<script src="/static/js/font-size\.[0-9a-f]{8}\.js"></script>', head(page))
    assert 'data-font-size="large"' in header(page)


def test_the_current_section_is_marked_on_every_page(make_client):
    visitor = make_client()
    for _ in range(2):
        assert current_section(visitor.get("/en/").get_data(as_text=True)) == "Home"
        assert current_section(visitor.get("/en/news/").get_data(as_text=True)) == "News"
        assert current_section(visitor.get("/en/contact").get_data(as_text=True)) == "Contact us"
        assert current_section(visitor.get("/news/").get_data(as_text=True)) == "新闻动态"


def test_every_public_page_has_a_search_box_in_the_header(client):
    for url in ("/en/", "/news/", "/en/contact", "/login"):
        page = header(client.get(url).get_data(as_text=True))
        assert 'role="search"' in page and 'name="q"' in page, url


def test_pages_without_a_language_in_their_address_keep_the_language_form(client):
    page = header(client.get("/login").get_data(as_text=True))
    assert 'action="/lang/zh_CN"' in page and 'name="next" value="/login"' in page


def test_a_signed_in_user_gets_their_own_header_and_visitors_never_see_it(
        client, make_client, login, member):
    visitor = make_client()
    visitor.get("/en/")
    login(member)
    assert "Member One" in header(client.get("/en/").get_data(as_text=True))
    page = visitor.get("/en/").get_data(as_text=True)
    assert "Member One" not in page and "Member sign-in" in header(page)


def test_settings_saved_show_in_header_and_footer_at_once(app, make_client, staff_admin):
    from portal.settings.services import update_site_settings

    visitor = make_client()
    visitor.get("/en/")
    with app.test_request_context():
        update_site_settings(db.session.merge(staff_admin), hotline="010-8888 0000",
                             fax="010-8888 0001")
        db.session.commit()
    page = visitor.get("/en/").get_data(as_text=True)
    assert "010-8888 0000" in header(page)
    assert "010-8888 0001" in page.split("<footer", 1)[1]


def test_a_bump_happens_again_when_the_change_commits(app):
    from portal.generation import bump_generation, generation

    with app.test_request_context():
        before = generation()
        bump_generation()
        bumped = generation()
        db.session.commit()
        committed = generation()
    assert len({before, bumped, committed}) == 3
    with app.test_request_context():
        assert generation() == committed


def test_a_rolled_back_change_bumps_only_once(app):
    from portal.generation import bump_generation, generation

    with app.test_request_context():
        db.session.execute(text("SELECT 1"))  # the change's transaction
        bump_generation()
        bumped = generation()
        db.session.rollback()
        db.session.commit()
        assert generation() == bumped


def test_two_members_each_see_their_own_name_in_the_header(make_client, login, make_user):
    first, second = make_client(), make_client()
    login(make_user(name="Li <Wei> & Co"), client=first)
    login(make_user(name="王芳"), client=second)
    for path in ("/members/", "/members/notices/", "/en/"):
        mine, theirs = (header(c.get(path).get_data(as_text=True)) for c in (first, second))
        assert "Li &lt;Wei&gt; &amp; Co" in mine and "王芳" not in mine
        assert "王芳" in theirs and "Li &lt;Wei&gt;" not in theirs
        assert not MARKER.search(mine + theirs)


class TestCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_the_language_form_keeps_its_token(self, make_client):
        visitor = make_client()
        token = TOKEN.search(visitor.get("/login").get_data(as_text=True)).group(1)
        switched = visitor.post("/lang/zh_CN", data={"csrf_token": token, "next": "/login"})
        assert switched.status_code == 302 and switched.headers["Location"] == "/login"
        assert make_client().post("/lang/zh_CN", data={"csrf_token": token}).status_code == 400

    def test_each_signed_in_reader_gets_their_own_token_in_the_header(
            self, make_client, make_user):
        tokens = []
        for user in (make_user(), make_user()):
            reader = make_client()
            page = reader.get("/login").get_data(as_text=True)
            reader.post("/login", data={"csrf_token": TOKEN.search(page).group(1),
                                        "email": user.email, "password": PASSWORD})
            found = TOKEN.findall(header(reader.get("/members/").get_data(as_text=True)))
            assert len(found) == 2 and found[0] == found[1]  # language switch and sign-out
            signed_out = reader.post("/logout", data={"csrf_token": found[1]})
            assert signed_out.status_code == 302
            tokens.append(found[0])
        assert tokens[0] != tokens[1]
