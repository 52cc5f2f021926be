"""Reference numbers (ZX-2026-000123): a counter per year, raised atomically in the
transaction that stores the enquiry.

Never count() or max()+1: two submissions at the same moment would read the same number.
The counter row is raised by one INSERT … ON CONFLICT DO UPDATE … RETURNING (SQLite 3.35+,
PostgreSQL), which creates the year's row or locks and raises it; a concurrent submission
waits for the row until this transaction ends, so the numbers stay unique and without gaps
(a rolled-back submission gives its number back). The unique index on the reference is the
last guard.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite

from portal.dates import SHANGHAI
from portal.enquiries.models import ReferenceCounter
from portal.extensions import db

PREFIX = "ZX"


def format_reference(year: int, number: int) -> str:
    return f"{PREFIX}-{year}-{number:06d}"


def next_reference(moment: datetime) -> str:
    """The next reference of the (local) year of `moment`."""
    year = moment.astimezone(SHANGHAI).year
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ReferenceCounter).values(year=year, value=1)
    statement = statement.on_conflict_do_update(
        index_elements=[ReferenceCounter.year],
        set_={"value": ReferenceCounter.value + 1},
    ).returning(ReferenceCounter.value)
    number = db.session.execute(statement).scalar_one()
    return format_reference(year, number)
