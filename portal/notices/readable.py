"""This worker's index of the notices each audience tag may read now, in list order, and
what the member area picks from it with a member's receipts and their enterprise's
acknowledgements: the unread count (the navigation's badge), a page of unread notices, of
read ones, and those awaiting the enterprise's acknowledgement. The rows themselves are then
read by key (queries.py).

In SQL these walked the notices a member may read in list order, probing for a receipt at
each: cheap for a member with many unread, but a member who had read them all made every
page walk every notice (about 2 s on PostgreSQL at 10,000 notices, whose generic plan
anti-joined them with the 10,000 receipts), and the read list sent every receipt's id as
a parameter. The index is built once per content generation and worker (content_memo),
and again when the next scheduled notice comes out or a visible one expires. Every change
to what a member may read bumps the generation: publishing, scheduling, unpublishing,
archiving and editing a notice, its audience included (news events). A member's own tags
(their enterprise's level) are read with the member, so a change of level counts at once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import NamedTuple

from sqlalchemy import func, select

from portal.database import utcnow
from portal.enterprises.models import AudienceTag
from portal.enterprises.services import reader_tags
from portal.extensions import db
from portal.generation import content_memo
from portal.news.models import VISIBLE_STATUSES, Article
from portal.news.services import published_condition
from portal.notices.models import Notice


class _Level(NamedTuple):
    """The notices for all members or one level."""
    ids: frozenset[int]
    order: tuple[int, ...]  # in list order
    places: tuple[int, ...]  # their places in the index's list order, ascending
    asked: frozenset[int]  # those that ask for an acknowledgement


class ReadableNotices:
    """The ids of the notices readable now under each audience tag, each notice's place in
    list order (pinned first, newest first), those that ask for an acknowledgement, and
    until when this holds (`valid_until`; None: until the generation is bumped)."""

    def __init__(self, by_tag: dict[str, frozenset[int]], place: dict[int, int],
                 asks_ack: frozenset[int], valid_until: datetime | None):
        self.by_tag = by_tag
        self.place = place
        self.asks_ack = asks_ack
        self.valid_until = valid_until
        self._levels: dict[str, _Level] = {}
        # What members' pages picked out of this index (queries.py), under their receipts'
        # versions: it lives and goes with the index.
        self.picks: dict[tuple, Picked] = {}
        self.picks_size = 0  # the notices they list, and one for each (queries.PICKS_KEPT)

    def level(self, level_tag: str) -> _Level:
        """The notices for all members or the level (made once per level and kept)."""
        level = self._levels.get(level_tag)
        if level is None:
            ids = self.by_tag.get("all", frozenset()) | self.by_tag.get(level_tag, frozenset())
            order = tuple(sorted(ids, key=self.place.__getitem__))
            level = self._levels[level_tag] = _Level(
                ids, order, tuple(map(self.place.__getitem__, order)), self.asks_ack & ids)
        return level

    def own(self, level_tag: str, enterprise_tag: str) -> frozenset[int]:
        """Those for the one enterprise that its level's do not hold (usually none)."""
        own = self.by_tag.get(enterprise_tag)
        return own - self.level(level_tag).ids if own else frozenset()

    def in_order(self, level_tag: str, enterprise_tag: str) -> Iterator[int]:
        """Every notice the reader may read, in list order: the level's, with the
        enterprise's own put in their places as the walk reaches them."""
        level, own = self.level(level_tag), self.own(level_tag, enterprise_tag)
        if not own:
            yield from level.order
            return
        start = 0
        for notice_id in sorted(own, key=self.place.__getitem__):
            at = bisect_left(level.places, self.place[notice_id])
            yield from level.order[start:at]
            yield notice_id
            start = at
        yield from level.order[start:]


def readable_notices(now: datetime | None = None) -> ReadableNotices:
    now = now or utcnow()
    memo = content_memo("member_notices")
    index = memo.get("readable")
    if index is None or (index.valid_until is not None and index.valid_until <= now):
        index = memo["readable"] = _build(now)
    return index


def _build(now: datetime) -> ReadableNotices:
    by_tag: dict[str, set[int]] = defaultdict(set)
    keys, asks_ack = {}, set()
    rows = db.session.execute(
        select(AudienceTag.tag, Article.id, Article.pinned, Article.publish_at,
               Notice.ack_required).select_from(Article)
        .join(Notice, Notice.id == Article.id)
        .join(AudienceTag, AudienceTag.audience_id == Notice.audience_id)
        .where(Article.kind == "notice", published_condition(now)))
    for tag, notice_id, pinned, publish_at, ack_required in rows:
        by_tag[tag].add(notice_id)
        keys[notice_id] = (pinned, publish_at, notice_id)
        if ack_required:
            asks_ack.add(notice_id)
    ordered = sorted(keys, key=keys.__getitem__, reverse=True)
    return ReadableNotices({tag: frozenset(ids) for tag, ids in by_tag.items()},
                           {notice_id: place for place, notice_id in enumerate(ordered)},
                           frozenset(asks_ack), _next_change(now))


