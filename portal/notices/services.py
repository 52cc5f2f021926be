"""Notice rules: editors write and publish notices (through the news services: a notice's
text is an Article of kind "notice"), members read the ones of their audience. Their
enterprises' acknowledgements, and the reminders to those that have not given one, are
acknowledgements.py.

A member sees a notice when it is published and due, not expired, and their enterprise is
in its audience (member_condition); everything a member asks for goes through it, and a
notice outside it is NotFound, as one that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import joinedload

from portal.audit.services import record_event
from portal.database import UTCDateTime, utcnow
from portal.enterprises.services import readable_by, reader_params, set_audience
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.mail.services import cancel_mailing, start_mailing
from portal.news import services as news
from portal.news.models import Article, ArticleAttachment, Category
from portal.notices.indexing import index_notice
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead

FILE_PURPOSE = "notice"
CATEGORY_SLUG = "notices"  # the public 通知公告 category, where public notices appear
PUBLISHED_MAIL = "notice.published"


class NoticeRuleBroken(PortalError):
    pass


def member_condition(enterprise=None, now: datetime | None = None):
    """SQL over Notice joined to its Article: the enterprise's members may read it now.
    Without an enterprise, for statements built once, the tags and the time are bind
    parameters (member_params)."""
    return and_(Article.kind == "notice", readable_now(enterprise, now))


def readable_now(enterprise=None, now: datetime | None = None):
    """member_condition() without the kind, for lookups by id (queries.py): given the kind,
    SQLite walked every notice along the kind's index instead."""
    if enterprise is None:
        now = bindparam("now", type_=UTCDateTime)
    return and_(news.published_condition(now), readable_by(Notice.audience_id, enterprise))


def member_params(user, now: datetime | None = None, **more) -> dict:
    return {**reader_params(user.enterprise), "now": now or utcnow(), **more}


# Editing ---------------------------------------------------------------------------------------

def notices_category() -> Category:
    """The 通知公告 category (made when missing): notices are articles of it."""
    category = db.session.scalars(select(Category).where(Category.slug == CATEGORY_SLUG)).first()
    if category is None:
        category = Category(slug=CATEGORY_SLUG, name_zh="通知公告", name_en="Notices",
                            position=2)
        db.session.add(category)
        db.session.flush()
    return category


def get_notice_for_editing(notice_id: int) -> Notice:
    notice = db.session.scalars(select(Notice).where(Notice.id == notice_id).options(
        joinedload(Notice.audience),
        joinedload(Notice.article).selectinload(Article.attachment_links)
        .joinedload(ArticleAttachment.file))).first()
    if notice is None:
        raise NotFound()
    return notice


def _apply_notice(notice: Notice, data: dict) -> None:
    notice.audience = set_audience(notice.audience if notice.audience_id else None,
                                   **data["audience"])
    notice.ack_required = bool(data.get("ack_required"))
    notice.ack_deadline = data.get("ack_deadline") if notice.ack_required else None
    article = notice.article
    article.audience = "public" if data.get("public") else "members"
    article.expires_at = data.get("expires_at")
    if article.expires_at and article.publish_at and article.expires_at <= article.publish_at:
        raise NoticeRuleBroken(_l("The expiry time must come after the publishing time."))


def save_notice(actor, notice: Notice | None, text: dict, data: dict, *, action="save",
                when=None, uploads=(), remove_file_ids=()) -> Notice:
    """The editor's form (news.save_article for the text, files and publishing; then the
    notice's own fields). Publishing asks for the mail to the audience (sent by the mail
    sender in batches); scheduling asks for it at the publishing time. Raises
    NoticeRuleBroken, news.ArticleRuleBroken, AudienceProblem, UploadRejected."""
    text = {**text, "category_id": notices_category().id}
    holder: dict = {}

    def before_publishing(article: Article) -> None:
        found = notice or db.session.get(Notice, article.id)
        if found is None:
            found = Notice(id=article.id, article=article)
        holder["notice"] = found
        _apply_notice(found, data)  # the audience first: a notice row needs one
        db.session.add(found)
        db.session.flush()

    article = news.save_article(actor, notice.article if notice else None, text, action=action,
                                when=when, uploads=uploads, remove_file_ids=remove_file_ids,
                                kind="notice", purpose=FILE_PURPOSE,
                                before_publishing=before_publishing)
    saved = holder["notice"]
    if notice is None:
        record_event(actor, "notice.created", saved, title=article.title_zh[:100])
    if action in ("publish", "schedule"):
        record_event(actor, {"publish": "notice.published", "schedule": "notice.scheduled"}[
            action], saved, publish_at=article.publish_at.isoformat())
    _after_change(saved)
    return saved


