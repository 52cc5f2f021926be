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

from flask import g
from sqlalchemy import and_, bindparam, cast, exists, func, literal_column, null, select, union_all
from sqlalchemy.orm import aliased

from portal.database import UTCDateTime, utcnow
from portal.enterprises.services import readable_by, reader_params
from portal.extensions import db
from portal.news.models import Article, ListedText
from portal.news.services import published_condition
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead
from portal.reading import written_in

UNREAD_CAP = 99
UNREAD_SHOWN = 20  # unread notices at the top of the list; the rest under "Unread only"
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

    has_english = ListedText.has_english
    title = ListedText.title
    summary = ListedText.summary
    shown_language = ListedText.shown_language

    @property
    def awaits_acknowledgement(self) -> bool:
        return self.ack_required and self.acknowledged_at is None

    def overdue(self, now: datetime | None = None) -> bool:
        return bool(self.awaits_acknowledgement and self.ack_deadline
                    and self.ack_deadline < (now or utcnow()))


_statements: dict[str, object] = {}


def _params(user, **more) -> dict:
    return {"uid": user.id, "eid": user.enterprise_id, **reader_params(user.enterprise),
            "now": utcnow(), **more}


def _visible(of_notices_only: bool = True, unread_only: bool = False):
    """The condition on Article (joined to Notice) of the notices a member's enterprise may
    read now: the member, enterprise, tags and time are bind parameters (uid, eid,
    level_tag, enterprise_tag, now), so each statement is built and compiled once.
    unread_only: those without the member's receipt, asked as NOT EXISTS (PostgreSQL
    estimates an outer join's "IS NULL" at one row, and then sorts every notice instead of
    walking a page of them)."""
    condition = and_(published_condition(bindparam("now", type_=UTCDateTime)),
                     readable_by(Notice.audience_id))
    if of_notices_only:
        condition = and_(Article.kind == "notice", condition)
    if unread_only:
        condition = and_(condition, ~exists().where(_receipt()))
    return condition


def _receipt():
    return and_(NoticeRead.notice_id == Article.id, NoticeRead.user_id == bindparam("uid"))


def _base(of_notices_only: bool = True, unread_only: bool = False):
    """Visible notices (_visible) with the member's receipt and the enterprise's
    acknowledgement."""
    read_at = (cast(null(), UTCDateTime).label("first_read_at") if unread_only
               else NoticeRead.first_read_at)
    columns = (Article.id, Article.title_zh, Article.title_en, Article.summary_zh,
               Article.summary_en, Article.body_en_length, Article.pinned, Article.publish_at,
               Article.expires_at, Notice.ack_required, Notice.ack_deadline,
               read_at, NoticeAcknowledgement.acknowledged_at)
    query = select(*columns).select_from(Article).join(Notice, Notice.id == Article.id)
    if not unread_only:
        query = query.outerjoin(NoticeRead, _receipt())
    return (query
            .outerjoin(NoticeAcknowledgement, and_(
                NoticeAcknowledgement.notice_id == Article.id,
                NoticeAcknowledgement.enterprise_id == bindparam("eid")))
            .where(_visible(of_notices_only, unread_only)))


