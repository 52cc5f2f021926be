"""Import files waiting for their confirmation in the staff screen, under the storage folder.

Named by a random token that only the uploading admin's session knows; stale ones are dropped.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app

PENDING_LIFETIME = 24 * 3600  # seconds an uploaded file waits for its confirmation
TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")


def _pending_folder() -> Path:
    root = current_app.config.get("STORAGE_PATH") or Path(current_app.instance_path) / "files"
    return Path(root) / "imports"


def save_pending(data: bytes, suffix: str) -> str:
    """Keep an uploaded file until it is confirmed; returns its token. Drops stale ones."""
    folder = _pending_folder()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - PENDING_LIFETIME
    for old in folder.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (folder / f"{token}{suffix}").write_bytes(data)
    return token


def _pending_path(token: str, suffix: str) -> Path | None:
    if not TOKEN_PATTERN.fullmatch(token or "") or suffix not in (".csv", ".xlsx"):
        return None
    path = _pending_folder() / f"{token}{suffix}"
    return path if path.is_file() else None


def load_pending(token: str, suffix: str) -> bytes | None:
    path = _pending_path(token, suffix)
    return path.read_bytes() if path else None


def drop_pending(token: str, suffix: str) -> None:
    path = _pending_path(token, suffix)
    if path:
        path.unlink(missing_ok=True)
