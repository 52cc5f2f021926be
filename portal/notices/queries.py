"""What the member area shows of notices: the list (unread first), the dashboard's pieces and
the unread count in the navigation, in at most two statements whatever the number of notices
and receipts, and most often none.

The member's receipts and their enterprise's acknowledgements come from what this worker
keeps (portal/kept.py), under the versions the user loader read with the member; when it keeps
neither or only one, one statement reads what is missing. Which notices a page shows is
picked from this worker's index of readable notices in list order (readable.py), and what
every member sees of them (title, summary, dates, whether an acknowledgement is asked) from
the rows the worker keeps for this content generation, read by key when missing; whether the
member has read each and their enterprise acknowledged it is then set membership. The
unread count is set arithmetic over the same index, kept with it under the member's receipt
version (_picked); a badge shows "99+" beyond UNREAD_CAP.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import datetime
from typing import NamedTuple

from flask import g
from sqlalchemy import bindparam, select

from portal.database import utcnow
from portal.extensions import db
from portal.generation import content_memo
from portal.kept import id_list, kept_sets, parse_ids
from portal.news.models import Article, ListedText
from portal.notices import readable
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead

UNREAD_CAP = 99
UNREAD_SHOWN = 20  # unread notices at the top of the list; the rest under "Unread only"
ROWS_KEPT = 2000  # notice rows a worker keeps per content generation (about 2 MB)
# Members' unread and awaiting notices a worker keeps per index: so many ids in all (a pick
# counts one more than the notices it lists; under a megabyte).
PICKS_KEPT = 100_000


class NoticeRow(NamedTuple):
    """What every member sees of a notice in a list (kept per worker and generation)."""
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


class ListedNotice(namedtuple("ListedNotice", (*NoticeRow._fields, "read", "acknowledged"))):
    """A notice in a member's list: its row, whether the member has opened it (`read`) and
    whether their enterprise has acknowledged it (`acknowledged`)."""

    __slots__ = ()

    has_english = ListedText.has_english
    title = ListedText.title
    summary = ListedText.summary
    shown_language = ListedText.shown_language

    @property
    def awaits_acknowledgement(self) -> bool:
        return self.ack_required and not self.acknowledged

    def overdue(self, now: datetime | None = None) -> bool:
        return bool(self.awaits_acknowledgement and self.ack_deadline
                    and self.ack_deadline < (now or utcnow()))


_statements: dict[str, object] = {}


def _statement(name: str):
    if name not in _statements:
        receipts = id_list(NoticeRead.notice_id, NoticeRead.user_id == bindparam("uid"))
        given = id_list(NoticeAcknowledgement.notice_id,
                         NoticeAcknowledgement.enterprise_id == bindparam("eid"))
        _statements.update({
            "mine": select(receipts),
            "given": select(given),
            "mine+given": select(receipts, given),  # both in one round trip
            "rows": (select(
                Article.id, Article.title_zh, Article.title_en, Article.summary_zh,
                Article.summary_en, Article.body_en_length, Article.pinned, Article.publish_at,
                Article.expires_at, Notice.ack_required, Notice.ack_deadline)
                .select_from(Article).join(Notice, Notice.id == Article.id)
                .where(Article.id.in_(bindparam("ids", expanding=True)))),
        })
    return _statements[name]


def _rows(user, given: frozenset[int], *pages: list[int]) -> tuple[list[ListedNotice], ...]:
    """The notices of each list of ids, in the lists' order, with the member's receipt and
    the enterprise's acknowledgement (`given`). The rows this worker does not keep yet are
    read in one statement (none when it keeps them all). A notice that is gone is left out;
    which ones the member may read is the index's to say (readable.py)."""
    kept = content_memo("member_notices").setdefault("rows", {})
    wanted = {notice_id for ids in pages for notice_id in ids}
    # Each looked up once: another thread (the development server's) may empty `kept`.
    found = {notice_id: row for notice_id in wanted
             if (row := kept.get(notice_id)) is not None}
    missing = sorted(wanted - found.keys())
    if missing:
        if len(kept) + len(missing) > ROWS_KEPT:
            kept.clear()
        for row in db.session.connection().execute(_statement("rows"), {"ids": missing}):
            found[row[0]] = kept[row[0]] = NoticeRow(*row)
    read = read_ids(user)
    return tuple([ListedNotice(*found[notice_id], notice_id in read, notice_id in given)
                  for notice_id in ids if notice_id in found] for ids in pages)


def reads_key(user) -> tuple[str, int]:
    """The member's receipts among the worker's kept sets (portal/kept.py)."""
    return ("reads", user.id)


def acks_key(enterprise_id: int) -> tuple[str, int]:
    """The enterprise's acknowledgements among the worker's kept sets."""
    return ("acks", enterprise_id)


