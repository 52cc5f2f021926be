"""What the member area shows of notices: the list (unread first), the dashboard's pieces and
the unread count in the navigation, in two statements whatever the number of notices and
receipts.

The first reads the member's receipts (read_ids; the dashboard reads the enterprise's
acknowledgements with them), and only when this worker does not keep them already under the
versions the user loader read (kept.py): most requests skip it. Which notices a page shows is
then picked from this worker's index of readable notices in list order (readable.py), and
the second statement reads those rows by key, checked once more against the member's
audience and the clock, with the member's receipt and the enterprise's acknowledgement. The
unread count is set arithmetic over the same index (once per request); a badge shows "99+"
beyond UNREAD_CAP.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from flask import g
from sqlalchemy import String, bindparam, cast, func, select

from portal.database import utcnow
from portal.extensions import db
from portal.news.models import Article, ListedText
from portal.notices import readable
from portal.notices.kept import acks_key, kept_sets, reads_key
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead
from portal.notices.services import member_params, readable_now

UNREAD_CAP = 99
UNREAD_SHOWN = 20  # unread notices at the top of the list; the rest under "Unread only"


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
    return member_params(user, uid=user.id, eid=user.enterprise_id, **more)


def _statement(name: str):
    if name not in _statements:
        receipts = _id_list(NoticeRead.notice_id, NoticeRead.user_id == bindparam("uid"))
        _statements.update({
            "mine": select(receipts),
            # The receipts and the enterprise's acknowledgements in one round trip.
            "mine_and_given": select(receipts, _id_list(
                NoticeAcknowledgement.notice_id,
                NoticeAcknowledgement.enterprise_id == bindparam("eid"))),
            "rows": _rows_statement(),
        })
    return _statements[name]


def _id_list(column, condition):
    """The ids of the rows that meet the condition as one comma-separated value: a member
    who has read thousands of notices made a row each cost 6 ms on PostgreSQL, the one
    value 2 (and its parsing, _ids, a fraction of that)."""
    return (select(func.aggregate_strings(cast(column, String), ","))
            .where(condition).scalar_subquery())


def _ids(id_list: str | None) -> frozenset[int]:
    return frozenset(map(int, id_list.split(","))) if id_list else frozenset()


def _rows_statement():
    """The notices of the given ids that the member's enterprise may read now, with the
    member's receipt and the enterprise's acknowledgement: the member, enterprise, tags
    and time are bind parameters (uid, eid, level_tag, enterprise_tag, now), so the
    statement is built once (and planned once per number of ids).

    The receipt and the acknowledgement are subqueries in the select list, a probe by key
    for each row: as outer joins, PostgreSQL's generic plan took a member's receipts for a
    handful and matched each notice against all of them (10 ms for a member who had read
    8,000 notices, against 1 for the probes)."""
    first_read = (select(NoticeRead.first_read_at)
                  .where(NoticeRead.notice_id == Article.id,
                         NoticeRead.user_id == bindparam("uid")).scalar_subquery())
    acknowledged = (select(NoticeAcknowledgement.acknowledged_at)
                    .where(NoticeAcknowledgement.notice_id == Article.id,
                           NoticeAcknowledgement.enterprise_id == bindparam("eid"))
                    .scalar_subquery())
    return (select(Article.id, Article.title_zh, Article.title_en, Article.summary_zh,
                   Article.summary_en, Article.body_en_length, Article.pinned,
                   Article.publish_at, Article.expires_at, Notice.ack_required,
                   Notice.ack_deadline, first_read, acknowledged)
            .select_from(Article).join(Notice, Notice.id == Article.id)
            .where(Article.id.in_(bindparam("ids", expanding=True)), readable_now()))


def _rows(user, *pages: list[int]) -> tuple[list[ListedNotice], ...]:
    """The notices of each list of ids, in the lists' order (one statement for them all;
    none when they are empty). A notice that is no longer readable is left out."""
    wanted = {notice_id for ids in pages for notice_id in ids}
    found = {}
    if wanted:
        for row in db.session.connection().execute(
                _statement("rows"), _params(user, ids=sorted(wanted))):
            found[row[0]] = ListedNotice(*row)
    return tuple([found[notice_id] for notice_id in ids if notice_id in found]
                 for ids in pages)


def _reads_key(user) -> str:
    return f"notices_read_by_{user.id}"


def _unread_key(user) -> str:
    return f"notices_unread_by_{user.id}"


def read_ids(user) -> frozenset[int]:
    """The ids of the notices the member has opened (whether they may still read them or
    not): kept by the worker under the member's receipt version, read when it changed."""
    key = _reads_key(user)
    if key not in g:
        kept = kept_sets()
        ids = kept.get(reads_key(user), user.notice_reads_version)
        if ids is None:
            ids = _ids(db.session.connection().execute(
                _statement("mine"), {"uid": user.id}).scalar())
            kept.put(reads_key(user), user.notice_reads_version, ids)
        setattr(g, key, ids)
    return g.get(key)


