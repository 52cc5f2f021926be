"""How many notices a member has not read yet (the navigation's badge, the dashboard), from
this worker's index of the notices each audience tag may read now and the member's own
receipts.

Counted in SQL, the number walked the notices a member may read and probed for a receipt
at each, on every member page: about a hundred notices for a member with many unread (the
count stopped at "99+"), and every notice for a member who had read them all (10 ms at
10,000 notices on PostgreSQL). The index is built once per content generation and worker
(content_memo), and again when the next scheduled notice comes out or a visible one
expires. Every change to what a member may read bumps the generation: publishing,
scheduling, unpublishing, archiving and editing a notice, its audience included (news
events). A member's own tags (their enterprise's level) are read with the member, so a
change of level counts at once. A request then needs the member's receipts only
(read_ids in queries.py), and counting is set arithmetic over them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

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
    """The ids of the notices readable now under each audience tag, until `valid_until`
    (None: until the generation is bumped)."""

    def __init__(self, by_tag: dict[str, frozenset[int]], valid_until: datetime | None):
        self.by_tag = by_tag
        self.valid_until = valid_until
        self._shared: dict[str, frozenset[int]] = {}

    def readable(self, level_tag: str, enterprise_tag: str) -> tuple[frozenset, frozenset]:
        """(those for all members or the level, those for the one enterprise): the first set
        is made once per level and kept, the second is usually empty."""
        shared = self._shared.get(level_tag)
        if shared is None:
            shared = self._shared[level_tag] = (self.by_tag.get("all", frozenset())
                                                | self.by_tag.get(level_tag, frozenset()))
        return shared, self.by_tag.get(enterprise_tag, frozenset())


def readable_notices(now: datetime | None = None) -> ReadableNotices:
    now = now or utcnow()
    memo = content_memo("member_notices")
    index = memo.get("readable")
    if index is None or (index.valid_until is not None and index.valid_until <= now):
        index = memo["readable"] = _build(now)
    return index


def _build(now: datetime) -> ReadableNotices:
    by_tag: dict[str, set[int]] = defaultdict(set)
    rows = db.session.execute(
        select(AudienceTag.tag, Article.id).select_from(Article)
        .join(Notice, Notice.id == Article.id)
        .join(AudienceTag, AudienceTag.audience_id == Notice.audience_id)
        .where(Article.kind == "notice", published_condition(now)))
    for tag, notice_id in rows:
        by_tag[tag].add(notice_id)
    return ReadableNotices({tag: frozenset(ids) for tag, ids in by_tag.items()},
                           _next_change(now))


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


def count_unread(enterprise, read_ids: frozenset[int], now: datetime | None = None) -> int:
    """The notices the enterprise's member may read now and has not opened."""
    _, level_tag, enterprise_tag = reader_tags(enterprise)
    shared, own = readable_notices(now).readable(level_tag, enterprise_tag)
    read_of_shared = sum(1 for notice_id in read_ids if notice_id in shared)
    own_unread = sum(1 for notice_id in own if notice_id not in shared
                     and notice_id not in read_ids)
    return len(shared) - read_of_shared + own_unread