def _reads_key(user) -> str:
    return f"notices_read_by_{user.id}"


def _given_key(user) -> str:
    return f"notices_acknowledged_by_{user.enterprise_id}"


def _receipts(user, acknowledgements: bool) -> None:
    """Put the member's receipts (and, if asked, the enterprise's acknowledgements) in `g`
    for this request: what the worker keeps under the versions read with the member, and
    what it does not keep read in one statement."""
    kept = kept_sets()
    wanted = {"mine": (_reads_key(user), reads_key(user), user.notice_reads_version)}
    if acknowledgements:
        wanted["given"] = (_given_key(user), acks_key(user.enterprise_id),
                           user.enterprise.notice_acks_version)
    missing = []
    for name, (in_request, key, version) in wanted.items():
        ids = g.get(in_request)
        if ids is None:
            ids = kept.get(key, version)
        if ids is None:
            missing.append(name)
        else:
            setattr(g, in_request, ids)
    if missing:
        row = db.session.connection().execute(
            _statement("+".join(missing)), {"uid": user.id, "eid": user.enterprise_id}).one()
        for name, value in zip(missing, row, strict=True):
            in_request, key, version = wanted[name]
            ids = parse_ids(value)
            kept.put(key, version, ids)
            setattr(g, in_request, ids)


def read_ids(user) -> frozenset[int]:
    """The ids of the notices the member has opened (whether they may still read them or
    not): kept by the worker under the member's receipt version, read when it changed."""
    if _reads_key(user) not in g:
        _receipts(user, acknowledgements=False)
    return g.get(_reads_key(user))


def acknowledged_ids(user) -> frozenset[int]:
    """The ids of the notices the member's enterprise has acknowledged (kept likewise)."""
    if _given_key(user) not in g:
        _receipts(user, acknowledgements=True)
    return g.get(_given_key(user))


def forget_acknowledgements(user) -> None:
    """After the enterprise acknowledged a notice: the request reads them again if asked."""
    g.pop(_given_key(user), None)


def forget_read_ids(user) -> None:
    """After a receipt is recorded (and the user's receipt version moved on): the request's
    next count reads the receipts again."""
    g.pop(_reads_key(user), None)


def _picked(key: tuple, pick) -> readable.Picked:
    """What pick() gives, kept with the worker's index of readable notices under `key` (which
    names the member's or enterprise's receipt version and tags): a member with thousands of
    receipts made every page compare them with thousands of readable notices."""
    index = readable.readable_notices()
    found = index.picks.get(key)
    if found is None:
        found = pick()
        weight = 1 + len(found.few or ())
        if index.picks_size + weight > PICKS_KEPT:
            index.picks.clear()
            index.picks_size = 0
        index.picks[key] = found
        index.picks_size += weight
    return found


def _unread(user) -> readable.Picked:
    """The member's unread notices (their number, and which when few)."""
    enterprise = user.enterprise
    return _picked(("unread", user.id, user.notice_reads_version, enterprise.id,
                    enterprise.level), lambda: readable.unread(enterprise, read_ids(user)))


def _awaiting(user) -> readable.Picked:
    enterprise = user.enterprise
    return _picked(("awaiting", enterprise.id, enterprise.notice_acks_version, enterprise.level),
                   lambda: readable.awaiting(enterprise, acknowledged_ids(user)))


def unread_count(user) -> int:
    """The notices the member may read now and has not opened (the navigation and the
    dashboard both show it)."""
    return _unread(user).count


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
    `limit` of each in list order."""
    given = acknowledged_ids(user)
    return _rows(user, given,
                 readable.unread_page(user.enterprise, read_ids(user), _unread(user), limit),
                 readable.awaiting_page(user.enterprise, given, _awaiting(user), limit))


def unread_notices(user, limit: int, offset: int = 0) -> list[ListedNotice]:
    """A page of unread notices, in list order."""
    given = acknowledged_ids(user)
    return _rows(user, given, readable.unread_page(user.enterprise, read_ids(user),
                                                   _unread(user), limit, offset))[0]


def notice_list(user, unread_limit: int, page: int,
                per_page: int) -> tuple[list[ListedNotice], list[ListedNotice], int]:
    """The list's first `unread_limit` unread notices (none when 0), a page of the notices
    the member has opened and may still read, and how many of those there are."""
    given = acknowledged_ids(user)
    mine = read_ids(user)
    unread = (readable.unread_page(user.enterprise, mine, _unread(user), unread_limit)
              if unread_limit else [])
    read, total = readable.read_page(user.enterprise, mine, per_page, (page - 1) * per_page)
    return *_rows(user, given, unread, read), total