def _after_change(notice: Notice) -> None:
    """Keep the mail, the search index and the public pages in step with the notice as it
    now stands (the article's own change was announced before the notice's fields, such as
    its audience, were set: announce it again)."""
    article = notice.article
    news.article_changed.send(article, action="updated")
    if article.status in ("published", "scheduled") and article.publish_at:
        if not _mailed(notice):
            start_mailing(PUBLISHED_MAIL, notice.id, not_before=article.publish_at)
    else:
        cancel_mailing(PUBLISHED_MAIL, notice.id)
    index_notice(notice)


def _mailed(notice: Notice) -> bool:
    """True when its publication mail has been expanded already (sent or being sent)."""
    from portal.mail.models import Mailing

    return db.session.scalar(select(Mailing.id).where(
        Mailing.source == PUBLISHED_MAIL, Mailing.object_id == notice.id,
        Mailing.status == "done").limit(1)) is not None


def unpublish_notice(actor, notice: Notice) -> Notice:
    """Back to draft: gone from the member area and the public site; unsent mail is dropped."""
    news.unpublish_article(actor, notice.article)
    record_event(actor, "notice.unpublished", notice)
    _after_change(notice)
    return notice


def archive_notice(actor, notice: Notice) -> Notice:
    news.archive_article(actor, notice.article)
    record_event(actor, "notice.archived", notice)
    _after_change(notice)
    return notice


def build_preview(text: dict):
    return news.build_preview({**text, "category_id": notices_category().id})


# Reading, members -------------------------------------------------------------------------------

def get_notice_for(user, notice_id: int, now: datetime | None = None) -> Notice:
    """The notice with its text and files when the member's enterprise may read it now;
    NotFound otherwise (as for an id that does not exist)."""
    notice = db.session.scalars(_notice_for_member(), member_params(
        user, now, notice_id=notice_id)).first()
    if notice is None:
        raise NotFound()
    return notice


class NoticePage(NamedTuple):
    notice: Notice
    last_seen: datetime | None  # the member's last reading before this one, None: never
    acknowledgement: NoticeAcknowledgement | None  # their enterprise's, with who gave it


def notice_page_for(user, notice_id: int) -> NoticePage:
    """What the member's notice page shows, in one statement: the notice with its files
    (as get_notice_for() gives it), the member's receipt and the enterprise's
    acknowledgement. NotFound outside the audience."""
    row = db.session.execute(_notice_page(), member_params(
        user, notice_id=notice_id, user_id=user.id, enterprise_id=user.enterprise_id)
    ).unique().first()
    if row is None:
        raise NotFound()
    return NoticePage(*row)


@cache
def _notice_page():
    # The files joined in too (a row per file, most notices have none): a second statement
    # with its loader cost more than the whole notice's.
    return (select(Notice).join(Notice.article)
            .where(Notice.id == bindparam("notice_id"), member_condition())
            .options(joinedload(Notice.article).joinedload(Article.attachment_links)
                     .joinedload(ArticleAttachment.file))
            .add_columns(NoticeRead.last_read_at, NoticeAcknowledgement)
            .outerjoin(NoticeRead, and_(NoticeRead.notice_id == Notice.id,
                                        NoticeRead.user_id == bindparam("user_id")))
            .outerjoin(NoticeAcknowledgement, and_(
                NoticeAcknowledgement.notice_id == Notice.id,
                NoticeAcknowledgement.enterprise_id == bindparam("enterprise_id")))
            .options(joinedload(NoticeAcknowledgement.user)))


@cache
def _notice_for_member():
    return (select(Notice).join(Notice.article)
            .where(Notice.id == bindparam("notice_id"), member_condition())
            .options(joinedload(Notice.article).selectinload(Article.attachment_links)
                     .joinedload(ArticleAttachment.file)))


# Files ------------------------------------------------------------------------------------------

def can_download_file(stored, user) -> bool:
    """A notice's file: editors always; anyone when the notice is public and visible; a
    member when their enterprise may read the notice now."""
    if getattr(user, "is_authenticated", False) and user.has_role("editor"):
        return True
    notice_id = db.session.scalar(select(ArticleAttachment.article_id).where(
        ArticleAttachment.file_id == stored.id))
    if notice_id is None:
        return False
    public = db.session.scalar(select(Article.id).where(
        Article.id == notice_id, news.visibility_condition()))
    if public is not None:
        return True
    if not getattr(user, "is_member", False) or user.enterprise is None:
        return False
    return db.session.scalar(select(Notice.id).join(Notice.article).where(
        Notice.id == notice_id, member_condition(user.enterprise))) is not None

