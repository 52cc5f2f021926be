"""Fixtures shared by every test: an app on a fresh database, clients, and factories.

The database is SQLite in a temporary folder, or PostgreSQL when PORTAL_TEST_DATABASE_URL
names one. The schema is built once per run by the migrations, and every test starts
with empty tables. With PORTAL_STRICT_TESTS=1 (CI), a skipped test fails the run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from datetime import date, timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, select, text

from portal import create_app
from portal.database import utcnow
from portal.extensions import db
from portal.mail.models import OutboxMessage

PASSWORD = "correct horse battery"


def head_revision() -> str:
    """The newest migration's revision (what `db upgrade` brings a database to)."""
    from pathlib import Path

    from alembic.script import ScriptDirectory

    migrations = Path(__file__).resolve().parent.parent / "portal" / "migrations"
    return ScriptDirectory(str(migrations)).get_current_head()
STRICT = os.environ.get("PORTAL_STRICT_TESTS") == "1"


def skip_or_fail(reason: str):
    """Skip, except in CI, where a missing browser or database is a failure."""
    if STRICT:
        pytest.fail(f"{reason} (PORTAL_STRICT_TESTS=1 turns this skip into a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return url


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def app_config():
    """Settings a test module may override (e.g. to turn CSRF or rate limits on)."""
    return {}


@pytest.fixture
def app(database_url, app_config, tmp_path):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "STORAGE_PATH": str(tmp_path / "files"),
        # Each test its own content generation (not instance/'s, which another run of the
        # suite at the same time would bump: .ci/run runs two side by side).
        "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "page-cache-generation"),
        **app_config,
    })
    yield app
    with app.app_context():
        db.session.remove()
        unlabelled = _unlabelled_actions()
        db.session.remove()
        _empty_tables()
        db.engine.dispose()
    assert not unlabelled, (f"audit actions recorded without a label: {unlabelled}; declare "
                            "them in the feature's feature.toml ([audit_actions])")


def _unlabelled_actions() -> list[str]:
    """Actions the test recorded that no feature declares a label for."""
    from portal.audit.models import AuditEvent
    from portal.features import audit_labels

    recorded = db.session.scalars(select(AuditEvent.action).distinct()).all()
    return sorted(set(recorded) - set(audit_labels()))


@pytest.fixture
def client(app):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def make_client(app):
    """A new client (a new browser), English unless a language is given."""

    def make(language: str = "en"):
        new = app.test_client()
        new.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        return new

    return make


@pytest.fixture
def second_worker(app):
    """The portal in a second worker: its own memory (what it keeps between requests: the
    index of readable notices, members' receipts and marks), the same database, files and
    content generation. client_of(second_worker) gives a client of it."""
    other = create_app({key: app.config[key] for key in (
        "SQLALCHEMY_DATABASE_URI", "STORAGE_PATH", "PAGE_CACHE_GENERATION_FILE")})
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def client_of(worker, language: str = "en"):
    client = worker.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


_counter = itertools.count(1)


def _stored(app, row):
    """The new row, committed (its attributes stay readable after the app context ends)."""
    with app.app_context():
        db.session.add(row)
        db.session.commit()
        return row


@pytest.fixture
def make_department(app):
    from portal.departments.models import Department

    def make(name_zh=None, name_en=None, is_default=False):
        n = next(_counter)
        return _stored(app, Department(name_zh=name_zh or f"部门{n}",
                                       name_en=name_en or f"Department {n}",
                                       is_default=is_default))

    return make


@pytest.fixture
def make_enterprise(app):
    from portal.enterprises.creditcode import complete_code
    from portal.enterprises.models import Enterprise

    def make(name_zh=None, name_en=None, status="active", level="member", **fields):
        n = next(_counter)
        values = {"joined_on": date(2024, 1, 1), "expires_on": date(2099, 12, 31), **fields}
        return _stored(app, Enterprise(
            name_zh=name_zh or f"测试企业{n}有限公司", name_en=name_en or f"Test Enterprise {n}",
            credit_code=complete_code(f"91110000MA{n:07d}"), status=status, level=level,
            **values,
        ))

    return make


@pytest.fixture
def make_user(app, make_enterprise, make_department):
    """make_user(kind="member"|"staff", roles=(...), enterprise=..., department=..., **fields)."""
    from portal.accounts.models import User
    from portal.accounts.services import create_user

    def make(kind="member", roles=(), enterprise=None, department=None, password=PASSWORD,
             email=None, name=None, active=True, **fields):
        n = next(_counter)
        if kind == "member" and enterprise is None:
            enterprise = make_enterprise()
        if kind == "staff" and department is None:
            department = make_department()
        with app.app_context():
            user = create_user(
                email=email or f"user{n}@example.com", name=name or f"User {n}", kind=kind,
                password=password, roles=roles,
                department=db.session.merge(department) if department else None,
                enterprise=db.session.merge(enterprise) if enterprise else None, **fields,
            )
            user.active = active
            db.session.commit()
            return db.session.get(User, user.id)

    return make


