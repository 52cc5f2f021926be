"""The editors' changes to articles: creating, updating, publishing, scheduling,
unpublishing and archiving them, their files and the preview. Each change sends
`article_changed` in the transaction (portal/news/events.py does what follows from it).
news.services, the feature's way in, passes these on to other features (member notices).
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from blinker import Namespace
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.audit.services import record_event
from portal.database import utcnow
from portal.errors import PortalError
from portal.extensions import db
from portal.files.models import StoredFile
from portal.files.services import save_upload
from portal.news.models import Article, ArticleAttachment, ArticleImage, Category
from portal.richtext import is_blank, sanitise_html, stored_file_ids

signals = Namespace()
# sent with the article and action="created"|"updated"|"published"|"scheduled"|"unpublished"|
# "archived", after the change is flushed and before the caller commits.
article_changed = signals.signal("article-changed")

ATTACHMENT_KINDS = ("pdf", "office", "image")
COVER_KINDS = ("image",)
FILE_PURPOSE = "article"


class ArticleRuleBroken(PortalError):
    """A rule of articles; `field` names the form field it is about, when there is one."""

    def __init__(self, message=None, field: str | None = None):
        super().__init__(message)
        self.field = field


# Changing -------------------------------------------------------------------------------------

# Plain text columns an editor's form sets as they are (trimmed).
TEXT_COLUMNS = ("title_zh", "summary_zh", "title_en", "summary_en", "author", "source",
                "author_en", "source_en", "cover_alt_zh", "cover_alt_en")


def _apply(article: Article, data: dict) -> None:
    """Copy the form's text onto the article (bodies sanitised); raises ArticleRuleBroken,
    after copying, without a category or a Chinese title."""
    for name in TEXT_COLUMNS:
        setattr(article, name, (data.get(name) or "").strip())
    article.body_zh = sanitise_html(data.get("body_zh"))
    article.body_en = sanitise_html(data.get("body_en"))
    article.pinned = bool(data.get("pinned"))
    category = db.session.get(Category, data.get("category_id") or 0)
    if category is None:
        raise ArticleRuleBroken(_l("Please choose a category."), field="category_id")
    article.category = category
    if not article.title_zh:
        raise ArticleRuleBroken(_l("Please enter the Chinese title."), field="title_zh")


def link_body_images(article: Article) -> None:
    """Keep article_images in step with the images the bodies show (readers may download
    those while the article is visible): the article's own image files only, so a body
    cannot open another feature's file to the public by naming its id."""
    wanted = stored_file_ids(article.body_zh) | stored_file_ids(article.body_en)
    if wanted:
        wanted = set(db.session.scalars(select(StoredFile.id).where(
            StoredFile.id.in_(wanted), StoredFile.purpose == FILE_PURPOSE,
            StoredFile.content_type.startswith("image/"))))
    kept = {link.file_id: link for link in article.body_images}
    if set(kept) != wanted:
        article.body_images = [kept.get(i) or ArticleImage(file_id=i) for i in sorted(wanted)]


def build_preview(data: dict, saved: Article | None = None, when: datetime | None = None
                  ) -> Article:
    """An unsaved article made from form data, for the preview (nothing is stored): the
    saved article's cover and status, the time it is to be published (now when not set).
    Its attachments are the template's to take from the saved article."""
    article = Article(status=saved.status if saved else "draft", view_count=0,
                      publish_at=when or (saved.publish_at if saved else None) or utcnow())
    with db.session.no_autoflush:
        with suppress(ArticleRuleBroken):  # a preview shows what there is, title or not
            _apply(article, data)
        if saved is not None and saved.cover_image_id and not data.get("remove_cover"):
            article.cover_image = saved.cover_image
    if article in db.session:  # the category's relationship never cascades it in; be sure
        db.session.expunge(article)
    return article


def create_article(actor, data: dict, kind: str = "article") -> Article:
    """A new draft; raises ArticleRuleBroken without a category or Chinese title."""
    article = Article(status="draft", created_by_id=actor.id, updated_by_id=actor.id, kind=kind,
                      audience="public")
    _apply(article, data)
    link_body_images(article)
    db.session.add(article)
    db.session.flush()
    record_event(actor, "article.created", article)
    article_changed.send(article, action="created")
    return article


def update_article(actor, article: Article, data: dict) -> Article:
    """Save edits (a visible article changes at once; its status stays)."""
    _apply(article, data)
    link_body_images(article)
    article.updated_by_id = actor.id
    article.updated_at = utcnow()
    db.session.flush()
    article_changed.send(article, action="updated")
    return article


