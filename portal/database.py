"""Column types and engine behaviour shared by every model (UTC times, SQLite pragmas)."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

from flask import has_request_context, request
from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Statements that leave the database as they found it (see end_read_only_transaction).
READ_ONLY_STATEMENT = re.compile(r"\s*(?:SELECT|SHOW|SET LOCAL)\b", re.IGNORECASE)


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


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn):
    """Begin write transactions with BEGIN IMMEDIATE so read-then-write requests never deadlock.

    Reads (GET requests) begin deferred, so readers never queue on the write lock; requests
    that change state, and commands run outside a request, take the write lock up front.
    """
    if conn.dialect.name != "sqlite":
        return
    if has_request_context() and request.method not in WRITE_METHODS:
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


# Ending read-only transactions (PostgreSQL) ---------------------------------------------------
#
# psycopg prepares a statement the fifth time a connection runs it, so that PostgreSQL
# plans it once instead of on every request (planning was most of a public page's database
# time: about 1 ms of the home page's 1.3). But psycopg forgets every prepared statement
# when a transaction is rolled back, and a request's session is rolled back when it ends.
# So a request that only read ends its transaction with COMMIT instead, which for such a
# transaction changes nothing else. "Only read" is decided by what the connection ran, not
# by the request: one statement other than SELECT/SHOW/SET LOCAL in the transaction, an
# object not yet flushed, or an exception, and it is rolled back as before.

@event.listens_for(Engine, "begin")
def _transaction_begins(conn):
    conn.info["wrote"] = False


@event.listens_for(Engine, "before_cursor_execute")
def _note_writes(conn, cursor, statement, parameters, context, executemany):
    if not conn.info.get("wrote") and not READ_ONLY_STATEMENT.match(statement):
        conn.info["wrote"] = True


def end_read_only_transaction(session, error: BaseException | None = None) -> bool:
    """Commit the session's transaction if it only read (PostgreSQL); True if it did."""
    if (error is not None or not session.in_transaction()
            or session.get_bind().dialect.name != "postgresql"):
        return False
    connection = session.connection()
    if (connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
            or connection.info.get("wrote", True)
            or session.new or session.dirty or session.deleted):
        return False  # no transaction to end; or rolled back as before
    session.commit()
    return True


def register_read_only_commit(app) -> None:
    """Run end_read_only_transaction() when each request's app context ends (before
    Flask-SQLAlchemy removes the session: teardown functions run last-registered first)."""
    from portal.extensions import db

    @app.teardown_appcontext
    def _end_read_only(error=None):
        if not db.session.registry.has():  # no session was used
            return
        try:
            end_read_only_transaction(db.session(), error)
        except Exception:  # the session is removed (rolled back) next, as without this
            app.logger.exception("could not end a read-only transaction")


@event.listens_for(Engine, "connect")
def _postgres_on_connect(dbapi_connection, connection_record):
    """Plan prepared statements once, without their values (plan_cache_mode).

    PostgreSQL's default plans a prepared statement for its values five times, then keeps a
    generic plan only if it does not look dearer; for the public pages' statements it never
    did (a LIMIT or a time it cannot see), so they were planned on every request, which cost
    more than running them. The portal's statements are lookups by key and index-ordered
    seeks whose best plan does not depend on the values. A statement whose plan does (full-
    text search: PostgresIndex.begin_search) says SET LOCAL plan_cache_mode =
    force_custom_plan in its transaction.
    """
    from psycopg import Connection

    if not isinstance(dbapi_connection, Connection):
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
    dbapi_connection.commit()