@pytest.fixture
def login(client):
    """login(user, client=client, password=PASSWORD, remember=False) -> the response."""

    def do_login(user, client=client, password=PASSWORD, remember=False):
        data = {"email": user.email, "password": password}
        if remember:
            data["remember"] = "y"
        return client.post("/login", data=data)

    return do_login


@pytest.fixture
def member(make_user):
    return make_user(kind="member", name="Member One")


@pytest.fixture
def staff_admin(make_user):
    return make_user(kind="staff", roles=("admin",), name="Admin One")


@pytest.fixture
def admin_client(client, login, staff_admin):
    login(staff_admin)
    return client


@pytest.fixture
def editor(make_user):
    return make_user(kind="staff", roles=("editor",), name="Editor Lin")


# News: categories and articles -------------------------------------------------------------------

@pytest.fixture
def make_category(app):
    from portal.news.models import Category

    def make(name_zh=None, name_en=None, slug=None, position=0):
        n = next(_counter)
        return _stored(app, Category(name_zh=name_zh or f"栏目{n}",
                                     name_en=name_en or f"Section {n}",
                                     slug=slug or f"section-{n}", position=position))

    return make


@pytest.fixture
def category(make_category):
    return make_category(name_zh="商会动态", name_en="Chamber News", slug="chamber-news")


@pytest.fixture
def make_article(app, category):
    """make_article(status="published"|"draft"|"scheduled"|"archived", ago=hours, category=...,
    **fields) -> the article, published `ago` hours ago (a negative number is in the future).

    The row is written as given, then announced as the news services announce a change
    (`article_changed`), so the search index, the page cache and the list counts follow."""
    from portal.news.models import Article
    from portal.news.services import article_changed

    def make(status="published", ago=1, category=category, **fields):
        n = next(_counter)
        publish_at = fields.pop("publish_at", None)
        if publish_at is None and status != "draft":
            publish_at = utcnow() - timedelta(hours=ago)
        values = dict(title_zh=f"文章{n}", summary_zh=f"摘要{n}", body_zh=f"<p>正文{n}</p>",
                      author="秘书处综合事务部", source="商会党委")
        values.update(fields)
        with app.app_context():
            article = Article(category_id=category.id, status=status, publish_at=publish_at,
                              **values)
            db.session.add(article)
            db.session.flush()
            article_changed.send(article, action="created")
            db.session.commit()
            return article

    return make


# Counting SQL statements (a page's must not grow with the number of items) -------------------

@contextlib.contextmanager
def count_statements(app):
    """`with count_statements(app) as statements:` the SQL statements run inside, in order."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# Reading mail from the outbox, and the links in it ---------------------------------------------

def mails_to(app, address):
    with app.app_context():
        return db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == address)
                                  .order_by(OutboxMessage.id)).all()


def link_in(message) -> str:
    links = re.findall(r"https?://\S+", message.body_text)
    assert len(links) == 1, links
    return links[0]


def path_of(link: str) -> str:
    """The link's path, for the test client (links start with BASE_URL)."""
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def audit_actions(app):
    """audit_actions() -> [(action, actor_id, target_id, details)] in order."""
    from portal.audit.models import AuditEvent

    def read():
        with app.app_context():
            return [(e.action, e.actor_id, e.target_id, e.details) for e in db.session.scalars(
                select(AuditEvent).order_by(AuditEvent.id))]

    return read


def pytest_sessionfinish(session, exitstatus):
    """In strict mode a run with skipped tests fails, even if pytest would pass it."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if STRICT and reporter and reporter.stats.get("skipped") and exitstatus == 0:
        reporter.write_line("Skipped tests are failures under PORTAL_STRICT_TESTS=1", red=True)
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    """Say which database ran and how many browser tests really executed (CI reads this)."""
    url = os.environ.get("PORTAL_TEST_DATABASE_URL", "sqlite")
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    browser = {key: sum(1 for r in terminalreporter.stats.get(key, []) if "e2e" in r.keywords)
               for key in ("passed", "failed", "skipped")}
    terminalreporter.write_line(
        f"portal: database {database}; browser tests passed {browser['passed']}, "
        f"failed {browser['failed']}, skipped {browser['skipped']}"
    )