def forget_read_ids(user) -> None:
    """After a receipt is recorded (and the user's receipt version moved on): the request's
    next count reads the receipts again."""
    g.pop(_reads_key(user), None)
    g.pop(_unread_key(user), None)


def unread_count(user) -> int:
    """The notices the member may read now and has not opened (the navigation and the
    dashboard both show it; counted once per request)."""
    key = _unread_key(user)
    if key not in g:
        setattr(g, key, readable.count_unread(user.enterprise, read_ids(user)))
    return g.get(key)


def unread_badge(user) -> str | None:
    """The navigation's badge: the number of unread notices, "99+" beyond UNREAD_CAP."""
    if not getattr(user, "is_member", False) or user.enterprise is None:
        return None
    count = unread_count(user)
    if not count:
        return None
    return f"{UNREAD_CAP}+" if count > UNREAD_CAP else str(count)


def dashboard_notices(user, limit: int) -> tuple[list[ListedNotice], list[ListedNotice]]:
    """The dashboard's unread notices and those awaiting the enterprise's acknowledgement,
    `limit` of each in list order. The member's receipts and the enterprise's
    acknowledgements are read in one statement when the worker does not keep them both."""
    kept = kept_sets()
    read = g.get(_reads_key(user))
    if read is None:
        read = kept.get(reads_key(user), user.notice_reads_version)
    given = kept.get(acks_key(user.enterprise_id), user.enterprise.notice_acks_version)
    if read is None or given is None:
        read, given = map(_ids, db.session.connection().execute(
            _statement("mine_and_given"), {"uid": user.id, "eid": user.enterprise_id}).one())
        kept.put(reads_key(user), user.notice_reads_version, read)
        kept.put(acks_key(user.enterprise_id), user.enterprise.notice_acks_version, given)
    setattr(g, _reads_key(user), read)
    return _rows(user, readable.unread_page(user.enterprise, read, limit,
                                            unread=unread_count(user)),
                 readable.awaiting_page(user.enterprise, given, limit))


def unread_notices(user, limit: int, offset: int = 0) -> list[ListedNotice]:
    """A page of unread notices, in list order."""
    return _rows(user, readable.unread_page(user.enterprise, read_ids(user), limit, offset,
                                            unread=unread_count(user)))[0]


def notice_list(user, unread_limit: int, page: int,
                per_page: int) -> tuple[list[ListedNotice], list[ListedNotice], int]:
    """The list's first `unread_limit` unread notices (none when 0), a page of the notices
    the member has opened and may still read, and how many of those there are."""
    mine = read_ids(user)
    unread = (readable.unread_page(user.enterprise, mine, unread_limit,
                                   unread=unread_count(user)) if unread_limit else [])
    read, total = readable.read_page(user.enterprise, mine, per_page, (page - 1) * per_page)
    return *_rows(user, unread, read), total
