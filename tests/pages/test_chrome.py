"""The page chrome (header and footer) reused between requests: each visitor still gets
their own CSRF token and the page's own address in the switches, the current section,
and a footer that follows the settings at once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from portal.extensions import db

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
NEXT = re.compile(r'name="next" value="([^"]*)"')


def header(page: str) -> str:
    return page.split("<header", 1)[1].split("</header>", 1)[0]


def current_section(page: str) -> str:
    return re.search(r'aria-current="page">([^<]+)</a></li>', header(page)).group(1)


def test_each_page_and_visitor_gets_its_own_next_address_and_token(make_client):
    first, second = make_client(), make_client()
    home = first.get("/").get_data(as_text=True)
    listing = second.get("/news/?page=2&x=<b>\"'").get_data(as_text=True)
    again = first.get("/contact").get_data(as_text=True)
    assert set(NEXT.findall(home)) == {"/"}
    assert set(NEXT.findall(listing)) == {"/news/?page=2&amp;x=&lt;b&gt;&#34;&#39;"}
    assert set(NEXT.findall(again)) == {"/contact"}
    assert len(set(TOKEN.findall(home))) == 1
    assert set(TOKEN.findall(home)).isdisjoint(TOKEN.findall(listing))
    assert "chrometoken" not in home + listing and "chromenext" not in home + listing


def test_the_current_section_is_marked_on_every_page(make_client):
    visitor = make_client()
    for _ in range(2):
        assert current_section(visitor.get("/").get_data(as_text=True)) == "Home"
        assert current_section(visitor.get("/news/").get_data(as_text=True)) == "News"
        assert current_section(visitor.get("/contact").get_data(as_text=True)) == "Contact us"


def test_language_and_font_size_show_in_the_header(make_client):
    chinese, english = make_client("zh-CN"), make_client("en")
    english.get("/")
    assert "English</button>" in header(chinese.get("/").get_data(as_text=True))
    assert "中文</button>" in header(english.get("/").get_data(as_text=True))
    english.set_cookie("font_size", "large")
    large = header(english.get("/").get_data(as_text=True))
    assert re.search(r'value="large" class="btn btn-sm btn-topbar active"', large)


def test_a_signed_in_user_gets_their_own_header_and_visitors_never_see_it(
        client, make_client, login, member):
    visitor = make_client()
    visitor.get("/")
    login(member)
    assert "Member One" in header(client.get("/").get_data(as_text=True))
    page = visitor.get("/").get_data(as_text=True)
    assert "Member One" not in page and "Member sign-in" in header(page)


def test_settings_saved_show_in_header_and_footer_at_once(app, make_client, staff_admin):
    from portal.settings.services import update_site_settings

    visitor = make_client()
    visitor.get("/")
    with app.test_request_context():
        update_site_settings(db.session.merge(staff_admin), hotline="010-8888 0000",
                             fax="010-8888 0001")
        db.session.commit()
    page = visitor.get("/").get_data(as_text=True)
    assert "010-8888 0000" in header(page)
    assert "010-8888 0001" in page.split("<footer", 1)[1]


def test_a_bump_happens_again_when_the_change_commits(app):
    from portal.pagecache import bump_generation, generation

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
    from portal.pagecache import bump_generation, generation

    with app.test_request_context():
        db.session.execute(text("SELECT 1"))  # the change's transaction
        bump_generation()
        bumped = generation()
        db.session.rollback()
        db.session.commit()
        assert generation() == bumped


class TestCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_the_switches_work_with_the_token_on_a_reused_header(self, make_client):
        make_client().get("/")
        visitor = make_client()
        token = TOKEN.search(visitor.get("/").get_data(as_text=True)).group(1)
        switched = visitor.post("/font-size", data={"csrf_token": token, "size": "large",
                                                    "next": "/news/"})
        assert switched.status_code == 302 and switched.headers["Location"] == "/news/"
        assert make_client().post("/font-size", data={"csrf_token": token}).status_code == 400
