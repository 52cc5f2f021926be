"""The database layer: engine settings, concurrent writers, migrations matching the models."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from portal.departments.models import Department
from portal.extensions import db
from portal.search.models import is_unmanaged


def test_engine_settings(app):
    with app.app_context(), db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        else:
            assert conn.execute(text("SHOW server_encoding")).scalar() == "UTF8"


def test_foreign_keys_are_enforced(app):
    from portal.accounts.models import User

    with app.app_context():
        db.session.add(User(email="x@example.com", name="X", kind="staff", department_id=999))
        try:
            db.session.commit()
        except Exception as error:  # IntegrityError on both databases
            db.session.rollback()
            assert "foreign" in str(error).lower()
        else:
            raise AssertionError("a user pointing at a missing department was stored")


def test_concurrent_read_then_write_transactions_all_succeed(app, make_department):
    """Writers read, think, then write; with BEGIN IMMEDIATE none fails with 'locked'."""
    dept = make_department(name_zh="计数", name_en="0")
    errors = []

    def bump():
        try:
            with app.app_context():
                row = db.session.get(Department, dept.id)  # read (begins the transaction)
                time.sleep(0.05)
                row.name_en = str(int(row.name_en) + 1)  # then write
                db.session.commit()
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=bump) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with app.app_context():
        final = db.session.scalars(select(Department.name_en).where(Department.id == dept.id)).one()
        if db.engine.dialect.name == "sqlite":
            assert final == "6"  # serialised by BEGIN IMMEDIATE: no lost update
        else:
            assert 1 <= int(final) <= 6  # read committed; counters use UPDATE ... SET n = n + 1


def test_datetimes_come_back_aware_in_utc(app, make_department):
    dept = make_department()
    with app.app_context():
        created = db.session.get(Department, dept.id).created_at
        assert created.tzinfo is not None
        assert abs((datetime.now(UTC) - created).total_seconds()) < 60


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    # The search index's FTS5 table and tsvector columns are not models (is_unmanaged);
    # anything else is a missing migration.
    def unmanaged(change) -> bool:
        kind = change[0]
        if kind == "remove_table":
            return is_unmanaged(change[1].name, "table")
        if kind == "remove_index":
            return is_unmanaged(change[1].name, "index")
        if kind == "remove_column":
            return is_unmanaged(change[3].name, "column")
        return False

    assert [d for d in diff if not unmanaged(d)] == []


# Ending read-only transactions with COMMIT (PostgreSQL keeps its prepared statements) --------

def _department_names(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Department.name_zh)))


def test_a_request_that_wrote_and_then_failed_stores_nothing(app, client):
    """A GET that flushed a change and then ended in a handled error page is rolled back,
    never committed as 'read-only'."""
    from flask import abort

    @app.route("/_test/write-then-fail")
    def write_then_fail():
        db.session.add(Department(name_zh="半途而废", name_en="Half done"))
        db.session.flush()
        abort(409)

    assert client.get("/_test/write-then-fail").status_code == 409
    assert "半途而废" not in _department_names(app)


def test_only_transactions_that_only_read_end_with_commit(app, make_department):
    from portal.database import end_read_only_transaction

    dept = make_department(name_zh="只读")
    postgres = None
    with app.app_context():
        session = db.session()
        postgres = session.get_bind().dialect.name == "postgresql"
        assert session.get(Department, dept.id).name_zh == "只读"
        assert end_read_only_transaction(session) is postgres  # SQLite: rolled back as before
        if postgres:
            assert not session.in_transaction()

    with app.app_context():  # flushed: rolled back
        session = db.session()
        session.add(Department(name_zh="已写入", name_en="Flushed"))
        session.flush()
        assert end_read_only_transaction(session) is False
        session.rollback()

    with app.app_context():  # pending, not yet flushed: rolled back, never flushed by a commit
        session = db.session()
        session.get(Department, dept.id)
        session.add(Department(name_zh="未写入", name_en="Pending"))
        assert end_read_only_transaction(session) is False
        session.rollback()

    with app.app_context():  # an exception ended the request
        session = db.session()
        session.get(Department, dept.id)
        assert end_read_only_transaction(session, RuntimeError("boom")) is False
        session.rollback()
    assert _department_names(app) == {"只读"}
