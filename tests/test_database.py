"""The database layer: engine settings, concurrent writers, migrations matching the models."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from portal.database import is_unmanaged
from portal.departments.models import Department
from portal.extensions import db


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
    """Writers take the write lock, read, think, then write: none fails with 'locked', and
    none loses another's update (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory lock)."""
    from portal.database import write_lock

    dept = make_department(name_zh="计数", name_en="0")
    errors = []

    def bump():
        try:
            with app.app_context():
                write_lock()
                row = db.session.get(Department, dept.id)  # read under the lock
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
        assert final == "6"  # serialised: no lost update


def _sqlite_in_transaction() -> bool:
    return db.session.connection().connection.dbapi_connection.in_transaction


def test_reads_take_no_lock_and_the_first_write_takes_it(app, make_department):
    """A session that has only read holds nothing, so another writer commits at once; on
    SQLite its first write begins the transaction, and what it reads next is inside it."""
    dept = make_department(name_zh="读写")
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        reader = db.session.get(Department, dept.id)
        assert not sqlite or not _sqlite_in_transaction()
        with db.engine.connect() as other:  # another writer, while this session has read
            started = time.monotonic()
            other.execute(text("UPDATE departments SET name_en = 'other' WHERE id = :id"),
                          {"id": dept.id})
            other.commit()
            assert time.monotonic() - started < 1
        reader.name_en = "mine"
        db.session.flush()
        assert not sqlite or _sqlite_in_transaction()
        db.session.get(Department, dept.id)
        assert not sqlite or _sqlite_in_transaction()
        db.session.commit()
        assert not sqlite or not _sqlite_in_transaction()
    with app.app_context():
        assert db.session.get(Department, dept.id).name_en == "mine"


@pytest.mark.parametrize("take_lock", ["write_lock", "with_for_update"])
def test_write_lock_and_for_update(app, make_department, take_lock):
    """On SQLite both begin BEGIN IMMEDIATE: another writer waits (here: gives up after
    0.1 s). On PostgreSQL write_lock() makes other write_lock() callers wait, and FOR UPDATE
    locks only its rows."""
    from portal.database import WRITE_LOCK_KEY, write_lock

    dept, other_dept = make_department(), make_department()
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        if take_lock == "write_lock":
            write_lock()
            write_lock()  # a second call changes nothing
        else:
            db.session.scalars(select(Department).where(Department.id == dept.id)
                               .with_for_update()).one()
        assert not sqlite or _sqlite_in_transaction()
        with db.engine.connect() as other:
            update = text("UPDATE departments SET name_en = 'x' WHERE id = :id")
            if sqlite:
                other.exec_driver_sql("PRAGMA busy_timeout=100")
                with pytest.raises(OperationalError, match="locked"):
                    other.execute(update, {"id": other_dept.id})
            else:
                other.execute(update, {"id": other_dept.id})  # another row: not locked
                taken = other.scalar(text(f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK_KEY})"))
                assert taken is (take_lock != "write_lock")
                other.commit()
        db.session.rollback()
        assert not sqlite or not _sqlite_in_transaction()


def test_datetimes_come_back_aware_in_utc(app, make_department):
    dept = make_department()
    with app.app_context():
        created = db.session.get(Department, dept.id).created_at
        assert created.tzinfo is not None
        assert abs((datetime.now(UTC) - created).total_seconds()) < 60


def test_on_days_reads_whole_beijing_days(app, make_department):
    from portal.database import on_days

    # 2026-03-01 00:30 in Beijing is still 28 February in UTC; 23:30 on 2 March is the 2nd.
    times = {"早": datetime(2026, 2, 28, 16, 30, tzinfo=UTC),
             "晚": datetime(2026, 3, 2, 15, 30, tzinfo=UTC),
             "次日": datetime(2026, 3, 2, 16, 0, tzinfo=UTC)}
    for name in times:
        make_department(name_zh=name)
    with app.app_context():
        for department in db.session.scalars(select(Department).where(
                Department.name_zh.in_(times))):
            department.created_at = times[department.name_zh]
        db.session.commit()

        def names(first, last):
            return set(db.session.scalars(select(Department.name_zh).where(
                Department.name_zh.in_(times), *on_days(Department.created_at, first, last))))

        assert names(date(2026, 3, 1), date(2026, 3, 2)) == {"早", "晚"}
        assert names(date(2026, 3, 3), None) == {"次日"}
        assert names(None, date(2026, 3, 1)) == {"早"}
        assert names(None, None) == set(times)


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    # Objects made by migrations outside the ORM (database.is_unmanaged: the search index's
    # FTS5 table and tsvector columns, the mail log's trigram index) are not models; anything
    # else is a missing migration.
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
    from portal.reading import end_read_only_transaction

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


