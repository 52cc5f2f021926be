"""The content generation: a token naming "what the public pages show", bumped by anything
that changes it, and the memos that live as long as it does (portal/pagecache.py puts it in
every public page's validators).

The generation lives in the shared cache when that is Redis (several hosts), and otherwise
in a small file in the instance folder, so that the workers of one host, each with its own
in-process SimpleCache, all see a bump. A request reads it once. A bump happens at once and
again when the transaction commits, so that nothing read by another worker between the
change and its commit outlives it.

content_memo() gives each worker a dict that lives as long as the generation: a place for
what every public page derives from content (the settings record, the page chrome).
"""

from __future__ import annotations

import os
import secrets
import time
from datetime import datetime
from pathlib import Path

from flask import current_app, g, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import cache
from portal.features import next_change

GENERATION_KEY = "page-cache:generation"
BUMP_ON_COMMIT = "bump_page_cache_generation"  # a flag in Session.info


def _generation_file() -> Path:
    path = current_app.extensions.get("page_generation_file")
    if path is None:
        path = current_app.extensions["page_generation_file"] = Path(
            current_app.config.get("PAGE_CACHE_GENERATION_FILE")
            or Path(current_app.instance_path) / "page-cache-generation")
    return path


def _shared() -> bool:
    return current_app.config.get("CACHE_TYPE") not in ("SimpleCache", "NullCache", None)


def _read_generation() -> str:
    if _shared():
        return str(cache.get(GENERATION_KEY) or "0")
    # A bump replaces the file (a new inode): while the file's identity is unchanged, the
    # token read last is still the one in it.
    path = _generation_file()
    try:
        stat = os.stat(path)
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        known = current_app.extensions.get("page_generation_read")
        if known and known[0] == identity:
            return known[1]
        with open(path, encoding="ascii") as file:
            token = file.read()
    except FileNotFoundError:
        return "0"
    current_app.extensions["page_generation_read"] = (identity, token)
    return token


def generation() -> str:
    """The current content generation (read once per request)."""
    if not has_app_context():
        return _read_generation()
    if "content_generation" not in g:
        g.content_generation = _read_generation()
    return g.content_generation


def generation_time(token: str) -> float:
    """When the generation began (seconds since the epoch); 0 for none or an old token."""
    stamp, _, _ = token.partition("-")
    try:
        return int(stamp, 16) / 1000
    except ValueError:
        return 0.0


def _write_generation() -> None:
    # The time first (milliseconds, hex): Last-Modified is read from the token.
    token = f"{int(time.time() * 1000):x}-{secrets.token_hex(6)}"
    if _shared():
        cache.set(GENERATION_KEY, token, timeout=0)
    else:
        path = _generation_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        # One name per writer: threads of one process write at once too.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{token}")
        temporary.write_text(token)
        os.replace(temporary, path)
    if has_app_context():
        g.content_generation = token


def bump_generation() -> None:
    """Retire every cached page and memo (call after any change that public pages show):
    now, and again when the session's transaction commits."""
    from portal.extensions import db

    _write_generation()
    db.session.info[BUMP_ON_COMMIT] = True


@event.listens_for(Session, "after_commit")
def _bump_after_commit(session) -> None:
    if session.info.pop(BUMP_ON_COMMIT, False):
        _write_generation()


@event.listens_for(Session, "after_rollback")
def _forget_bump(session) -> None:
    session.info.pop(BUMP_ON_COMMIT, None)


def content_memo(name: str) -> dict:
    """A dict of this worker's for values derived from content, emptied on every bump."""
    memos = current_app.extensions.setdefault("content_memos", {})
    current = generation()
    if memos.get(None) != current:
        memos.clear()
        memos[None] = current
    return memos.setdefault(name, {})


def next_change_due(now: datetime) -> datetime | None:
    """The next moment some public page changes by itself, asked once per generation and
    worker. When it has come, the content changed without anyone saving: bump."""
    memo = content_memo("page_cache")
    if "next_change" not in memo:
        memo["next_change"] = next_change(now)
    moment = memo["next_change"]
    if moment is not None and moment <= now:
        _write_generation()
        memo = content_memo("page_cache")
        moment = memo["next_change"] = next_change(now)
    return moment