def _statement(name: str):
    if name not in _statements:
        page = (written_in("limit"), written_in("offset"))
        given = aliased(NoticeAcknowledgement)
        unread = _base(unread_only=True).order_by(*ORDER)
        # The read part is driven by the member's own receipts (few): their ids come as a
        # parameter, so the database looks those rows up by key instead of walking every
        # notice in list order (which the kind condition would make SQLite do).
        read = _base(of_notices_only=False).where(
            Article.id.in_(bindparam("ids", expanding=True)))
        # Counted in no particular order, without the columns and joins of a list.
        unread_count = select(func.count()).select_from(
            select(Article.id).join(Notice, Notice.id == Article.id)
            .where(_visible(unread_only=True)).limit(written_in("cap")).subquery())
        _statements.update({
            # A page of unread notices, each row with the (capped) count of them all: the
            # count is a subquery of its own, run once, in the same round trip.
            "unread": unread.add_columns(unread_count.scalar_subquery())
            .limit(page[0]).offset(page[1]),
            "unread_count": unread_count,
            # A page of read notices, each row with how many there are.
            "read": read.add_columns(func.count().over())
            .order_by(*ORDER).limit(page[0]).offset(page[1]),
            "read_count": select(func.count()).select_from(
                read.with_only_columns(Article.id).subquery()),
            "awaiting": _base().where(
                Notice.ack_required.is_(True),
                ~exists().where(given.notice_id == Article.id,
                                given.enterprise_id == bindparam("eid")))
            .order_by(*ORDER).limit(page[0]),
            "mine": select(NoticeRead.notice_id).where(NoticeRead.user_id == bindparam("uid")),
        })
        # The dashboard's two lists in one round trip: the unread page (with its count) and
        # the awaiting one, told apart by a first column and put in order by the caller.
        unread_part = _statements["unread"].subquery()
        awaiting_part = _statements["awaiting"].subquery()
        _statements["dashboard"] = union_all(
            select(literal_column("0").label("part"), *unread_part.c),
            select(literal_column("1"), *awaiting_part.c, null()))
    return _statements[name]


def _rows_and_total(name: str, user, **params) -> tuple[list[ListedNotice], int | None]:
    """The rows of a statement whose last column is a count, and the count (None when
    there are no rows to carry it)."""
    rows = db.session.connection().execute(_statement(name), _params(user, **params)).all()
    return [ListedNotice(*row[:-1]) for row in rows], (rows[0][-1] if rows else None)


def unread_notices(user, limit: int, offset: int = 0) -> list[ListedNotice]:
    """A page of unread notices; their count comes with it (unread_count() is then free)."""
    items, total = _rows_and_total("unread", user, limit=limit, offset=offset,
                                   cap=UNREAD_CAP + 1)
    if total is not None or offset == 0:
        setattr(g, _count_key(user, UNREAD_CAP + 1), total or 0)
    return items


def dashboard_notices(user, limit: int) -> tuple[list[ListedNotice], list[ListedNotice]]:
    """The dashboard's unread notices and those awaiting the enterprise's acknowledgement
    (`limit` of each, in list order), in one statement; unread_count() is then free."""
    parts: tuple[list, list] = ([], [])
    total = None
    for part, *row in db.session.connection().execute(
            _statement("dashboard"), _params(user, limit=limit, offset=0, cap=UNREAD_CAP + 1)):
        parts[part].append(ListedNotice(*row[:-1]))
        total = row[-1] if part == 0 else total
    setattr(g, _count_key(user, UNREAD_CAP + 1), total or 0)
    return tuple(sorted(items, key=_list_order) for items in parts)


def _list_order(notice: ListedNotice):
    """ORDER (pinned first, newest first) as a sort key."""
    return (not notice.pinned, -notice.publish_at.timestamp(), -notice.id)


def _count_key(user, cap: int) -> str:
    return f"notices_unread_{user.id}_{cap}"


def unread_count(user, cap: int = UNREAD_CAP + 1) -> int:
    """Unread notices, counted up to `cap`; remembered for the request (the navigation and
    the dashboard both show it)."""
    key = _count_key(user, cap)
    if key not in g:
        setattr(g, key, db.session.connection().execute(
            _statement("unread_count"), _params(user, cap=cap)).scalar() or 0)
    return g.get(key)


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
    there are."""
    connection = db.session.connection()
    mine = list(connection.execute(_statement("mine"), {"uid": user.id}).scalars())
    if not mine:
        return [], 0
    items, total = _rows_and_total("read", user, ids=mine, limit=per_page,
                                   offset=(page - 1) * per_page)
    if total is None:  # a page past the last: count them on their own
        total = connection.execute(_statement("read_count"), _params(user, ids=mine)).scalar()
    return items, total or 0
