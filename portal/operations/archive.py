"""The backup archive: a .tar.gz of the database dump, the file store and a manifest.

Members: `database.sqlite3` or `database.pgdump`; `files/<path under STORAGE_PATH>` for each
stored file; `manifest.json` last (it lists every other member's SHA-256 and size, which are
computed while the member is written). Reading streams the archive once, hashing each
member, so a check never needs the space to unpack it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

MANIFEST = "manifest.json"
FILES = "files/"
FORMAT = 1
MANIFEST_MAX_BYTES = 256 * 1024 * 1024
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is damaged, incomplete or not a portal backup (the message says which)."""


class _Hashing:
    """A file read through: counts and hashes what tarfile copies into the archive."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


class ArchiveWriter:
    def __init__(self, path: Path):
        self.tar = tarfile.open(path, "w:gz", compresslevel=6)  # noqa: SIM115  (close())
        self.members: dict[str, dict] = {}

    def add_file(self, name: str, path: Path) -> bool:
        """Add a file; False when it vanished before it could be read."""
        try:
            handle = open(path, "rb")  # noqa: SIM115  (closed below)
        except FileNotFoundError:
            return False
        with handle:
            info = tarfile.TarInfo(name)
            stat = os.fstat(handle.fileno())
            info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
            reader = _Hashing(handle)
            self.tar.addfile(info, reader)
        self.members[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}
        return True

    def add_manifest(self, manifest: dict) -> None:
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
        self.tar.addfile(info, io.BytesIO(data))

    def close(self) -> None:
        self.tar.close()


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and "\\" not in name
            and bool(path.parts) and name == path.as_posix())


Target = Callable[[str], BinaryIO | None]


def read_archive(path: Path, target: Target | None = None) -> tuple[dict, dict[str, dict]]:
    """Stream through an archive: (its manifest, {member: {sha256, size}} as read).

    target(name) may give a file to copy each member's bytes into (restoring); None skips.
    Raises ArchiveError on anything but regular files with safe names, or no manifest.
    """
    manifest, seen = None, {}
    try:
        with tarfile.open(path, "r|*") as tar:
            for info in tar:
                if not info.isfile() or not _safe_name(info.name) or info.name in seen:
                    raise ArchiveError(f"unexpected member {info.name!r}: not a portal backup")
                handle = tar.extractfile(info)
                if info.name == MANIFEST:
                    if info.size > MANIFEST_MAX_BYTES:
                        raise ArchiveError("the manifest is implausibly large")
                    manifest = json.loads(handle.read())
                    continue
                seen[info.name] = _copy(handle, target(info.name) if target else None)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise ArchiveError(f"the archive cannot be read to its end ({error})") from error
    if not isinstance(manifest, dict):
        raise ArchiveError("no manifest.json in the archive: not a complete portal backup")
    return manifest, seen


def _copy(handle: BinaryIO, out: BinaryIO | None) -> dict:
    digest, size = hashlib.sha256(), 0
    try:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if out is not None:
                out.write(chunk)
    finally:
        if out is not None:
            out.close()
    return {"sha256": digest.hexdigest(), "size": size}


def problems_with(manifest: dict, seen: dict[str, dict]) -> list[str]:
    """What is wrong with an archive, in plain words ([] when every checksum matches)."""
    if manifest.get("format") != FORMAT:
        return [f"unknown archive format {manifest.get('format')!r} (this portal reads {FORMAT})"]
    listed = manifest.get("members", {})
    problems = []
    for name, expected in sorted(listed.items()):
        actual = seen.get(name)
        if actual is None:
            problems.append(f"{name} is missing")
        elif actual != expected:
            problems.append(f"{name} does not match its checksum (damaged)")
    problems += [f"{name} is not in the manifest" for name in sorted(set(seen) - set(listed))]
    database = manifest.get("database", {}).get("member")
    if database not in listed:
        problems.append("the archive holds no database")
    count = sum(name.startswith(FILES) for name in listed)
    if count != manifest.get("file_count"):
        problems.append(f"the manifest counts {manifest.get('file_count')} files but lists "
                        f"{count}")
    return problems


def verify_archive(path: Path) -> dict:
    """Read the whole archive and check every member against the manifest; the manifest.
    Raises ArchiveError listing the problems."""
    manifest, seen = read_archive(path)
    problems = problems_with(manifest, seen)
    if problems:
        shown = problems[:20] + ([f"… and {len(problems) - 20} more"] if len(problems) > 20
                                 else [])
        raise ArchiveError("; ".join(shown))
    return manifest
