"""Sets of ids a worker keeps between requests, each under a version that the database keeps
with its owner, so that a page need not read them each time.

The member area's navigation badge is on every member page, and it needs the ids of every
notice the member has opened: a member who had read 8,000 made PostgreSQL gather them on each
page (1.2 ms of its time) and the worker parse them (0.4 ms more). So the notices keep a
member's receipts under users.notice_reads_version and an enterprise's acknowledgements under
enterprises.notice_acks_version (notices/queries.py), the materials a member's 已学 marks under
users.material_studies_version (materials/reading.py): each version is bumped in the
transaction that adds to its set, and the user loader reads them all with the user. A kept
set serves only while its owner's version is still the one it was read under, so what
another worker wrote shows at the owner's next request.

Nothing is ever taken out of these sets but by deleting its subject (a notice, a material),
whose id then names something no list shows any more. Sets are kept per application (tests
make many) and content generation (a restored backup bumps it), least recently used first
out, KEPT_IDS ids at most in all (some 6 MB; a set counts one more than its size, so that
owners of empty sets are bounded too).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from sqlalchemy import String, cast, func, select, update

from portal.generation import content_memo

KEPT_IDS = 100_000  # about 6 MB of sets of ints


class KeptSets:
    """Sets of ids under keys, each with the version it was read under."""

    def __init__(self, limit: int = KEPT_IDS):
        self.limit = limit
        self._sets: OrderedDict[Hashable, tuple[int, frozenset[int]]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # the development server and tests use threads

    def get(self, key: Hashable, version: int) -> frozenset[int] | None:
        """The set kept under `key` if it was read under `version`, else None."""
        with self._lock:
            kept = self._sets.get(key)
            if kept is None or kept[0] != version:
                return None
            self._sets.move_to_end(key)
            return kept[1]

    def put(self, key: Hashable, version: int, ids: frozenset[int]) -> None:
        """Keep `ids` under `key` as read under `version`, unless a later version is kept
        (a slower request of the same owner)."""
        with self._lock:
            kept = self._sets.get(key)
            if kept is not None and kept[0] > version:
                return
            self._drop(key)
            if len(ids) + 1 > self.limit:
                return
            self._sets[key] = (version, ids)
            self._size += len(ids) + 1
            while self._size > self.limit:
                self._drop(next(iter(self._sets)))

    def _drop(self, key: Hashable) -> None:
        kept = self._sets.pop(key, None)
        if kept is not None:
            self._size -= len(kept[1]) + 1

    def __len__(self) -> int:
        return len(self._sets)


def kept_sets() -> KeptSets:
    """The worker's kept sets for the current content generation: a bump (any change to
    what pages show, a restored backup too) starts them afresh."""
    memo = content_memo("kept_sets")
    kept = memo.get("sets")
    if kept is None:
        kept = memo.setdefault("sets", KeptSets())
    return kept


def id_list(column, condition):
    """SQL: the ids of the rows that meet the condition as one comma-separated value, the way
    a kept set is read: a member who had read thousands of notices made a row each cost 6 ms
    on PostgreSQL, the one value 2 (and its parsing, parse_ids, a fraction of that)."""
    return (select(func.aggregate_strings(cast(column, String), ","))
            .where(condition).scalar_subquery())


def parse_ids(value: str | None) -> frozenset[int]:
    """The ids in an id_list() value."""
    return frozenset(map(int, value.split(","))) if value else frozenset()


def move_version_on(executor, attribute, owner_id: int) -> int:
    """Add one to a version (users.notice_reads_version …, given as the mapped attribute) of
    its owner's row, in the transaction of `executor` (a session or a connection), so that
    the sets workers keep under the old version are read again; the new version."""
    column = attribute.property.columns[0]
    table = column.table
    return executor.execute(update(table).where(table.c.id == owner_id)
                            .values({column: column + 1}).returning(column)).scalar_one()