# Concurrent writers: unique violations told apart, turned into the rule's own error ---------

def test_duplicates_as_raises_the_rules_error_and_keeps_the_session(app, make_department):
    from sqlalchemy.exc import IntegrityError

    from portal.database import conflict_status, duplicates_as, unique_violation
    from portal.errors import PortalError

    class Taken(PortalError):
        pass

    make_department(name_zh="重名")
    with app.app_context():
        db.session.add(Department(name_zh="先到", name_en="First"))
        with pytest.raises(Taken), duplicates_as(Taken, "uq_departments_name_zh"):
            db.session.add(Department(name_zh="重名", name_en="Again"))
            db.session.flush()
        with pytest.raises(IntegrityError) as refused, duplicates_as(Taken, "pk_departments"):
            db.session.add(Department(name_zh="重名", name_en="Other constraint"))
            db.session.flush()
        assert unique_violation(refused.value) == "uq_departments_name_zh"
        assert conflict_status(refused.value) == 409
        assert conflict_status(ValueError()) is None
        db.session.add(Department(name_zh="后到", name_en="Later"))
        db.session.commit()  # the savepoints undid only their own rows
    assert _department_names(app) == {"重名", "先到", "后到"}


# One slow request locks nobody out ------------------------------------------------------------

def test_a_slow_import_locks_nobody_out(app, make_user, make_client, login, monkeypatch):
    """While an admin's spreadsheet is being parsed, another member signs in and a third
    saves a profile. (Once every POST's first query took SQLite's write lock until the
    request ended: both waited for the busy timeout and got a 500.)"""
    import io

    from portal.enterprises import staff_views as staff_import_views
    from tests.conftest import PASSWORD
    from tests.enterprises.importfiles import GOOD_ROWS, xlsx_bytes

    admin, member, other = make_user(kind="staff", roles=("admin",)), make_user(), make_user()
    admin_browser, member_browser, other_browser = make_client(), make_client(), make_client()
    login(admin, client=admin_browser)
    login(other, client=other_browser)
    parsing, others_done = threading.Event(), threading.Event()
    real_check = staff_import_views.check_file

    def slow_check(name, data, **options):
        parsing.set()
        others_done.wait(10)  # a large file takes its time
        return real_check(name, data, **options)

    monkeypatch.setattr(staff_import_views, "check_file", slow_check)
    result = {}
    upload = threading.Thread(target=lambda: result.update(response=admin_browser.post(
        "/staff/enterprises/import", content_type="multipart/form-data",
        data={"file": (io.BytesIO(xlsx_bytes(GOOD_ROWS)), "会员企业.xlsx")})))
    upload.start()
    try:
        assert parsing.wait(10)
        started = time.monotonic()
        signed_in = member_browser.post("/login", data={"email": member.email,
                                                        "password": PASSWORD})
        saved = other_browser.post("/members/account/profile",
                                   data={"name": "新名字", "phone": ""})
        waited = time.monotonic() - started
    finally:
        others_done.set()
        upload.join(20)
    assert (signed_in.status_code, saved.status_code) == (302, 302)
    assert waited < 3
    assert result["response"].status_code == 200


def test_an_sqlite_database_goes_down_to_nothing_and_up_again(tmp_path):
    """Every migration's downgrade runs on SQLite (a table rebuilt to drop a column loses its
    triggers; i001 made d001's trigger again, or d001's downgrade failed), and afterwards the
    upgrade builds the same schema as before (its lines compared in any order: a rebuilt
    table may list its constraints in another)."""
    from flask_migrate import downgrade, upgrade

    from portal import create_app

    def schema() -> dict:
        rows = db.session.execute(text("SELECT type, name, sql FROM sqlite_master"))
        return {(kind, name): sorted(line.strip().rstrip(",") for line in (sql or "").splitlines())
                for kind, name, sql in rows}

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'down.db'}"})
    with app.app_context():
        upgrade()
        before = schema()
        assert ("trigger", "search_documents_emptied") in before
        downgrade(revision="base")
        left = db.session.execute(text(
            "SELECT tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")).scalars()
        assert set(left) == {"alembic_version"}
        upgrade()
        assert schema() == before
        db.engine.dispose()
