"""Where file bytes live: STORAGE_PATH (default instance/files), one blob per SHA-256.

Blobs sit at <root>/<aa>/<bb>/<sha256>, outside static/, and are only reached by database
id through the download view. Uploads are written under <root>/tmp first.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app


def storage_root() -> Path:
    configured = current_app.config.get("STORAGE_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "files"


def temp_dir() -> Path:
    path = storage_root() / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


def blob_path(sha256: str) -> Path:
    if len(sha256) != 64 or any(ch not in "0123456789abcdef" for ch in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return storage_root() / sha256[:2] / sha256[2:4] / sha256


def move_into_place(temp: Path, sha256: str) -> Path:
    """Move a validated temporary file to its blob path (a blob already there is kept)."""
    target = blob_path(sha256)
    if target.exists():
        temp.unlink(missing_ok=True)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temp, target)
    return target


def iter_blobs():
    """(sha256, path) of every blob on disk."""
    root = storage_root()
    if not root.exists():
        return
    for first in sorted(root.iterdir()):
        if len(first.name) != 2 or not first.is_dir():
            continue
        for path in sorted(first.glob("??/*")):
            if path.is_file() and len(path.name) == 64:
                yield path.name, path
