"""`flask --app portal backup`: the database and the file store in one verified archive.

The database is dumped first, then the file store is read. Stored files are never changed
once written (portal/files/storage.py names them by their SHA-256), so every file a row of
the dump points at is already on disk; files saved after the dump come along as harmless
extras. The archive is written under a .part name and renamed when complete, so a backup
that dies midway never looks like a finished one, and --keep never counts it.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from flask import current_app

from portal.database import utcnow
from portal.files.services import storage_root
from portal.operations.archive import FILES, FORMAT, ArchiveWriter
from portal.operations.databases import OperationsError, dump_database

PREFIX = "portal-backup-"
SUFFIX = ".tar.gz"


@dataclass
class BackupResult:
    path: Path
    size: int
    seconds: float
    file_count: int
    revision: str
    missing: list[str] = field(default_factory=list)  # files rows point at, not on disk
    removed: list[Path] = field(default_factory=list)  # older archives beyond --keep


def default_folder() -> Path:
    configured = current_app.config.get("BACKUP_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "backups"


def store_files():
    """(name under the store, path) of every file in the file store but its temporary
    uploads, in a stable order."""
    root = storage_root()
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] != "tmp" and path.is_file() and not path.is_symlink():
            yield relative.as_posix(), path


def portal_version() -> str:
    try:
        return metadata.version("portal")
    except metadata.PackageNotFoundError:
        return "unknown"


def make_backup(folder: Path | None = None, keep: int | None = None) -> BackupResult:
    """Write a new archive into folder (default instance/backups, or BACKUP_DIR); then,
    with keep, remove all but the newest `keep` archives there. Safe while serving."""
    started = time.monotonic()
    folder = Path(folder) if folder else default_folder()
    folder.mkdir(parents=True, exist_ok=True)
    now = utcnow()
    target = _free_name(folder, f"{PREFIX}{now:%Y%m%dT%H%M%SZ}")
    part = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(dir=folder, prefix=".portal-backup-") as staging:
        dump = dump_database(Path(staging))
        if not dump.revision:
            raise OperationsError("The database has no portal schema (no migration revision): "
                                  "is PORTAL_DATABASE_URL the portal's database?")
        writer = ArchiveWriter(part)
        try:
            writer.add_file(dump.member, dump.path)
            dump.path.unlink()  # its space is needed less than the archive's
            on_disk = set()
            for name, path in store_files():
                if writer.add_file(FILES + name, path):
                    on_disk.add(path.name)
            missing = sorted(dump.file_hashes - on_disk)
            writer.add_manifest({
                "format": FORMAT, "portal_version": portal_version(),
                "created_at": now.isoformat(timespec="seconds"),
                "migration_revision": dump.revision,
                "database": {"dialect": dump.dialect, "member": dump.member, "tool": dump.tool},
                "file_count": sum(n.startswith(FILES) for n in writer.members),
                "missing_files": missing,
                "members": writer.members,
            })
            writer.close()
        except BaseException:
            writer.close()
            part.unlink(missing_ok=True)
            raise
    part.replace(target)
    removed = prune(folder, keep) if keep else []
    return BackupResult(target, target.stat().st_size, time.monotonic() - started,
                        sum(n.startswith(FILES) for n in writer.members), dump.revision,
                        missing, removed)


def _free_name(folder: Path, stem: str) -> Path:
    path, n = folder / f"{stem}{SUFFIX}", 1
    while path.exists() or path.with_name(path.name + ".part").exists():
        n += 1
        path = folder / f"{stem}-{n}{SUFFIX}"
    return path


def archives_in(folder: Path) -> list[Path]:
    """The finished archives in folder, oldest first."""
    found = [p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def prune(folder: Path, keep: int) -> list[Path]:
    old = archives_in(folder)[:-keep]
    for path in old:
        path.unlink(missing_ok=True)
    return old
