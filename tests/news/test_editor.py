"""The editor's additions to articles: images in the body (with their descriptions), the
cover's description, English author and source, the reader's-page preview, the messages of
scheduling and the error summary."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.database import utcnow
from portal.dates import SHANGHAI
from portal.extensions import db
from portal.files.models import StoredFile
from portal.files.samples import pdf_document, png_image
from portal.files.services import save_bytes
from portal.news.models import Article, ArticleImage
from tests.news.test_cms import form, only_article


@pytest.fixture
def upload_image(app, editor_client):
    """upload_image(name) -> the download address of an image uploaded from the editor."""

    def upload(name="会场.png"):
        response = editor_client.post("/staff/files/images/article",
                                      data={"image": (io.BytesIO(png_image()), name)})
        assert response.status_code == 201
        return response.get_json()["url"]

    return upload


def status(client, url: str) -> int:
    return client.get(url, buffered=True).status_code  # buffered: the file is closed


def image_links(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(ArticleImage.file_id).order_by(ArticleImage.file_id)))


# Images in the body ---------------------------------------------------------------------------

def test_an_image_without_its_description_is_refused(app, editor_client, category,
                                                      upload_image):
    url = upload_image()
    response = editor_client.post("/staff/news/new", data=form(
        category, body_zh=f'<p>会场</p><p><img src="{url}" alt=" "></p>'))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Every image needs a description (alt text)" in page
    assert 'href="#body_zh"' in page  # in the error summary, linked to the field
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []


def test_an_image_from_another_site_is_refused(app, editor_client, category):
    response = editor_client.post("/staff/news/new", data=form(
        category, body_en='<p><img src="https://example.net/a.png" alt="A hall"></p>'))
    assert response.status_code == 400
    assert "pictures from other sites cannot be shown" in response.get_data(as_text=True)


def test_body_images_are_served_while_the_article_is_visible(app, editor_client, category,
                                                             upload_image, make_client):
    zh, en = upload_image("会场.png"), upload_image("hall.png")
    body_zh = f'<p>会场</p><p><img src="{zh}" alt="会场全景"></p>'
    body_en = f'<p>Hall</p><p><img src="{en}" alt="The main hall"></p>'
    editor_client.post("/staff/news/new", data=form(category, body_zh=body_zh,
                                                    title_en="Meeting", body_en=body_en))
    article = only_article(app)
    assert article.body_zh == body_zh and len(image_links(app)) == 2
    visitor = make_client("zh-CN")
    assert status(visitor, zh) == 404  # a draft
    editor_client.post(f"/staff/news/{article.id}/edit", data=form(
        category, body_zh=body_zh, title_en="Meeting", body_en=body_en, action="publish"))
    assert status(visitor, zh) == 200 and status(visitor, en) == 200
    page = visitor.get(f"/news/{article.id}").get_data(as_text=True)
    assert 'alt="会场全景"' in page

    # Taken out of the text, an image is no longer the article's to show.
    editor_client.post(f"/staff/news/{article.id}/edit", data=form(
        category, body_zh="<p>会场</p>", title_en="Meeting", body_en=body_en))
    assert len(image_links(app)) == 1
    assert status(visitor, zh) == 404 and status(visitor, en) == 200


def test_a_body_cannot_open_another_features_file(app, editor_client, category, editor,
                                                  make_client):
    with app.app_context():
        other = save_bytes(editor, "secret.png", png_image(), ("image",), "enquiry")
        db.session.commit()
        other_id = other.id
    editor_client.post("/staff/news/new", data=form(
        category, action="publish",
        body_zh=f'<p>正文</p><p><img src="/files/{other_id}/secret.png" alt="图"></p>'))
    assert only_article(app).status == "published"
    assert image_links(app) == []


def test_the_editor_page_hands_the_script_its_words_and_upload_address(editor_client):
    page = editor_client.get("/staff/news/new").get_data(as_text=True)
    assert 'data-image-upload="/staff/files/images/article"' in page
    assert "&#34;bold&#34;: &#34;Bold&#34;" in page or '"bold": "Bold"' in page
    assert '<dialog class="rich-text-image-dialog"' in page


# The cover's description, English author and source -------------------------------------------

def test_a_new_cover_needs_its_description(app, editor_client, category):
    data = form(category)
    data["cover_image"] = (io.BytesIO(png_image()), "cover.png")
    response = editor_client.post("/staff/news/new", data=data)
    assert response.status_code == 400
    assert "Please describe the cover image" in response.get_data(as_text=True)


def test_a_kept_cover_needs_its_description_a_removed_one_does_not(app, editor_client, category):
    data = form(category, cover_alt_zh="会场")
    data["cover_image"] = (io.BytesIO(png_image()), "cover.png")
    editor_client.post("/staff/news/new", data=data)
    article = only_article(app)
    edit = f"/staff/news/{article.id}/edit"
    assert editor_client.post(edit, data=form(category)).status_code == 400
    assert editor_client.post(edit, data=form(category, remove_cover="y")).status_code == 302
    assert only_article(app).cover_image_id is None


def test_readers_get_the_description_and_byline_of_their_language(app, editor_client, category,
                                                                  make_client):
    data = form(category, action="publish", pinned="y", cover_alt_zh="会场全景",
                cover_alt_en="The main hall", author="宣传部", author_en="Publicity Department",
                source="商会党委", source_en="")
    data["cover_image"] = (io.BytesIO(png_image()), "cover.png")
    editor_client.post("/staff/news/new", data=data)
    article = only_article(app)
    chinese = make_client("zh-CN").get(f"/news/{article.id}").get_data(as_text=True)
    assert 'alt="会场全景"' in chinese and "宣传部" in chinese
    english = make_client("en").get(f"/en/news/{article.id}").get_data(as_text=True)
    # A Chinese-only article: English values are marked English in it, and the source falls
    # back to the Chinese one.
    assert 'alt="The main hall" lang="en"' in english
    assert '<dd lang="en">Publicity Department</dd>' in english
    assert "<dd>商会党委</dd>" in english
    home = make_client("en").get("/en/").get_data(as_text=True)
    assert 'alt="The main hall"' in home
    assert 'alt="会场全景"' in make_client("zh-CN").get("/").get_data(as_text=True)


def test_an_english_article_marks_a_chinese_fallback(app, editor_client, category, make_client):
    editor_client.post("/staff/news/new", data=form(
        category, action="publish", title_en="Annual meeting", body_en="<p>Held.</p>",
        author="宣传部", author_en=""))
    page = make_client("en").get(f"/en/news/{only_article(app).id}").get_data(as_text=True)
    assert '<dd lang="zh-CN">宣传部</dd>' in page


# Scheduling -----------------------------------------------------------------------------------

def test_scheduling_without_a_time_asks_for_one(app, editor_client, category):
    response = editor_client.post("/staff/news/new", data=form(category, action="schedule"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please choose when to publish." in page
    assert "must be in the future" not in page
    assert 'href="#publish_at"' in page
    # The form is the new-article form again (nothing was kept).
    assert 'action="/staff/news/new"' in page
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []


def test_scheduling_in_the_past_says_so_by_the_field(app, editor_client, category):
    past = (utcnow() - timedelta(hours=2)).astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")
    response = editor_client.post("/staff/news/new", data=form(
        category, action="schedule", publish_at=past))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="publish_at-errors">The publishing time must be in the future.' in page


def test_a_refused_edit_stays_an_edit(app, editor_client, make_article, category):
    article = make_article(status="draft")
    response = editor_client.post(f"/staff/news/{article.id}/edit",
                                  data=form(category, action="schedule"))
    assert response.status_code == 400
    assert f'action="/staff/news/{article.id}/edit"' in response.get_data(as_text=True)


def test_the_form_asks_before_publishing_now(editor_client):
    page = editor_client.get("/staff/news/new").get_data(as_text=True)
    assert 'value="publish" class="btn btn-danger" data-confirm="Publish this article' in page


# The preview ----------------------------------------------------------------------------------

def test_the_preview_is_the_readers_page_of_the_unsaved_text(app, editor_client, category):
    data = form(category, title_en="Annual meeting", body_en="<p>Held in Beijing.</p>",
                author_en="General Affairs Department", cover_alt_zh="会场")
    data["attachments"] = [(io.BytesIO(pdf_document("a")), "议程.pdf"),
                           (io.BytesIO(pdf_document("b")), "名单.pdf")]
    data["cover_image"] = (io.BytesIO(png_image()), "cover.png")
    editor_client.post("/staff/news/new", data=data)
    article = only_article(app)
    with app.app_context():
        saved = db.session.get(Article, article.id)
        updated_at = saved.updated_at
        dropped = next(f.id for f in saved.attachments if f.original_name == "名单.pdf")

    changed = form(category, title_zh="改过的标题", title_en="Annual meeting",
                   body_en="<p>Held in Beijing.</p>", author_en="General Affairs Department",
                   cover_alt_zh="会场", remove_attachments=[str(dropped)])
    response = editor_client.post(f"/staff/news/{article.id}/preview",
                                  data=dict(changed, language="zh_CN"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="zh-CN"' in page and "这是所填内容的预览" in page
    assert '<h1 class="article-title">改过的标题</h1>' in page
    assert 'name="robots" content="noindex"' in page
    assert "议程.pdf" in page and "名单.pdf" not in page
    assert 'class="article-cover' in page and 'alt="会场"' in page

    english = editor_client.post(f"/staff/news/{article.id}/preview",
                                 data=dict(changed, language="en")).get_data(as_text=True)
    assert '<html lang="en"' in english and "nothing is saved yet" in english
    assert '<h1 class="article-title">Annual meeting</h1>' in english
    assert "General Affairs Department" in english
    # Without a choice, the editor's own language (the test client's: English).
    assert "Annual meeting</h1>" in editor_client.post(
        f"/staff/news/{article.id}/preview", data=changed).get_data(as_text=True)

    with app.app_context():  # nothing changed
        kept = db.session.get(Article, article.id)
        assert kept.title_zh == "商会召开年度会员大会" and kept.updated_at == updated_at
        assert len(kept.attachments) == 2


def test_a_new_articles_preview_shows_what_there_is(app, editor_client, category):
    response = editor_client.post("/staff/news/preview", data=form(
        category, title_zh="", category_id="", body_zh="<p>只写了正文</p><script>x</script>"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "只写了正文" in page and "<script>x" not in page
    with app.app_context():
        assert db.session.scalars(select(Article)).all() == []
        assert db.session.scalars(select(StoredFile)).all() == []


def test_the_saved_version_in_english(editor_client, make_article):
    article = make_article(status="draft", title_en="Saved title", body_en="<p>Saved.</p>")
    page = editor_client.get(f"/staff/news/{article.id}/preview?language=en").get_data(
        as_text=True)
    assert '<h1 class="article-title">Saved title</h1>' in page and "Back to editing" in page


def test_the_preview_addresses_are_the_editors(app, client, login, make_user, make_article):
    article = make_article(status="draft")
    login(make_user(kind="staff", roles=("agent",)))
    assert client.post("/staff/news/preview", data={}).status_code == 403
    assert client.post(f"/staff/news/{article.id}/preview", data={}).status_code == 403
