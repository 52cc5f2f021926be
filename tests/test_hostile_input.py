"""Odd input never reaches a 500 or the database: control characters in any field, ids and
page numbers past the database's integers, tokens of any characters."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from portal.accounts.models import User
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.news.models import Article

OUT_OF_RANGE = [str(2**31), str(2**63), str(2**64), "1" + "0" * 30, "9" * 5000]
IN_RANGE = [str(2**31 - 1), "0"]


@pytest.fixture
def admin_client(client, login, staff_admin):
    login(staff_admin)
    return client


def id_rules(app):
    """Every rule with an id in it, with the values for its other parts."""
    for rule in app.url_map.iter_rules():
        ids = [name for name, conv in rule._converters.items()
               if isinstance(conv, IntegerConverter)]
        if ids:
            yield rule, ids


def path(rule, ids, value) -> str:
    parts = {name: value if name in ids else "x.pdf" for name in rule.arguments}
    url = rule.rule
    for name, part in parts.items():
        url = url.replace(f"<int:{name}>", str(part)).replace(f"<path:{name}>", str(part))
    return url


def test_ids_outside_the_database_range_are_404_on_every_url(app, admin_client):
    seen = 0
    for rule, ids in id_rules(app):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for value in OUT_OF_RANGE:
                response = admin_client.open(path(rule, ids, value), method=method)
                assert response.status_code == 404, (rule.rule, method, value)
            for value in IN_RANGE:  # within range, but no such row (or not the admin's area:
                # staff are sent from the member area to their own)
                response = admin_client.open(path(rule, ids, value), method=method)
                expected = (302,) if rule.rule.startswith("/members/") else (403, 404)
                assert response.status_code in expected, (rule.rule, method, value)
            seen += 1
    assert seen > 20


@pytest.mark.parametrize("page", ["10" * 20, "99999999999", "-5", "١٢", "1e9", "9" * 5000])
def test_page_numbers_of_any_size_give_a_page(admin_client, page):
    for url in ("/news/", "/search?q=商会", "/staff/users/", "/staff/enterprises/",
                "/staff/audit/", "/staff/news/", "/staff/mail/"):
        joiner = "&" if "?" in url else "?"
        for query in (f"page={page}", f"per_page={page}", f"page={page}&per_page={page}"):
            response = admin_client.get(url + joiner + query)
            assert response.status_code in (200, 404), (url, query)


def test_staff_filters_of_any_value_give_a_page(admin_client):
    for url in ("/staff/news/?category=" + "9" * 30, "/staff/news/?category=²",
                "/staff/users/new?kind=member&enterprise=" + "9" * 30,
                "/staff/audit/?date_from=0001-01-01&date_to=9999-12-31",
                "/staff/users/?q=%00%01", "/staff/enterprises/?q=%00", "/search?q=%00商会"):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", ["/news/c/%00/", "/news/c/a%1bb/", "/files/1/a%00.pdf",
                                 "/password/reset/%00", "/invite/ab%7f"])
def test_control_characters_in_a_path_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("token", ["中文令牌", "x" * 5000, "é.é.é", "%ff%fe", "a:b:c"])
def test_reset_and_invitation_tokens_of_any_characters_are_400(client, token):
    assert client.get(f"/password/reset/{token}").status_code == 400
    assert client.get(f"/invite/{token}").status_code == 400
    assert client.post(f"/password/reset/{token}", data={"password": "x" * 12}
                       ).status_code == 400


@pytest.mark.parametrize("token", ["中文", "é" * 32, "\u200b" * 32, "0" * 5000])
def test_import_confirmation_tokens_of_any_characters_are_refused_politely(admin_client,
                                                                           token):
    response = admin_client.post("/staff/enterprises/import/confirm", data={"token": token})
    assert response.status_code == 302


def test_control_characters_never_reach_the_database(app, login, member, admin_client):
    """NUL and the like are dropped from every field; tab and newlines stay in text areas."""
    login(member, client=(browser := app.test_client()))
    assert browser.post("/members/account/profile", data={
        "name": "张\x00三\x07", "phone": "010\x1b 6000"}).status_code == 302
    assert admin_client.post("/staff/enterprises/new", data={
        "name_zh": "零\x00字节有限公司", "name_en": "Zero\x0b Byte", "credit_code": "",
        "level": "member"}).status_code == 200  # refused for its missing code, not a 500
    with app.app_context():
        assert db.session.get(User, member.id).name == "张三"
        assert db.session.get(User, member.id).phone == "010 6000"


def test_an_article_with_control_characters_keeps_the_feed_xml(app, make_user, login, client):
    from portal.news.models import Category

    editor = make_user(kind="staff", roles=("editor",))
    with app.app_context():
        category = Category(name_zh="动态", name_en="News", slug="news", position=0)
        db.session.add(category)
        db.session.commit()
    login(editor)
    response = client.post("/staff/news/new", data={
        "category_id": str(category.id), "title_zh": "标题\x00含\x1f控制符",
        "summary_zh": "第一行\r\n第二行\x0c", "body_zh": "<p>正文\x00\x08</p>", "title_en": "",
        "summary_en": "", "body_en": "", "author": "秘书处\x7f", "source": "",
        "publish_at": "", "action": "publish"})
    assert response.status_code == 302
    with app.app_context():
        article = db.session.scalars(select(Article)).one()
        assert (article.title_zh, article.summary_zh, article.author) == (
            "标题含控制符", "第一行\r\n第二行", "秘书处")
        assert "\x00" not in article.body_zh and "\x08" not in article.body_zh
    feed = client.get("/news/feed.atom")
    ET.fromstring(feed.get_data())  # well-formed XML


def test_an_enterprise_name_with_nul_is_stored_clean(app, admin_client):
    from portal.enterprises.creditcode import complete_code

    code = complete_code("91110000MA01NUL00")
    assert admin_client.post("/staff/enterprises/new", data={
        "name_zh": "零\x00字节有限公司", "name_en": "Zero\x00 Byte", "credit_code": code,
        "level": "member", "joined_on": "", "expires_on": ""}).status_code == 302
    with app.app_context():
        enterprise = db.session.scalars(select(Enterprise)).one()
        assert (enterprise.name_zh, enterprise.name_en) == ("零字节有限公司", "Zero Byte")
