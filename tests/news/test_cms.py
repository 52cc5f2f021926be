"""The editors' CMS: writing, previewing, publishing, scheduling, unpublishing, archiving."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEvent
from portal.database import utcnow
from portal.dates import SHANGHAI
from portal.extensions import db
from portal.files.models import StoredFile
from portal.files.samples import pdf_document, png_image
from portal.news.models import Article


def form(category, **overrides):
    data = {"category_id": str(category.id), "title_zh": "商会召开年度会员大会",
            "summary_zh": "大会审议了工作报告。", "body_zh": "<p>会议在北京召开。</p>",
            "title_en": "", "summary_en": "", "body_en": "", "author": "秘书处综合事务部",
            "source": "商会秘书处", "publish_at": "", "action": "save"}
    data.update(overrides)
    return data


def only_article(app):
    with app.app_context():
        return db.session.scalars(select(Article)).one()


def actions(app):
    with app.app_context():
        return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
                if e.action.startswith("article.")]


def test_editor_saves_a_draft(app, editor_client, category):
    response = editor_client.post("/staff/news/new", data=form(category))
    assert response.status_code == 302
    article = only_article(app)
    assert response.headers["Location"] == f"/staff/news/{article.id}/edit"
    assert article.status == "draft" and article.title_zh == "商会召开年度会员大会"
    assert "The article has been saved." in editor_client.get(
        response.headers["Location"]).get_data(as_text=True)
    assert editor_client.get(f"/news/{article.id}").status_code == 404


def test_missing_title_keeps_what_was_typed(app, editor_client, category):
    response = editor_client.post("/staff/news/new", data=form(category, title_zh=" ",
                                                               summary_zh="我写的摘要"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please enter the Chinese title." in page
    assert "我写的摘要" in page
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []


@pytest.mark.parametrize("field, size", [("title_zh", 201), ("summary_zh", 501)])
def test_overlong_fields_are_refused(app, editor_client, category, field, size):
    response = editor_client.post("/staff/news/new", data=form(category, **{field: "长" * size}))
    assert response.status_code == 400
    assert "Field cannot be longer than" in response.get_data(as_text=True)


@pytest.mark.parametrize("value, message", [
    ("9999", "Please choose a category."), ("", "Please choose a category."),
    ("abc", "Please choose a category.")])
def test_unknown_category_is_refused(app, editor_client, category, value, message):
    response = editor_client.post("/staff/news/new", data=form(category, category_id=value))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_publish_now_makes_it_public_and_is_audited(app, editor_client, category, client):
    response = editor_client.post("/staff/news/new", data=form(category, action="publish"))
    assert response.status_code == 302
    article = only_article(app)
    assert article.status == "published" and article.publish_at <= utcnow()
    assert actions(app) == ["article.created", "article.published"]
    assert "商会召开年度会员大会" in client.get(f"/news/{article.id}").get_data(as_text=True)


def test_cannot_publish_without_a_body(app, editor_client, category):
    response = editor_client.post("/staff/news/new",
                                  data=form(category, body_zh="<p><br></p>", action="publish"))
    assert response.status_code == 400
    assert "needs a Chinese title and body" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []


def test_half_an_english_version_cannot_be_published(app, editor_client, category):
    response = editor_client.post("/staff/news/new", data=form(
        category, title_en="Annual meeting", action="publish"))
    assert response.status_code == 400
    assert "both a title and a body" in response.get_data(as_text=True)


def test_schedule_takes_beijing_time(app, editor_client, category):
    when = (utcnow() + timedelta(days=2)).astimezone(SHANGHAI).replace(second=0, microsecond=0)
    response = editor_client.post("/staff/news/new", data=form(
        category, action="schedule", publish_at=when.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 302
    article = only_article(app)
    assert article.status == "scheduled"
    assert article.publish_at == when
    assert not article.is_visible()
    assert actions(app) == ["article.created", "article.scheduled"]


def test_saving_a_scheduled_article_with_a_new_time_moves_it(app, editor_client, category):
    first = (utcnow() + timedelta(days=2)).astimezone(SHANGHAI).replace(second=0, microsecond=0)
    editor_client.post("/staff/news/new", data=form(
        category, action="schedule", publish_at=first.strftime("%Y-%m-%dT%H:%M")))
    article = only_article(app)
    later = first + timedelta(days=1)
    response = editor_client.post(f"/staff/news/{article.id}/edit", data=form(
        category, action="save", publish_at=later.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 302
    moved = only_article(app)
    assert (moved.status, moved.publish_at) == ("scheduled", later)


@pytest.mark.parametrize("publish_at", ["", "2020-01-01T10:00", "not a date"])
def test_schedule_needs_a_future_time(app, editor_client, category, publish_at):
    response = editor_client.post("/staff/news/new", data=form(
        category, action="schedule", publish_at=publish_at))
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []


def test_unpublish_and_archive_are_audited(app, editor_client, make_article, client):
    article = make_article()
    assert client.get(f"/news/{article.id}").status_code == 200
    assert editor_client.post(f"/staff/news/{article.id}/unpublish").status_code == 302
    assert only_article(app).status == "draft"
    assert client.get(f"/news/{article.id}").status_code == 404
    assert editor_client.post(f"/staff/news/{article.id}/archive").status_code == 302
    assert only_article(app).status == "archived"
    assert actions(app) == ["article.unpublished", "article.archived"]


def test_state_changes_are_post_only(editor_client, make_article):
    article = make_article()
    assert editor_client.get(f"/staff/news/{article.id}/unpublish").status_code == 405


def test_edit_keeps_status_and_updates_text(app, editor_client, make_article, category, editor):
    article = make_article()
    page = editor_client.get(f"/staff/news/{article.id}/edit").get_data(as_text=True)
    assert article.title_zh in page
    response = editor_client.post(f"/staff/news/{article.id}/edit",
                                  data=form(category, title_zh="新标题"))
    assert response.status_code == 302
    saved = only_article(app)
    assert saved.title_zh == "新标题" and saved.status == "published"
    assert saved.updated_by_id == editor.id


def test_edit_of_a_missing_article_is_404(editor_client):
    assert editor_client.get("/staff/news/999/edit").status_code == 404


def test_preview_shows_the_clean_text_and_stores_nothing(app, editor_client, category):
    response = editor_client.post("/staff/news/new", data=form(
        category, action="preview", body_zh="<p>预览正文</p><script>alert(1)</script>"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "预览正文" in page and "<script>alert(1)" not in page
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []


def test_saved_preview_of_a_draft(editor_client, make_article):
    draft = make_article(status="draft")
    page = editor_client.get(f"/staff/news/{draft.id}/preview").get_data(as_text=True)
    assert draft.title_zh in page and "noindex" in page


def test_attachments_and_cover_are_stored_and_downloadable(app, editor_client, category, client):
    data = form(category, action="publish", cover_alt_zh="会场全景")
    data["attachments"] = [(io.BytesIO(pdf_document("附件")), "会议通知.pdf")]
    data["cover_image"] = (io.BytesIO(png_image()), "cover.png")
    assert editor_client.post("/staff/news/new", data=data).status_code == 302
    article = only_article(app)
    with app.app_context():
        article = db.session.get(Article, article.id)
        names = [f.original_name for f in article.attachments]
        cover = article.cover_image
    assert names == ["会议通知.pdf"]
    assert cover.content_type == "image/png"
    page = client.get(f"/news/{article.id}").get_data(as_text=True)
    assert "会议通知.pdf" in page
    with app.app_context():
        stored = db.session.scalars(select(StoredFile).where(
            StoredFile.original_name == "会议通知.pdf")).one()
    download = client.get(f"/files/{stored.id}/会议通知.pdf", buffered=True)
    assert download.status_code == 200 and download.data == pdf_document("附件")


def test_files_of_an_unpublished_article_are_not_served(app, editor_client, category, make_user,
                                                       make_client, login):
    data = form(category, action="save")
    data["attachments"] = [(io.BytesIO(pdf_document("草稿")), "draft.pdf")]
    editor_client.post("/staff/news/new", data=data)
    with app.app_context():
        stored = db.session.scalars(select(StoredFile)).one()
    assert editor_client.get(f"/files/{stored.id}/draft.pdf", buffered=True).status_code == 200
    visitor = make_client()
    assert visitor.get(f"/files/{stored.id}/draft.pdf").status_code == 404
    member_client = make_client()
    login(make_user(kind="member"), client=member_client)
    assert member_client.get(f"/files/{stored.id}/draft.pdf").status_code == 404


def test_a_disguised_attachment_is_refused_and_nothing_is_saved(app, editor_client, category):
    data = form(category, title_zh="保留的标题")
    data["attachments"] = [(io.BytesIO(b"<html><script>alert(1)</script>"), "notice.pdf")]
    response = editor_client.post("/staff/news/new", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "does not match its type" in page and "保留的标题" in page
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []
        assert db.session.scalars(select(StoredFile)).all() == []
        assert [e.action for e in db.session.scalars(select(AuditEvent))] == ["login.succeeded",
                                                                            "file.rejected"]


@pytest.mark.parametrize("app_config", [{"MAX_CONTENT_LENGTH": 2048}])
def test_a_request_over_the_limit_gets_the_friendly_413(app, editor_client, category):
    data = form(category)
    data["attachments"] = [(io.BytesIO(b"%PDF-1.4" + b"0" * 5000), "big.pdf")]
    response = editor_client.post("/staff/news/new", data=data)
    assert response.status_code == 413
    assert "larger than the portal accepts" in response.get_data(as_text=True)


def test_removing_an_attachment(app, editor_client, category):
    data = form(category)
    data["attachments"] = [(io.BytesIO(pdf_document("a")), "a.pdf"),
                           (io.BytesIO(pdf_document("b")), "b.pdf")]
    editor_client.post("/staff/news/new", data=data)
    article = only_article(app)
    with app.app_context():
        first = db.session.scalars(select(StoredFile).where(
            StoredFile.original_name == "a.pdf")).one()
    response = editor_client.post(f"/staff/news/{article.id}/edit", data=form(
        category, remove_attachments=[str(first.id)]))
    assert response.status_code == 302
    with app.app_context():
        assert [f.original_name for f in db.session.get(Article, article.id).attachments] == [
            "b.pdf"]


def test_list_filters(app, editor_client, make_article, make_category):
    other = make_category(name_en="Party Building")
    make_article(title_zh="已发布中文", title_en="Published", body_en="<p>x</p>")
    make_article(status="draft", title_zh="草稿稿件")
    make_article(status="scheduled", publish_at=utcnow() + timedelta(days=1), title_zh="定时稿件")
    make_article(category=other, title_zh="党建稿件")
    page = editor_client.get("/staff/news/").get_data(as_text=True)
    assert all(t in page for t in ("已发布中文", "草稿稿件", "定时稿件", "党建稿件"))
    page = editor_client.get("/staff/news/?status=scheduled").get_data(as_text=True)
    assert "定时稿件" in page and "草稿稿件" not in page and "已发布中文" not in page
    page = editor_client.get("/staff/news/?status=published").get_data(as_text=True)
    assert "已发布中文" in page and "定时稿件" not in page
    page = editor_client.get(f"/staff/news/?category={other.id}").get_data(as_text=True)
    assert "党建稿件" in page and "草稿稿件" not in page
    page = editor_client.get("/staff/news/?language=complete").get_data(as_text=True)
    assert "已发布中文" in page and "党建稿件" not in page
    page = editor_client.get("/staff/news/?language=missing").get_data(as_text=True)
    assert "已发布中文" not in page and "党建稿件" in page
    page = editor_client.get("/staff/news/?q=草稿").get_data(as_text=True)
    assert "草稿稿件" in page and "党建稿件" not in page


@pytest.mark.parametrize("query", ["?status=evil'--", "?category=1%20OR%201=1", "?language=x",
                                   "?q=%25%25%25", "?page=-1", "?page=abc"])
def test_list_ignores_bad_filters(editor_client, make_article, query):
    make_article()
    assert editor_client.get("/staff/news/" + query).status_code == 200


def test_uploads_are_checked_and_stored_before_anything_is_written(app, editor_client, category,
                                                                    monkeypatch):
    """Hashing and checking files is the slow part of a save: SQLite's write lock, taken by
    the first write, is not held meanwhile."""
    from portal.files import services as files

    seen = []
    real = files.check_content

    def check(path, ext, kinds):
        seen.append(db.session.connection().info.get("wrote"))
        return real(path, ext, kinds)

    monkeypatch.setattr(files, "check_content", check)
    response = editor_client.post("/staff/news/new", data=form(
        category, cover_image=(io.BytesIO(png_image()), "封面.png"), cover_alt_zh="会场",
        attachments=[(io.BytesIO(pdf_document("附件")), "附件.pdf")]),
        content_type="multipart/form-data")
    assert response.status_code == 302
    assert seen == [False, False]
    with app.app_context():
        assert db.session.scalar(select(func.count(StoredFile.id))) == 2