def _next_change(now: datetime) -> datetime | None:
    """When the next notice comes out (scheduled) or a visible one expires."""
    def earliest(column):
        return (select(func.min(column)).select_from(Article)
                .join(Notice, Notice.id == Article.id)
                .where(Article.kind == "notice", Article.status.in_(VISIBLE_STATUSES),
                       column > now).scalar_subquery())

    coming, expiring = db.session.execute(
        select(earliest(Article.publish_at), earliest(Article.expires_at))).one()
    return min((moment for moment in (coming, expiring) if moment is not None), default=None)


def _reader(enterprise, now: datetime | None) -> tuple[ReadableNotices, str, str]:
    _, level_tag, enterprise_tag = reader_tags(enterprise)
    return readable_notices(now), level_tag, enterprise_tag


def _ordered(index: ReadableNotices, level_tag: str, enterprise_tag: str,
             chosen: frozenset[int]) -> Iterable[int]:
    """The chosen notices (readable ones) in list order: a few are sorted by their places;
    many are picked out of a walk of the readable notices, which stops when its taker
    does."""
    if 8 * len(chosen) < len(index.level(level_tag).ids):
        return sorted(chosen, key=index.place.__getitem__)
    return (notice_id for notice_id in index.in_order(level_tag, enterprise_tag)
            if notice_id in chosen)


class Picked(NamedTuple):
    """Notices picked for a member out of the index: how many, and, when they are few (under
    an eighth of what the member may read), all of them in list order; when they are many,
    a page of them is found by a walk of the index that stops early."""
    count: int
    few: tuple[int, ...] | None


def unread(enterprise, read_ids: Collection[int], now: datetime | None = None) -> Picked:
    """The notices the enterprise's member may read now and has not opened."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    shared, own = index.level(level_tag).ids, index.own(level_tag, enterprise_tag)
    count = (len(shared) - len(shared.intersection(read_ids))
             + len(own.difference(read_ids) if own else ()))
    if 8 * count >= len(shared):
        return Picked(count, None)
    chosen = shared.difference(read_ids)
    if own:
        chosen |= own.difference(read_ids)
    return Picked(count, tuple(sorted(chosen, key=index.place.__getitem__)))


def awaiting(enterprise, acknowledged: Collection[int], now: datetime | None = None) -> Picked:
    """The notices that ask the enterprise for an acknowledgement it has not given."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    level, own = index.level(level_tag), index.own(level_tag, enterprise_tag)
    pending = level.asked.difference(acknowledged)
    if own:
        pending |= index.asks_ack.intersection(own).difference(acknowledged)
    if 8 * len(pending) >= len(level.ids):
        return Picked(len(pending), None)
    return Picked(len(pending), tuple(sorted(pending, key=index.place.__getitem__)))


def unread_page(enterprise, read_ids: Collection[int], picked: Picked, limit: int,
                offset: int = 0, now: datetime | None = None) -> list[int]:
    """The ids of a page of the notices the member may read and has not opened, in list
    order (`picked`: unread() of the same)."""
    if picked.few is not None:
        return list(picked.few[offset:offset + limit])
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    walk = (notice_id for notice_id in index.in_order(level_tag, enterprise_tag)
            if notice_id not in read_ids)
    return list(islice(walk, offset, offset + limit))


def awaiting_page(enterprise, acknowledged: Collection[int], picked: Picked, limit: int,
                  now: datetime | None = None) -> list[int]:
    """The ids of the first `limit` notices, in list order, that ask the enterprise for an
    acknowledgement it has not given (`picked`: awaiting() of the same)."""
    if picked.few is not None:
        return list(picked.few[:limit])
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    asks = index.asks_ack
    walk = (notice_id for notice_id in index.in_order(level_tag, enterprise_tag)
            if notice_id in asks and notice_id not in acknowledged)
    return list(islice(walk, limit))


def read_page(enterprise, read_ids: Collection[int], limit: int, offset: int = 0,
              now: datetime | None = None) -> tuple[list[int], int]:
    """The ids of a page of the notices the member has opened and may still read, in list
    order, and how many there are."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    shared, own = index.level(level_tag).ids, index.own(level_tag, enterprise_tag)
    mine = shared.intersection(read_ids)
    if own:
        mine |= own.intersection(read_ids)
    # Only as far as the page: a member who had read 8,000 put them all in order each time.
    page = islice(_ordered(index, level_tag, enterprise_tag, mine), offset, offset + limit)
    return list(page), len(mine)
