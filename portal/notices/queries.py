"""What the member area shows of notices: the list (unread first), the dashboard's pieces and
the unread count in the navigation, each in one statement whatever the number of notices.

Rows are read in list order (pinned first, newest first) along ix_articles_kind_listing,
each checked against the member's audience, their receipt and their enterprise's
acknowledgement with a few index probes; a query stops when it has its page. Counts of
unread notices are capped (UNREAD_CAP): "99+" is what a badge shows anyway, and a capped
count stops early too.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, func, select

from portal.database import utcnow
from portal.extensions import db
from portal.news.models import Article
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead
from portal.notices.services import member_condition

UNREAD_CAP = 99
UNREAD_SHOWN = 50  # unread notices at the top of the list; the rest under "Unread only"
ORDER = (Article.pinned.desc(), Article.publish_at.desc(), Article.id.desc())


class ListedNotice(NamedTuple):
    id: int
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    body_en_length: int | None
    pinned: bool
    publish_at: datetime
    expires_at: datetime | None
    ack_required: bool
    ack_deadline: datetime | None
    read_at: datetime | None  # the member's first reading, None: unread
    acknowledged_at: datetime | None  # the enterprise's acknowledgement

    @property
    def has_english(self) -> bool:
        return bool(self.title_en.strip()) and bool(self.body_en_length)

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.has_english else self.title_zh

    def summary(self, language: str) -> str:
        return self.summary_en if language == "en" and self.has_english else self.summary_zh

    def shown_language(self, language: str) -> str:
        return "en" if language == "en" and self.has_english else "zh_CN"

    @property
    def awaits_acknowledgement(self) -> bool:
        return self.ack_required and self.acknowledged_at is None

    def overdue(self, now: datetime | None = None) -> bool:
        return bool(self.awaits_acknowledgement and self.ack_deadline
                    and self.ack_deadline < (now or utcnow()))


def _base(user, now=None, of_notices_only=True):
    """Visible notices of the member's enterprise with their receipt and acknowledgement."""
    columns = (Article.id, Article.title_zh, Article.title_en, Article.summary_zh,
               Article.summary_en, Article.body_en_length, Article.pinned, Article.publish_at,
               Article.expires_at, Notice.ack_required, Notice.ack_deadline,
               NoticeRead.first_read_at, NoticeAcknowledgement.acknowledged_at)
    return (select(*columns).select_from(Article)
            .join(Notice, Notice.id == Article.id)
            .outerjoin(NoticeRead, and_(NoticeRead.notice_id == Article.id,
                                        NoticeRead.user_id == user.id))
            .outerjoin(NoticeAcknowledgement, and_(
                NoticeAcknowledgement.notice_id == Article.id,
                NoticeAcknowledgement.enterprise_id == user.enterprise_id))
            .where(member_condition(user.enterprise, now, of_notices_only)))


def _rows(query) -> list[ListedNotice]:
    return [ListedNotice(*row) for row in db.session.execute(query)]


def unread_notices(user, limit: int, offset: int = 0) -> list[ListedNotice]:
    return _rows(_base(user).where(NoticeRead.id.is_(None)).order_by(*ORDER)
                 .limit(limit).offset(offset))


def unread_count(user, cap: int = UNREAD_CAP + 1) -> int:
    """Unread notices, counted up to `cap`."""
    inner = _base(user).where(NoticeRead.id.is_(None)).order_by(*ORDER).limit(cap).subquery()
    return db.session.scalar(select(func.count()).select_from(inner)) or 0


def unread_badge(user) -> str | None:
    """The navigation's badge: the number of unread notices, "99+" beyond UNREAD_CAP."""
    if not getattr(user, "is_member", False) or user.enterprise is None:
        return None
    count = unread_count(user)
    if not count:
        return None
    return f"{UNREAD_CAP}+" if count > UNREAD_CAP else str(count)


def read_notices(user, page: int, per_page: int) -> tuple[list[ListedNotice], int]:
    """A page of the notices the member has opened, pinned first, newest first, and how many
    there are (driven by the member's own receipts)."""
    # Driven by the member's own receipts (few), not by every notice: their ids first, so
    # that the database looks those rows up by key instead of walking the notices in order.
    mine = list(db.session.scalars(select(NoticeRead.notice_id).where(
        NoticeRead.user_id == user.id)))
    if not mine:
        return [], 0
    query = _base(user, of_notices_only=False).where(Article.id.in_(mine))
    total = db.session.scalar(select(func.count()).select_from(
        query.with_only_columns(Article.id).subquery())) or 0
    items = _rows(query.order_by(*ORDER).limit(per_page).offset((page - 1) * per_page))
    return items, total


def awaiting_acknowledgement(user, limit: int) -> list[ListedNotice]:
    """Notices asking for an acknowledgement that the enterprise has not given, newest
    first (the caller shows their deadlines)."""
    return _rows(_base(user).where(Notice.ack_required.is_(True),
                                   NoticeAcknowledgement.id.is_(None))
                 .order_by(*ORDER).limit(limit))


def all_notices(user, page: int, per_page: int) -> list[ListedNotice]:
    """A page of every notice of the member, read or not (for "to acknowledge" filters …)."""
    return _rows(_base(user).order_by(*ORDER).limit(per_page).offset((page - 1) * per_page))
