"""A second, empty database and file store to restore into: a new SQLite file in a folder
that does not exist yet, or a new PostgreSQL database beside the test one (dropped after)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app

_numbers = itertools.count(1)


@dataclass
class Target:
    url: str
    storage: Path

    def app(self):
        return create_app({"SQLALCHEMY_DATABASE_URI": self.url, "STORAGE_PATH": str(self.storage)})

    def make_folder(self) -> None:
        """For a SQLite file the portal itself creates (restore makes its own)."""
        if self.url.startswith("sqlite"):
            Path(make_url(self.url).database).parent.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def make_target(database_url, tmp_path):
    """make_target() -> Target: an empty database and file store, removed after the test."""
    created = []

    def make() -> Target:
        n = next(_numbers)
        if not database_url.startswith("postgresql"):
            return Target(f"sqlite:///{tmp_path / f'restored{n}' / 'portal.db'}",
                          tmp_path / f"restored{n}-files")
        url = make_url(database_url)
        name = f"{url.database}_restore{n}"
        _admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
               f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
               "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        created.append(name)
        return Target(url.set(database=name).render_as_string(hide_password=False),
                      tmp_path / f"restored{n}-files")

    yield make
    for name in created:
        _admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(database_url: str, *statements: str) -> None:
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()
