"""Read receipts and the staff's receipt report of a notice.

record_read() writes a member's receipt in a short transaction of its own, the way the
article view counter does (portal/news/viewcount.py): the notice page is a read, and a read
that turned into a write halfway would have to wait for (and, on SQLite, could lose to) the
write lock. Opening a notice again within READ_PRECISION changes nothing, so a member
reloading a page costs no write at all. A first reading also moves the member's receipt
version on (users.notice_reads_version), which retires the receipts workers keep (portal/kept.py).

report_page() gives every active enterprise of the notice's audience with its first reader,
readers and acknowledgement in one statement, grouped reads joined to the enterprises;
export_rows() streams the same rows for the downloads. On PostgreSQL they are planned for
their values (plan_for_values): a generic plan, made without knowing how many receipts the
notice has, joined them to the enterprises by a nested loop ten times slower.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from portal.accounts.models import User
from portal.database import utcnow
from portal.enterprises.models import Enterprise
from portal.enterprises.services import in_audience_condition
from portal.extensions import db
from portal.kept import move_version_on
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead
from portal.notices.queries import forget_read_ids
from portal.reading import plan_for_values

READ_PRECISION = timedelta(minutes=5)
STATES = ("acknowledged", "read", "unread")  # the report's filter values besides "all"


def record_read(notice_id: int, user, seen: datetime | None, now: datetime | None = None
                ) -> None:
    """The member opened the notice: add their receipt, or move its last reading when the
    one they had (`seen`, read with the page) is older than READ_PRECISION."""
    now = now or utcnow()
    if seen is not None and now - seen < READ_PRECISION:
        return
    values = {"notice_id": notice_id, "user_id": user.id, "enterprise_id": user.enterprise_id,
              "first_read_at": now, "last_read_at": now}
    with db.engine.begin() as connection:
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        statement = insert(NoticeRead).values(**values)
        connection.execute(statement.on_conflict_do_update(
            index_elements=["notice_id", "user_id"],
            set_={"last_read_at": statement.excluded.last_read_at}))
        if seen is None:  # a new receipt: the sets workers keep of the old ones are stale
            version = move_version_on(connection, User.notice_reads_version, user.id)
            set_committed_value(user, "notice_reads_version", version)
    forget_read_ids(user)  # the request's unread count includes this notice now


class ReportRow(NamedTuple):
    enterprise_id: int
    name_zh: str
    name_en: str
    level: str
    first_read_at: datetime | None
    first_reader: str | None
    readers: int
    acknowledged_at: datetime | None
    acknowledged_by: str | None

    @property
    def state(self) -> str:
        if self.acknowledged_at:
            return "acknowledged"
        return "read" if self.first_read_at else "unread"


def _report_query(notice: Notice, state: str = "", q: str = ""):
    reads = (select(NoticeRead.enterprise_id.label("enterprise_id"),
                    func.min(NoticeRead.first_read_at).label("first_read_at"),
                    func.min(NoticeRead.id).label("first_id"),
                    func.count(NoticeRead.id).label("readers"))
             .where(NoticeRead.notice_id == notice.id)
             .group_by(NoticeRead.enterprise_id).subquery())
    first = aliased(NoticeRead)
    reader, acker = aliased(User), aliased(User)
    ack = NoticeAcknowledgement
    query = (select(Enterprise.id, Enterprise.name_zh, Enterprise.name_en, Enterprise.level,
                    reads.c.first_read_at, reader.name, func.coalesce(reads.c.readers, 0),
                    ack.acknowledged_at, acker.name)
             .select_from(Enterprise)
             .outerjoin(reads, reads.c.enterprise_id == Enterprise.id)
             .outerjoin(first, first.id == reads.c.first_id)
             .outerjoin(reader, reader.id == first.user_id)
             .outerjoin(ack, and_(ack.notice_id == notice.id, ack.enterprise_id == Enterprise.id))
             .outerjoin(acker, acker.id == ack.user_id)
             .where(in_audience_condition(notice.audience_id)))
    if state == "acknowledged":
        query = query.where(ack.id.is_not(None))
    elif state == "read":
        query = query.where(reads.c.first_read_at.is_not(None))
    elif state == "unread":
        query = query.where(reads.c.first_read_at.is_(None))
    elif state == "unacknowledged":
        query = query.where(ack.id.is_(None))
    if q:
        query = query.where(Enterprise.name_zh.icontains(q, autoescape=True)
                            | Enterprise.name_en.icontains(q, autoescape=True))
    return query.order_by(Enterprise.name_zh, Enterprise.id)


def report_summary(notice: Notice) -> dict[str, int]:
    """How many enterprises of the audience: in all, read, acknowledged (one statement)."""
    plan_for_values(db.session)
    rows = _report_query(notice).subquery()
    total, read, acknowledged = db.session.execute(select(
        func.count(), func.count(rows.c.first_read_at), func.count(rows.c.acknowledged_at)
    ).select_from(rows)).one()
    return {"total": total, "read": read, "acknowledged": acknowledged,
            "unread": total - read, "unacknowledged": total - acknowledged}


def report_page(notice: Notice, state: str, q: str, page: int, per_page: int,
                summary: dict | None = None):
    """(rows of the page, how many match) for the report screen; unfiltered, the number is
    the summary's (no second count)."""
    plan_for_values(db.session)
    query = _report_query(notice, state, q)
    if summary is not None and not q and state in summary:
        total = summary[state]
    elif summary is not None and not q and not state:
        total = summary["total"]
    else:
        total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = [ReportRow(*row) for row in db.session.execute(
        query.limit(per_page).offset((page - 1) * per_page))]
    return rows, total


def export_rows(notice: Notice, state: str = "", q: str = ""):
    """Every matching row, fetched in batches as the download is written."""
    plan_for_values(db.session)
    result = db.session.execute(_report_query(notice, state, q).execution_options(
        yield_per=500))
    for row in result:
        yield ReportRow(*row)
