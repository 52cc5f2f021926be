"""The restore drill, on SQLite and on PostgreSQL alike: the demo plus an article with an
attachment, backed up while readers and writers make requests, restored into a new database
and file store, then compared: row counts of every table, rows, every file's bytes, and the
restored portal serving the article, its attachment, its old address and a search."""

from __future__ import annotations

import threading
import time
from io import BytesIO

import pytest
from sqlalchemy import func, inspect, select, text
from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.files import storage
from portal.files.samples import pdf_document

SAMPLE = 40  # rows compared per table, spread over its primary keys
ATTACHMENT = pdf_document("演练附件", ["恢复演练用的附件"])


@pytest.fixture
def app_config():
    return {"VIEW_FLUSH_EVERY": 5}  # article views are written often while the backup runs


def add_drill_article(app) -> int:
    from portal.accounts.services import find_user_by_email
    from portal.news import services
    from portal.news.oldsite.addresses import set_old_addresses

    with app.app_context():
        editor = find_user_by_email("editor@example.org")
        category = services.list_categories()[0]
        article = services.create_article(editor, {
            "category_id": category.id, "title_zh": "恢复演练专用文章", "author": "秘书处",
            "source": "商会", "body_zh": "<p>这篇文章检验备份与恢复：正文、附件和旧地址。</p>"})
        _, stored = services.store_uploads(editor, None, [
            FileStorage(BytesIO(ATTACHMENT), filename="演练附件.pdf")])
        services.attach_files(article, stored)
        set_old_addresses(article, "http://old.example/html/drill.html")
        services.publish_article(editor, article)
        db.session.commit()
        return article.id


class Traffic:
    """Threads making requests until stopped: readers of public pages (whose views are
    counted into articles.view_count) and a writer whose failed log-ins add audit rows."""

    def __init__(self, app, article_id: int):
        self.app, self.stop, self.errors, self.done, self.writes = app, threading.Event(), [], 0, 0
        urls = ["/", "/news/", f"/news/{article_id}", "/healthz", "/readyz", "/search?q=商会"]
        self.threads = [threading.Thread(target=self.read, args=(urls,)) for _ in range(2)]
        self.threads.append(threading.Thread(target=self.write))

    def read(self, urls):
        client = self.app.test_client()
        while not self.stop.is_set():
            for url in urls:
                response = client.get(url)
                self._check(url, response, 200)

    def write(self):
        client, n = self.app.test_client(), 0
        while not self.stop.is_set():
            n += 1
            response = client.post("/login", data={"email": f"drill{n}@example.org",
                                                   "password": "not the password"})
            self._check("/login", response, 200)
            self.writes += 1

    def _check(self, url, response, status):
        if response.status_code != status:
            self.errors.append(f"{url}: {response.status_code}")
        response.close()
        self.done += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        deadline = time.monotonic() + 30
        while self.done < 20 and time.monotonic() < deadline:  # traffic is flowing
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        writes, deadline = self.writes, time.monotonic() + 30
        while self.writes < writes + 2 and time.monotonic() < deadline:  # and goes on after
            time.sleep(0.05)
        self.stop.set()
        for thread in self.threads:
            thread.join()


def table_rows(app) -> dict[str, tuple[int, list[tuple]]]:
    """{table: (row count, a sample of rows in primary-key order)} for every table."""
    found = {}
    with app.app_context(), db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        for table in db.metadata.sorted_tables:
            assert table.name in tables, table.name
            count = conn.execute(select(func.count()).select_from(table)).scalar_one()
            step = max(1, count // SAMPLE)
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            found[table.name] = (count, [tuple(r) for r in rows[::step]] + [tuple(rows[-1])]
                                 if rows else [])
        found["alembic_version"] = (1, [tuple(conn.execute(
            text("SELECT version_num FROM alembic_version")).one())])
    return found


def store_bytes(app) -> dict[str, bytes]:
    with app.app_context():
        root = storage.storage_root()
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and p.relative_to(root).parts[0] != "tmp"}


def test_restore_drill(app, make_target, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    article_id = add_drill_article(app)
    with Traffic(app, article_id) as traffic:
        result = runner.invoke(args=["backup", "--to", str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    assert traffic.errors == [] and traffic.done > 20
    assert "Backup written:" in result.output and " s." in result.output
    archive = next((tmp_path / "backups").glob("portal-backup-*.tar.gz"))
    source_rows, source_files = table_rows(app), store_bytes(app)

    target = make_target()
    restored = target.app()
    try:
        result = restored.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 0, result.output
        rows, files = table_rows(restored), store_bytes(restored)
        compare(source_rows, rows)
        assert files == source_files  # every stored file, byte for byte
        serve_the_restored_portal(restored, article_id)
    finally:
        with restored.app_context():
            db.session.remove()
            db.engine.dispose()


def compare(source: dict, restored: dict) -> None:
    """The restored database is the source at the moment of the backup: every table equal,
    except what the requests wrote meanwhile (audit rows of the writer, view counts)."""
    assert set(restored) == set(source)
    for table, (count, rows) in restored.items():
        if table == "audit_events":  # the writer's rows after the backup are not in it
            source_ids = {row[0]: row for row in source[table][1]}
            assert 0 < count < source[table][0]
            assert all(source_ids.get(row[0], row) == row for row in rows)
        elif table == "articles":  # view counts (and with them updated_at) went on
            columns = list(db.metadata.tables["articles"].columns.keys())
            moving = {columns.index("view_count"), columns.index("updated_at")}
            assert count == source[table][0]
            for mine, theirs in zip(rows, source[table][1], strict=True):
                assert [v for i, v in enumerate(mine) if i not in moving] == [
                    v for i, v in enumerate(theirs) if i not in moving]
                assert mine[columns.index("view_count")] <= theirs[columns.index("view_count")]
        else:
            assert (count, rows) == source[table], table


def serve_the_restored_portal(app, article_id: int) -> None:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(f"/news/{article_id}").get_data(as_text=True)
    assert "恢复演练专用文章" in page
    with app.app_context():
        from portal.news.models import Article

        attachment = db.session.get(Article, article_id).attachments[0]
    with client.get(f"/files/{attachment.id}/{attachment.original_name}") as response:
        assert response.status_code == 200 and response.data == ATTACHMENT
    assert client.get("/html/drill.html").headers["Location"] == f"/news/{article_id}"
    assert f"/news/{article_id}\"" in client.get("/search?q=演练").get_data(as_text=True)
    assert client.get("/readyz").status_code == 200
