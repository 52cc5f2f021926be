"""A form sent with a stale CSRF token, or with files past the size limit, comes back with
what was typed and a message; nothing is stored; buttons that post still get the 400 page."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import func, select, text

from portal.extensions import db
from portal.news.models import Article, Category
from tests.conftest import PASSWORD

STALE = "This form had expired, so it was not sent."
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "WTF_CSRF_TIME_LIMIT": 3600,
            "MAX_CONTENT_LENGTH": 50_000}  # (bodies past 500 KB are temporary files in tests)


def token_of(response) -> str:
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def sign_in(client, user):
    page = client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": token_of(page)})
    assert response.status_code == 302


@pytest.fixture
def editor_client(app, client, make_user):
    sign_in(client, make_user(kind="staff", roles=("admin",)))
    with app.app_context():
        db.session.add(Category(name_zh="动态", name_en="News", slug="news", position=0))
        db.session.commit()
    return client


def article_form(app, token, **fields):
    with app.app_context():
        category_id = db.session.scalar(select(Category.id))
    data = {"category_id": str(category_id), "title_zh": "一篇写了很久的文章",
            "summary_zh": "摘要", "body_zh": "<p>编辑花了两个小时写的正文。</p>", "title_en": "",
            "summary_en": "", "body_en": "", "author": "", "source": "", "publish_at": "",
            "action": "save", "csrf_token": token}
    data.update(fields)
    return data


def articles(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Article.id)))


def test_a_form_left_open_too_long_comes_back_with_the_text(app, editor_client):
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:  # (signed in now)
        token = token_of(editor_client.get("/staff/news/new"))
        traveller.shift(2 * 3600)  # past WTF_CSRF_TIME_LIMIT
        response = editor_client.post("/staff/news/new", data=article_form(app, token))
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert STALE in page
        assert "一篇写了很久的文章" in page and "编辑花了两个小时写的正文。" in page
        assert articles(app) == 0
        again = editor_client.post("/staff/news/new",
                                   data=article_form(app, token_of(response)))
        assert again.status_code == 302
        assert articles(app) == 1


def test_a_token_from_elsewhere_is_refused_the_same_way(app, editor_client):
    response = editor_client.post("/staff/news/new", data=article_form(app, "forged"))
    assert response.status_code == 400
    assert STALE in response.get_data(as_text=True)
    assert articles(app) == 0


def test_the_sign_in_form_keeps_the_address(client, member):
    response = client.post("/login", data={"email": member.email, "password": PASSWORD,
                                           "csrf_token": "stale"})
    assert response.status_code == 400
    assert f'value="{member.email}"' in response.get_data(as_text=True)
    assert STALE in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_a_button_that_posts_still_gets_the_400_page(app, editor_client, make_user):
    other = make_user(kind="staff")
    response = editor_client.post(f"/staff/users/{other.id}/deactivate",
                                  data={"csrf_token": "stale"})
    assert response.status_code == 400
    assert "This form has expired or was sent from elsewhere." in response.get_data(
        as_text=True)
    assert editor_client.post("/logout", data={}).status_code == 400


def row_counts(app) -> dict:
    """Rows per table; of the audit log, those other than denied access (recorded apart)."""
    with app.app_context():
        counts = {table.name: db.session.scalar(text(f"SELECT count(*) FROM {table.name}"))
                  for table in db.metadata.sorted_tables}
        counts["audit_events"] = db.session.scalar(text(
            "SELECT count(*) FROM audit_events WHERE action != 'access.denied'"))
        return counts


def test_no_form_page_stores_anything_with_a_bad_token(app, editor_client):
    """Every endpoint that shows a form and takes it back, posted with a bad token and
    plausible values: shown again (400), and not a row changes."""
    before = row_counts(app)
    checked = 0
    for rule in app.url_map.iter_rules():
        if not {"GET", "POST"} <= rule.methods or rule.arguments:
            continue
        response = editor_client.post(rule.rule, data={
            "csrf_token": "stale", "name": "新名字", "name_zh": "新部门", "email": "x@example.com",
            "title_zh": "标题", "body_zh": "<p>正文</p>", "action": "publish"})
        assert response.status_code in (400, 302), rule.rule  # 302: staff are sent from /members
        checked += response.status_code == 400
    assert checked >= 8
    assert row_counts(app) == before


def test_files_past_the_size_limit_come_back_with_the_text(app, editor_client):
    token = token_of(editor_client.get("/staff/news/new"))
    data = article_form(app, token)
    data["attachments"] = (io.BytesIO(b"%PDF-1.4 " + b"0" * 150_000), "大文件.pdf")
    response = editor_client.post("/staff/news/new", data=data,
                                  content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "What you sent is larger than the portal accepts" in page
    assert "一篇写了很久的文章" in page and "编辑花了两个小时写的正文。" in page
    assert articles(app) == 0


def test_far_too_large_a_body_is_still_413(app, editor_client):
    token = token_of(editor_client.get("/staff/news/new"))
    data = article_form(app, token)
    data["attachments"] = (io.BytesIO(b"0" * 300_000), "huge.pdf")  # past 5 x 50 KB
    response = editor_client.post("/staff/news/new", data=data,
                                  content_type="multipart/form-data")
    assert response.status_code == 413