def _check_publishable(article: Article) -> None:
    if not article.title_zh or is_blank(article.body_zh):
        raise ArticleRuleBroken(_l("An article needs a Chinese title and body to be published."),
                                field="title_zh" if not article.title_zh else "body_zh")
    if bool(article.title_en) != bool(article.body_en):
        raise ArticleRuleBroken(_l(
            "The English version needs both a title and a body (or neither)."),
            field="body_en" if article.title_en else "title_en")


def _set_status(actor, article: Article, status: str, publish_at, action: str) -> Article:
    article.status = status
    article.publish_at = publish_at
    article.updated_by_id = actor.id
    article.updated_at = utcnow()
    db.session.flush()
    record_event(actor, f"article.{action}", article, title=article.title_zh[:100],
                 publish_at=publish_at.isoformat() if publish_at else None)
    article_changed.send(article, action=action)
    return article


def publish_article(actor, article: Article, now: datetime | None = None) -> Article:
    """Publish now; raises ArticleRuleBroken when the article is incomplete."""
    _check_publishable(article)
    return _set_status(actor, article, "published", now or utcnow(), "published")


def schedule_article(actor, article: Article, when: datetime) -> Article:
    """Publish at `when` (UTC, in the future); it becomes visible by itself at that time."""
    _check_publishable(article)
    if when is None:
        raise ArticleRuleBroken(_l("Please choose when to publish."), field="publish_at")
    if when <= utcnow():
        raise ArticleRuleBroken(_l("The publishing time must be in the future."),
                                field="publish_at")
    return _set_status(actor, article, "scheduled", when, "scheduled")


def unpublish_article(actor, article: Article) -> Article:
    """Back to draft: gone from every public page, feed and sitemap."""
    return _set_status(actor, article, "draft", article.publish_at, "unpublished")


def archive_article(actor, article: Article) -> Article:
    """Archived articles are kept for the record and never shown to the public."""
    return _set_status(actor, article, "archived", article.publish_at, "archived")


def save_article(actor, article: Article | None, data: dict, *, action: str = "save",
                 when: datetime | None = None, uploads=(), remove_file_ids=(), cover=None,
                 remove_cover: bool = False, kind: str = "article", purpose: str = FILE_PURPOSE,
                 before_publishing=None) -> Article:
    """What an editor's form does (news and notices alike): store the uploads (before
    anything is written), create (article None) or update the text, remove and add files,
    then publish now, schedule at `when`, or move a scheduled article to a new `when`.
    before_publishing(article), when given, runs after the text and files are saved and
    before the status changes (a notice sets its own fields there). Raises ArticleRuleBroken
    and UploadRejected; the caller rolls back."""
    stored_cover, stored = store_uploads(actor, cover, uploads, purpose)
    if article is None:
        article = create_article(actor, data, kind=kind)
    else:
        update_article(actor, article, data)
    remove_files(article, remove_file_ids, cover=remove_cover)
    if stored_cover is not None:
        set_cover_image(article, stored_cover)
    attach_files(article, stored)
    if before_publishing is not None:
        before_publishing(article)
    if action == "publish":
        publish_article(actor, article)
    elif action == "schedule" or (article.status == "scheduled" and when
                                  and when != article.publish_at):
        # Saving a scheduled article with a new time moves it: the editor sees that time.
        schedule_article(actor, article, when)
    return article


def store_uploads(actor, cover, uploads, purpose: str = FILE_PURPOSE
                  ) -> tuple[StoredFile | None, list[StoredFile]]:
    """Check and store the uploaded cover and attachments, before anything of the article is
    written: hashing, type checks and writing files are the slow part, and SQLite's write lock
    is taken by the first write. Their rows are added, not flushed. Raises UploadRejected."""
    with db.session.no_autoflush:
        stored_cover = (save_upload(actor, cover, COVER_KINDS, purpose, flush=False)
                        if cover else None)
        stored = [save_upload(actor, upload, ATTACHMENT_KINDS, purpose, flush=False)
                  for upload in uploads or () if upload and upload.filename]
    return stored_cover, stored


def attach_files(article: Article, stored: list[StoredFile]) -> None:
    """Attach stored files after the existing ones."""
    position = max((link.position for link in article.attachment_links), default=-1) + 1
    for offset, saved in enumerate(stored):
        article.attachment_links.append(ArticleAttachment(file=saved, position=position + offset))


def set_cover_image(article: Article, stored: StoredFile) -> None:
    article.cover_image = stored


def remove_files(article: Article, file_ids, cover: bool = False) -> None:
    """Detach files (their rows go; a blob no row uses is cleared by `files orphans`)."""
    wanted = set(file_ids or ())
    for link in [link for link in article.attachment_links if link.file_id in wanted]:
        article.attachment_links.remove(link)
        db.session.delete(link.file)
    if cover and article.cover_image is not None:
        db.session.delete(article.cover_image)
        article.cover_image = None
