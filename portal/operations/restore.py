"""`flask --app portal restore ARCHIVE`: a backup back into an empty database and file store.

In order: every checksum is checked (nothing is touched when one fails); the database and
the file store must be empty unless --force; the archive is unpacked into a folder beside
the file store and checked again as it is; the files are moved into place, the database is
loaded, and the migrations bring its schema up to this version of the portal. Stop the
portal (its workers and the mail sender) while restoring.
"""

from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from portal.files.services import storage_root
from portal.operations.archive import (
    FILES,
    ArchiveError,
    problems_with,
    read_archive,
    verify_archive,
)
from portal.operations.backup import store_files
from portal.operations.databases import (
    OperationsError,
    database_contents,
    dialect,
    load_database,
)


class RestoreRefused(OperationsError):
    pass


@dataclass
class RestoreResult:
    manifest: dict
    file_count: int
    revision_before: str  # the archive's
    revision_after: str  # after the migrations


def restore_archive(path: Path, force: bool = False) -> RestoreResult:
    """Restore an archive made by `backup`. Raises ArchiveError (damaged archive),
    RestoreRefused (not empty, another database kind, a newer portal), OperationsError."""
    manifest = verify_archive(path)
    _check_compatible(manifest)
    if not force:
        _check_empty()
    root = storage_root()
    staging = root / "tmp" / f"restore-{secrets.token_hex(4)}"
    staging.mkdir(parents=True)
    try:
        def target(name: str):
            out = staging / name
            out.parent.mkdir(parents=True, exist_ok=True)
            return open(out, "wb")  # noqa: SIM115  (closed by read_archive)

        again, seen = read_archive(path, target)
        problems = problems_with(again, seen)
        if problems or again != manifest:
            raise ArchiveError("the archive changed while it was read: "
                               + "; ".join(problems[:5]))
        names = [n for n in manifest["members"] if n.startswith(FILES)]
        for name in names:
            destination = root / name[len(FILES):]
            destination.parent.mkdir(parents=True, exist_ok=True)
            (staging / name).replace(destination)
        database = manifest["database"]
        load_database(staging / database["member"], database.get("tool", ""))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    after = _upgrade()
    _retire_cached_pages()
    return RestoreResult(manifest, len(names), manifest.get("migration_revision", ""), after)


def _check_compatible(manifest: dict) -> None:
    kind = manifest["database"].get("dialect")
    if kind != dialect():
        raise RestoreRefused(
            f"The archive holds a {kind} database but the portal is configured for "
            f"{dialect()}: restore it into a portal set up like the one that made it.")
    revision = manifest.get("migration_revision")
    if revision and revision not in _known_revisions():
        raise RestoreRefused(
            f"The archive's database is at migration {revision}, which this version of the "
            f"portal does not know: it was made by a newer portal. Restore it with that "
            f"version (the manifest says {manifest.get('portal_version')}).")


def _check_empty() -> None:
    tables = database_contents()
    files = next(store_files(), None)
    found = []
    if tables:
        found.append("the database has rows (in " + ", ".join(tables[:5])
                     + (", …" if len(tables) > 5 else "") + ")")
    if files is not None:
        found.append(f"the file store {storage_root()} has files")
    if found:
        raise RestoreRefused(
            "Refusing to restore: " + " and ".join(found) + ". Restore into an empty "
            "database and file store, or give --force to replace what is there.")


def _migrate_config():
    return current_app.extensions["migrate"].migrate.get_config()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_migrate_config())
    return {revision.revision for revision in script.walk_revisions()}


def _upgrade() -> str:
    from alembic.migration import MigrationContext
    from flask_migrate import upgrade

    from portal.extensions import db

    upgrade()
    with db.engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(heads)


def _retire_cached_pages() -> None:
    """Pages cached before the restore (Redis, or the workers' memory) show other content."""
    from portal.extensions import db
    from portal.generation import bump_generation

    bump_generation()
    db.session.commit()
