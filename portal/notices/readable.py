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
from collections.abc import Collection, Sequence
from datetime import datetime
from itertools import islice

from sqlalchemy import func, select

from portal.database import utcnow
from portal.enterprises.models import AudienceTag
from portal.enterprises.services import reader_tags
from portal.extensions import db
from portal.generation import content_memo
from portal.news.models import VISIBLE_STATUSES, Article
from portal.news.services import published_condition
from portal.notices.models import Notice


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
        self._levels: dict[str, tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]] = {}

    def _level(self, level_tag: str):
        """Those for all members or the level: as a set, in list order, and their places in
        it (made once per level and kept)."""
        shared = self._levels.get(level_tag)
        if shared is None:
            ids = self.by_tag.get("all", frozenset()) | self.by_tag.get(level_tag, frozenset())
            order = tuple(sorted(ids, key=self.place.__getitem__))
            shared = self._levels[level_tag] = (ids, order, tuple(map(self.place.get, order)))
        return shared

    def readable(self, level_tag: str, enterprise_tag: str) -> tuple[frozenset, frozenset]:
        """(those for all members or the level, those for the one enterprise): the second
        set is usually empty."""
        return self._level(level_tag)[0], self.by_tag.get(enterprise_tag, frozenset())

    def in_order(self, level_tag: str, enterprise_tag: str) -> Sequence[int]:
        """Every notice the reader may read, in list order: the level's, with the
        enterprise's own (a few) put in their places."""
        shared, order, places = self._level(level_tag)
        own = sorted((notice_id for notice_id in self.by_tag.get(enterprise_tag, ())
                      if notice_id not in shared), key=self.place.__getitem__)
        if not own:
            return order
        merged, start = [], 0
        for notice_id in own:
            at = bisect_left(places, self.place[notice_id])
            merged += order[start:at]
            merged.append(notice_id)
            start = at
        merged += order[start:]
        return merged


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


def count_unread(enterprise, read_ids: Collection[int], now: datetime | None = None) -> int:
    """The notices the enterprise's member may read now and has not opened."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    shared, own = index.readable(level_tag, enterprise_tag)
    read_of_shared = sum(1 for notice_id in read_ids if notice_id in shared)
    own_unread = sum(1 for notice_id in own if notice_id not in shared
                     and notice_id not in read_ids)
    return len(shared) - read_of_shared + own_unread


def unread_page(enterprise, read_ids: Collection[int], limit: int, offset: int = 0,
                now: datetime | None = None) -> list[int]:
    """The ids of a page of the notices the member may read and has not opened, in list
    order."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    unread = (notice_id for notice_id in index.in_order(level_tag, enterprise_tag)
              if notice_id not in read_ids)
    return list(islice(unread, offset, offset + limit))


def awaiting_page(enterprise, acknowledged: Collection[int], limit: int,
                  now: datetime | None = None) -> list[int]:
    """The ids of the first `limit` notices, in list order, that ask the enterprise for an
    acknowledgement it has not given."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    asks = index.asks_ack
    return list(islice((notice_id for notice_id in index.in_order(level_tag, enterprise_tag)
                        if notice_id in asks and notice_id not in acknowledged), limit))


def read_page(enterprise, read_ids: Collection[int], limit: int, offset: int = 0,
              now: datetime | None = None) -> tuple[list[int], int]:
    """The ids of a page of the notices the member has opened and may still read, in list
    order, and how many there are."""
    index, level_tag, enterprise_tag = _reader(enterprise, now)
    shared, own = index.readable(level_tag, enterprise_tag)
    if 8 * len(read_ids) < len(shared):  # few receipts: put them in order
        mine = sorted((notice_id for notice_id in read_ids
                       if notice_id in shared or notice_id in own), key=index.place.__getitem__)
    else:  # many: walk the readable notices in order
        mine = [notice_id for notice_id in index.in_order(level_tag, enterprise_tag)
                if notice_id in read_ids]
    return mine[offset:offset + limit], len(mine)
