"""backup, backup --verify and restore: what they refuse, retention, damaged archives,
archives made by an older schema, and the PostgreSQL tools' versions."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from portal.extensions import db
from portal.files.models import StoredFile
from tests.conftest import head_revision

HEAD = head_revision()


@pytest.fixture
def backed_up(app, tmp_path, make_department):
    """A database with a row and a stored file, and its archive."""
    from portal.files.samples import png_image
    from portal.files.services import save_bytes

    make_department(name_zh="备份部")
    with app.app_context():
        save_bytes(None, "图.png", png_image(), ("image",), "article")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    return next((tmp_path / "b").glob("*.tar.gz"))


def rewrite(archive: Path, change) -> Path:
    """A copy of the archive with change(name, data) -> data | None applied to each member."""
    members = []
    with tarfile.open(archive) as tar:
        for info in tar:
            members.append((info.name, tar.extractfile(info).read()))
    out = archive.with_name("changed.tar.gz")
    with tarfile.open(out, "w:gz") as tar:
        for name, data in members:
            data = change(name, data)
            if data is not None:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return out


def test_verify_a_good_archive(app, backed_up):
    result = app.test_cli_runner().invoke(args=["backup", "--verify", str(backed_up)])
    assert result.exit_code == 0, result.output
    assert f"migration {HEAD}); 1 files; every checksum matches." in result.output


def test_a_damaged_file_fails_verify_and_restores_nothing(app, backed_up, make_target):
    damaged = rewrite(backed_up, lambda name, data: data[:-1] + b"x"
                      if name.startswith("files/") else data)
    result = app.test_cli_runner().invoke(args=["backup", "--verify", str(damaged)])
    assert result.exit_code == 1
    assert "does not match its checksum (damaged)" in result.output
    target = make_target()
    restored = target.app()
    result = restored.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert result.exit_code == 1
    assert "is damaged, nothing was restored" in result.output
    assert not target.storage.exists()
    with restored.app_context():
        from portal.operations.databases import database_contents

        assert database_contents() == []
        db.engine.dispose()


@pytest.mark.parametrize("damage, message", [
    (lambda a: a.write_bytes(a.read_bytes()[: len(a.read_bytes()) // 2]), "cannot be read"),
    (lambda a: rewrite(a, lambda n, d: None if n == "manifest.json" else d).replace(a),
     "no manifest.json"),
    (lambda a: rewrite(a, lambda n, d: None if n.startswith("files/") else d).replace(a),
     "is missing"),
])
def test_incomplete_archives_are_named_as_such(app, backed_up, damage, message):
    damage(backed_up)
    result = app.test_cli_runner().invoke(args=["backup", "--verify", str(backed_up)])
    assert result.exit_code == 1 and message in result.output


def test_restore_refuses_a_database_or_store_with_content(app, backed_up):
    result = app.test_cli_runner().invoke(args=["restore", str(backed_up)])
    assert result.exit_code == 1
    assert "Refusing to restore: the database has rows (in departments" in result.output
    assert "the file store" in result.output and "--force" in result.output
    forced = app.test_cli_runner().invoke(args=["restore", "--force", str(backed_up)])
    assert forced.exit_code == 0, forced.output
    with app.app_context():
        from portal.departments.models import Department

        assert db.session.scalars(select(Department.name_zh)).all() == ["备份部"]


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


@pytest.mark.parametrize("field, value, message", [
    ("migration_revision", "z999", "which this version of the portal does not know"),
    ("database", {"dialect": "oracle", "member": "database.sqlite3"}, "holds a oracle database"),
])
def test_restore_refuses_an_archive_it_cannot_use(app, backed_up, make_target, field, value,
                                                   message):
    manifest = manifest_of(backed_up)
    if field == "database":
        value["member"] = manifest["database"]["member"]
    manifest[field] = value
    changed = rewrite(backed_up, lambda name, data: json.dumps(manifest).encode()
                      if name == "manifest.json" else data)
    result = make_target().app().test_cli_runner().invoke(args=["restore", str(changed)])
    assert result.exit_code == 1 and message in result.output


def test_an_archive_of_an_older_schema_is_migrated(make_target, tmp_path):
    older, newer = make_target(), make_target()
    older.make_folder()
    app = older.app()
    with app.app_context():
        upgrade(revision="f001")
        db.engine.dispose()
    result = app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path / "old")])
    assert result.exit_code == 0 and "migration f001" in result.output
    archive = next((tmp_path / "old").glob("*.tar.gz"))
    restored = newer.app()
    result = restored.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert f"schema migrated from f001 to {HEAD}" in result.output
    with restored.app_context():
        from portal.news.models import OldAddress

        assert db.session.scalars(select(OldAddress)).all() == []  # the new table is there
        db.session.remove()
        db.engine.dispose()
    with app.app_context():
        db.engine.dispose()


def test_backup_refuses_a_database_without_the_portal(make_target, tmp_path):
    target = make_target()
    target.make_folder()
    app = target.app()
    result = app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path)])
    assert result.exit_code == 1 and "no portal schema" in result.output
    assert list(tmp_path.glob("*.tar.gz*")) == []
    with app.app_context():
        db.engine.dispose()


def test_keep_removes_all_but_the_newest(app, tmp_path, make_department):
    make_department()
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "portal-backup-19990101T000000Z.tar.gz.part").write_bytes(b"unfinished")
    (folder / "notes.txt").write_text("not ours")
    runner = app.test_cli_runner()
    for _ in range(3):
        assert runner.invoke(args=["backup", "--to", str(folder), "--keep", "2"]).exit_code == 0
    archives = sorted(p.name for p in folder.glob("portal-backup-*.tar.gz"))
    assert len(archives) == 2
    assert (folder / "notes.txt").exists()
    assert (folder / "portal-backup-19990101T000000Z.tar.gz.part").exists()


def test_a_row_without_its_file_is_reported(app, tmp_path, backed_up):
    from portal.files import storage

    with app.app_context():
        sha256 = db.session.scalars(select(StoredFile.sha256)).one()
        storage.blob_path(sha256).unlink()
    result = app.test_cli_runner().invoke(args=["backup", "--to", str(tmp_path / "c")])
    assert result.exit_code == 0
    assert f"warning: a database row points at file {sha256}" in result.output
    archive = next((tmp_path / "c").glob("*.tar.gz"))
    assert manifest_of(archive)["missing_files"] == [sha256]


def fake_tool(folder: Path, name: str, version: str) -> None:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
    os.chmod(script, 0o755)


def test_postgres_tools_must_be_found_and_new_enough(app, tmp_path):
    from portal.operations.databases import OperationsError, pg_tool

    app.config["PG_BIN_DIR"] = str(tmp_path / "bin")
    with app.app_context():
        with pytest.raises(OperationsError, match="pg_dump was not found. Install the "
                                                  "PostgreSQL 15 client"):
            pg_tool("pg_dump", 15)
        fake_tool(tmp_path / "bin", "pg_dump", "13.4")
        with pytest.raises(OperationsError, match="version 13.4 but the server is PostgreSQL "
                                                  "15"):
            pg_tool("pg_dump", 15)
        fake_tool(tmp_path / "bin", "pg_restore", "16.1")
        assert pg_tool("pg_restore", 15).major == 16
