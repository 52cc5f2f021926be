"""Dumping and loading the whole database: SQLite's online backup API, or pg_dump/pg_restore.

Both dumps are consistent snapshots taken while the portal serves: SQLite copies the
database in one backup step inside a read transaction (WAL: writers carry on); pg_dump
reads an exported snapshot, in which the dump also reads the migration revision and the
files the rows point at. Never a file copy of a live SQLite database (its WAL would be
left behind).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, select, text

from portal.extensions import db

MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class OperationsError(Exception):
    """Something an operator must fix; the message says what, in plain words."""


@dataclass
class Dump:
    dialect: str
    member: str  # its name in the archive
    path: Path
    revision: str = ""  # the Alembic revision of the dumped schema
    tool: str = ""  # what made it, e.g. "sqlite 3.40.1", "pg_dump 15.20"
    file_hashes: set[str] = field(default_factory=set)  # stored_files.sha256 in the dump


def dialect() -> str:
    name = db.engine.dialect.name
    if name not in MEMBERS:
        raise OperationsError(f"Backups support SQLite and PostgreSQL, not {name}.")
    return name


def dump_database(folder: Path) -> Dump:
    """Write a consistent copy of the whole database into folder."""
    name = dialect()
    dump = Dump(name, MEMBERS[name], folder / MEMBERS[name])
    (_dump_sqlite if name == "sqlite" else _dump_postgres)(dump)
    return dump


def _dump_sqlite(dump: Dump) -> None:
    raw = db.engine.raw_connection()
    try:
        target = sqlite3.connect(dump.path)
        try:
            # pages=-1: one step, so a write elsewhere cannot restart the copy midway.
            raw.driver_connection.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            dump.revision = _first(target, "SELECT version_num FROM alembic_version")
            dump.file_hashes = set(_column(target, "SELECT sha256 FROM stored_files"))
        finally:
            target.close()
    finally:
        raw.close()
    dump.tool = f"sqlite {sqlite3.sqlite_version}"


def _first(connection: sqlite3.Connection, sql: str) -> str:
    values = _column(connection, sql)
    return values[0] if values else ""


def _column(connection: sqlite3.Connection, sql: str) -> list[str]:
    try:
        return [row[0] for row in connection.execute(sql)]
    except sqlite3.OperationalError:  # no such table: an empty database
        return []


def _dump_postgres(dump: Dump) -> None:
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            major = conn.execute(text("SHOW server_version_num")).scalar_one()
            pg_dump = pg_tool("pg_dump", int(major) // 10000)
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" in tables:
                dump.revision = conn.execute(
                    text("SELECT version_num FROM alembic_version")).scalar() or ""
            if "stored_files" in tables:
                dump.file_hashes = set(conn.execute(
                    text("SELECT sha256 FROM stored_files")).scalars())
            # The snapshot lives as long as this transaction: pg_dump runs inside it.
            url, env = libpq_address()
            _run([pg_dump.path, "--format=custom", f"--snapshot={snapshot}",
                  f"--file={dump.path}", f"--dbname={url}"], env)
    dump.tool = f"pg_dump {pg_dump.version}"


def database_contents() -> list[str]:
    """The portal's tables that hold rows ([] for an empty or new database)."""
    _make_sqlite_folder()
    existing = set(inspect(db.engine).get_table_names())
    full = []
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            if table.name in existing and conn.execute(
                    select(text("1")).select_from(table).limit(1)).first() is not None:
                full.append(table.name)
    return full


def load_database(path: Path, dump_tool: str) -> None:
    """Replace the database's contents with a dump (the caller checked it may)."""
    if dialect() == "sqlite":
        _load_sqlite(path)
    else:
        _load_postgres(path, dump_tool)


def _make_sqlite_folder() -> None:
    """A new SQLite database is a file in a folder that may not exist yet."""
    database = db.engine.url.database
    if db.engine.dialect.name == "sqlite" and database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _load_sqlite(path: Path) -> None:
    db.engine.dispose()
    _make_sqlite_folder()
    source = sqlite3.connect(path)
    raw = db.engine.raw_connection()
    try:
        source.backup(raw.driver_connection, pages=-1)
    finally:
        raw.close()
        source.close()
        db.engine.dispose()


def _load_postgres(path: Path, dump_tool: str) -> None:
    with db.engine.connect() as conn:
        major = int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    pg_restore = pg_tool("pg_restore", major)
    made_by = re.search(r"(\d+)", dump_tool.split(" ", 1)[-1])
    if made_by and int(made_by.group(1)) > pg_restore.major:
        raise OperationsError(
            f"The dump was made by {dump_tool}; pg_restore {pg_restore.version} cannot read "
            f"it. Install the PostgreSQL {made_by.group(1)} client, or set PORTAL_PG_BIN_DIR.")
    with db.engine.begin() as conn:  # what the dump will create again
        dropped = inspect(conn).get_table_names()
        for name in dropped:
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    db.engine.dispose()
    url, env = libpq_address()
    try:
        _run([pg_restore.path, "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", f"--dbname={url}", str(path)], env)
    except OperationsError as error:
        if dropped:  # pg_restore's own transaction is undone, the drop above is not
            raise OperationsError(f"{error}. The database's tables were removed before the "
                                  "restore: it is empty now; restore an archive into it "
                                  "again.") from error
        raise
    with db.engine.connect() as conn:  # pg_restore leaves the planner without statistics
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


# PostgreSQL's client tools --------------------------------------------------------------------

@dataclass
class Tool:
    path: str
    version: str
    major: int


def pg_tool(name: str, server_major: int) -> Tool:
    """pg_dump or pg_restore, no older than the server: PG_BIN_DIR when set, else Debian's
    folder for the server's version, else the PATH. Raises OperationsError."""
    configured = current_app.config.get("PG_BIN_DIR")
    debian = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    if configured:
        path = str(Path(configured) / name)
    elif debian.exists():
        path = str(debian)
    else:
        path = shutil.which(name) or ""
    if not path or not Path(path).exists():
        raise OperationsError(
            f"{name} was not found. Install the PostgreSQL {server_major} client (Debian: "
            f"apt-get install postgresql-client-{server_major}) or set PORTAL_PG_BIN_DIR.")
    output = subprocess.run([path, "--version"], capture_output=True, text=True,
                            check=False).stdout
    found = re.search(r"(\d+)(?:\.(\d+))?", output)
    if not found:
        raise OperationsError(f"{path} --version said {output.strip()!r}: not a {name}.")
    tool = Tool(path, found.group(0), int(found.group(1)))
    if tool.major < server_major:
        raise OperationsError(
            f"{path} is version {tool.version} but the server is PostgreSQL {server_major}: "
            f"{name} must be at least as new as the server. Install "
            f"postgresql-client-{server_major}, or set PORTAL_PG_BIN_DIR to its bin folder.")
    return tool


def libpq_address() -> tuple[str, dict]:
    """The database's address for libpq tools, and an environment carrying its password
    (PGPASSWORD, so that it never shows in a process list)."""
    url = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise OperationsError(f"{tool} failed ({result.returncode}): "
                              + (result.stderr.strip() or result.stdout.strip())[-2000:])
