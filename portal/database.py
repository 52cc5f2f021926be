"""Column types and engine behaviour shared by every model: UTC times (and the Beijing days
they fall on), SQLite pragmas, when transactions begin and take the write lock, and what
concurrent writers are told. How requests read on PostgreSQL (plans made once, reads without
a transaction) is portal/reading.py."""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.types import TypeDecorator

from portal.dates import SHANGHAI


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every database (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def on_days(column, first: date | None, last: date | None) -> list:
    """Conditions on a UTC time column for the Beijing days from `first` to `last`, both
    included; None leaves that end open. For the date filters of a log (audit, mail):
    query.where(*on_days(Event.created_at, date_from, date_to))."""
    conditions = []
    if first:
        conditions.append(column >= datetime.combine(first, time.min, tzinfo=SHANGHAI))
    if last:
        conditions.append(column < datetime.combine(last + timedelta(days=1), time.min,
                                                    tzinfo=SHANGHAI))
    return conditions


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record):
    """WAL, a busy timeout and foreign keys; the driver's own transaction handling off."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# Transactions on SQLite -----------------------------------------------------------------------
#
# The driver never begins a transaction by itself (isolation_level=None above), and neither
# does SQLAlchemy's "begin" here: reads run in autocommit, each statement on its own snapshot
# (as READ COMMITTED does on PostgreSQL), holding no lock. The first statement that writes is
# preceded by BEGIN IMMEDIATE, which takes the write lock (waiting up to busy_timeout), and
# everything after it until COMMIT or ROLLBACK runs inside that transaction. So a request holds
# the lock from its first write, usually the flush at commit, until its commit: loading the
# signed-in user, hashing a password, parsing an upload and rendering all happen outside it.
# A rule that reads, decides and then writes (the last administrator, the first department)
# calls write_lock() before reading, or reads with_for_update(), which on SQLite takes the
# write lock too; on PostgreSQL such rules lock their rows, take write_lock()'s advisory lock,
# or rest on a constraint.

# The advisory lock of write_lock() on PostgreSQL (any fixed number: "portal" in ASCII).
WRITE_LOCK_KEY = 0x706F7274616C
# Statements that need no transaction on SQLite (transaction control, pragmas, plain reads).
NO_TRANSACTION = re.compile(
    r"\s*(?:SELECT|PRAGMA|EXPLAIN|BEGIN|COMMIT|END|ROLLBACK|RELEASE)\b", re.IGNORECASE)


def _begin_immediate(conn) -> None:
    dbapi_connection = conn.connection.dbapi_connection
    if dbapi_connection.in_transaction:
        return
    try:
        dbapi_connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:  # raised as SQLAlchemy raises the driver's errors
        raise DBAPIError.instance("BEGIN IMMEDIATE", (), error, sqlite3.Error) from error
    conn.info["wrote"] = True


def _locks_rows(context) -> bool:
    """SELECT … FOR UPDATE (with_for_update()), which SQLite cannot say."""
    statement = getattr(getattr(context, "compiled", None), "statement", None)
    return getattr(statement, "_for_update_arg", None) is not None


@event.listens_for(Engine, "before_cursor_execute")
def _sqlite_begin_before_writing(conn, cursor, statement, parameters, context, executemany):
    if conn.dialect.name != "sqlite":
        return
    if not NO_TRANSACTION.match(statement) or _locks_rows(context):
        _begin_immediate(conn)


def write_lock() -> None:
    """Take the write lock now, for a rule whose reads must not change before its write
    (the first department becomes the default; the last administrator stays one).

    SQLite: the session's transaction begins with BEGIN IMMEDIATE here (unless it has already
    written), so no other writer changes what the caller reads next until it commits or rolls
    back. PostgreSQL: a transaction-scoped advisory lock, so callers of write_lock() take
    turns (other writers do not wait; rules about existing rows lock them with
    with_for_update(), and unique constraints catch the rest: duplicates_as()).
    """
    from portal.extensions import db

    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        _begin_immediate(connection)
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


# Concurrent writers --------------------------------------------------------------------------
#
# A rule checked by reading ("no user has this address yet") can pass in two requests at once;
# the unique index then refuses the second row. duplicates_as() turns that refusal into the
# rule's own PortalError, so the form says "already exists" as it would have a moment later.
# Refusals that no rule catches are answered by the error pages (portal/errors.py) as a
# conflict to send again, never a 500: conflict_status().

UNIQUE_VIOLATION = "23505"
# PostgreSQL: serialization failure, deadlock, lock not available.
TRY_AGAIN_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def unique_violation(error: BaseException) -> str | None:
    """The name of the unique constraint or index that refused a row ("" when it cannot be
    told), or None when the error is something else."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) == UNIQUE_VIOLATION:
        return getattr(orig.diag, "constraint_name", None) or ""
    if isinstance(orig, sqlite3.IntegrityError) and getattr(orig, "sqlite_errorname", "") in (
            "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"):
        return _sqlite_constraint_name(str(orig))
    return None


def _sqlite_constraint_name(message: str) -> str:
    """SQLite names the columns ("UNIQUE constraint failed: users.email") or an index
    ("… failed: index 'name'"); the metadata names the constraint on those columns."""
    from sqlalchemy import PrimaryKeyConstraint, UniqueConstraint

    from portal.extensions import db

    detail = message.partition(":")[2].strip()
    if detail.startswith("index '"):
        return detail[len("index '"):].rstrip("'")
    columns = {part.strip() for part in detail.split(",")}
    for table in db.metadata.tables.values():
        keys = [c for c in table.constraints
                if isinstance(c, UniqueConstraint | PrimaryKeyConstraint)]
        for key in [*keys, *(index for index in table.indexes if index.unique)]:
            if {f"{table.name}.{column.name}" for column in key.columns} == columns:
                return str(key.name or "")
    return ""


@contextmanager
def duplicates_as(error, *constraints: str):
    """Run the block in a savepoint; when a unique constraint (one of `constraints`, or any)
    refuses a row the block writes, raise `error` (a PortalError or its class) instead of
    IntegrityError. Only what the block changed is undone and the session stays usable
    (changes made before the block are flushed when it begins, outside the savepoint).
    """
    from portal.extensions import db

    try:
        with db.session.begin_nested():
            yield
    except IntegrityError as refused:
        name = unique_violation(refused)
        if name is None or (constraints and name not in constraints):
            raise
        raise (error() if isinstance(error, type) else error) from refused


def conflict_status(error: BaseException) -> int | None:
    """409 for a unique violation, 503 for a lock given up or a deadlock (another writer at
    the same moment: sending again may well succeed); None for any other error."""
    if not isinstance(error, DBAPIError):
        return None
    if unique_violation(error) is not None:
        return 409
    orig = error.orig
    if getattr(orig, "sqlstate", None) in TRY_AGAIN_SQLSTATES:
        return 503
    if isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig):
        return 503  # busy_timeout ran out
    return None


# Schema objects made by migrations with op.execute and kept outside the ORM: the search
# index's FTS5 table and its shadow tables on SQLite, its tsvector columns and their GIN
# indexes on PostgreSQL, and the mail log's trigram index (PostgreSQL, pg_trgm).
# Autogenerate and the migrations-match-models test leave these names alone.
UNMANAGED = {
    "table": ("search_fts",),
    "column": ("tsv", "title_tsv"),
    "index": ("ix_search_documents_tsv", "ix_search_documents_title_tsv",
              "ix_outbox_messages_search_trgm"),
}


def is_unmanaged(name: str | None, type_: str) -> bool:
    return bool(name) and name.startswith(UNMANAGED.get(type_, ()))
