"""What the member area shows of notices: the list (unread first), the dashboard's pieces and
the unread count in the navigation, each in one statement whatever the number of notices.

Rows are read in list order (pinned first, newest first) along ix_articles_kind_listing,
each checked against the member's audience, their receipt and their enterprise's
acknowledgement with a few index probes; a query stops when it has its page. The unread
count is worked out from the member's receipts (read_ids, read once per request) and this
worker's index of readable notices (unread.py); a badge shows "99+" beyond UNREAD_CAP.
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
from portal.notices.unread import count_unread
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
        _statements.update({
            "unread": unread.limit(page[0]).offset(page[1]),
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
        # The dashboard's two lists and the member's receipts (read_ids) in one round trip,
        # told apart by a first column; the lists are put in order by the caller.
        unread_part = _statements["unread"].subquery()
        awaiting_part = _statements["awaiting"].subquery()
        blanks = [null()] * (len(unread_part.c) - 1)
        receipts = (select(literal_column("2"), NoticeRead.notice_id, *blanks)
                    .where(NoticeRead.user_id == bindparam("uid")))
        _statements["dashboard"] = union_all(
            select(literal_column("0").label("part"), *unread_part.c),
            select(literal_column("1"), *awaiting_part.c), receipts)
        # The same for the notice list: a page of unread notices and the receipts.
        _statements["unread_page"] = union_all(
            select(literal_column("0").label("part"), *unread_part.c), receipts)
    return _statements[name]


def _rows_and_total(name: str, user, **params) -> tuple[list[ListedNotice], int | None]:
    """The rows of a statement whose last column is a count, and the count (None when
    there are no rows to carry it)."""
    rows = db.session.connection().execute(_statement(name), _params(user, **params)).all()
    return [ListedNotice(*row[:-1]) for row in rows], (rows[0][-1] if rows else None)


def unread_notices(user, limit: int, offset: int = 0) -> list[ListedNotice]:
    """A page of unread notices, in one statement with the member's receipts (read_ids()
    and unread_count() are then free)."""
    return _with_receipts("unread_page", user, limit=limit, offset=offset)[0]


def _with_receipts(name: str, user, **params) -> tuple[list[ListedNotice], ...]:
    """The lists of a statement whose rows are told apart by their first column (0, 1: the
    lists, each put in list order here; 2: the member's receipts, kept for read_ids())."""
    parts: tuple[list, list] = ([], [])
    mine = []
    for part, *row in db.session.connection().execute(_statement(name),
                                                      _params(user, **params)):
        if part == 2:
            mine.append(row[0])
        else:
            parts[part].append(ListedNotice(*row))
    setattr(g, _reads_key(user), mine)
    return tuple(sorted(items, key=_list_order) for items in parts)


def dashboard_notices(user, limit: int) -> tuple[list[ListedNotice], list[ListedNotice]]:
    """The dashboard's unread notices and those awaiting the enterprise's acknowledgement
    (`limit` of each, in list order), in one statement with the member's receipts
    (unread_count() is then free)."""
    return _with_receipts("dashboard", user, limit=limit, offset=0)


def _list_order(notice: ListedNotice):
    """ORDER (pinned first, newest first) as a sort key."""
    return (not notice.pinned, -notice.publish_at.timestamp(), -notice.id)


def _reads_key(user) -> str:
    return f"notices_read_by_{user.id}"


def read_ids(user) -> list[int]:
    """The ids of the notices the member has opened (whether they may still read them or
    not), read once per request: the unread count and the list of read notices use them."""
    key = _reads_key(user)
    if key not in g:
        setattr(g, key, list(db.session.connection().execute(
            _statement("mine"), {"uid": user.id}).scalars()))
    return g.get(key)


def forget_read_ids(user) -> None:
    """After a receipt is recorded: the request's next count reads the receipts again."""
    g.pop(_reads_key(user), None)


def unread_count(user) -> int:
    """The notices the member may read now and has not opened (the navigation and the
    dashboard both show it)."""
    return count_unread(user.enterprise, frozenset(read_ids(user)))


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
    mine = read_ids(user)
    if not mine:
        return [], 0
    items, total = _rows_and_total("read", user, ids=mine, limit=per_page,
                                   offset=(page - 1) * per_page)
    if total is None:  # a page past the last: count them on their own
        total = db.session.connection().execute(
            _statement("read_count"), _params(user, ids=mine)).scalar()
    return items, total or 0
