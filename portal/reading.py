"""How requests read on PostgreSQL: statements planned once, without their values (a LIMIT
written in where the plan must see it: written_in), read-only transactions ended with COMMIT
so that the prepared statements survive, and views that only read (reads_only) reading
without a transaction at all. SQLite needs none of it; the rest of the engine's behaviour is
portal/database.py."""

from __future__ import annotations

import re

from sqlalchemy import Integer, bindparam, event, text
from sqlalchemy.engine import Engine

# Statements that leave the database as they found it (see end_read_only_transaction).
READ_ONLY_STATEMENT = re.compile(r"\s*(?:SELECT|SHOW|SET LOCAL)\b", re.IGNORECASE)


def written_in(name: str):
    """A bind parameter for a LIMIT or OFFSET that is written into the statement when it
    runs. PostgreSQL plans the portal's statements once, without their values
    (_postgres_on_connect below), and a LIMIT it cannot see looks like a tenth of the rows:
    for a page of notices or materials it then sorted them all instead of walking an index
    in list order. A statement per page size is a handful of statements."""
    return bindparam(name, type_=Integer, literal_execute=True)


def plan_for_values(session) -> None:
    """Plan the rest of this transaction's statements for their values (PostgreSQL).

    For a statement whose best plan depends on its values: a full-text search, or a
    report that joins a notice's receipts (hundreds to thousands of rows) to every
    enterprise. Planned without them, the receipt report took a nested loop that compared
    two million pairs: 250 ms instead of 20. The portal's other statements keep their
    generic plans (_postgres_on_connect below). Needs a transaction: in autocommit mode
    (reads_only) SET LOCAL changes nothing. Sent once per transaction, however many of its
    readers ask (the receipt report's summary and page both do)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql" and not connection.info.get("custom_plans"):
        connection.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        connection.info["custom_plans"] = True


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
    conn.info["custom_plans"] = False  # SET LOCAL ended with the last transaction


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


def reads_only(view):
    """Mark a view whose GET only reads through the session (a public page, a member's
    list or page): on PostgreSQL its request reads in autocommit mode, from the signed-in
    user's record on. No BEGIN and COMMIT round trips (two of a member page's eight); each
    statement sees the same committed data as it would inside a READ COMMITTED
    transaction. A write such a view makes on the side (a notice's read receipt) has a
    transaction of its own."""
    view.reads_only = True
    return view


def _read_without_transaction() -> None:
    from flask import current_app, request

    from portal.extensions import db

    view = current_app.view_functions.get(request.endpoint)
    if (not getattr(view, "reads_only", False) or request.method not in ("GET", "HEAD")
            or db.engine.dialect.name != "postgresql"):
        return
    session = db.session()
    if not session.in_transaction():
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def register_read_only_commit(app) -> None:
    """Views marked reads_only() read without a transaction on PostgreSQL (decided before
    any other hook reads, the signed-in user's record included); other requests that only
    read end with end_read_only_transaction() when their app context ends (before
    Flask-SQLAlchemy removes the session: teardown functions run last-registered first)."""
    from portal.extensions import db

    app.before_request(_read_without_transaction)

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
