"""The public page cache: anonymous GETs of marked views are served from Flask-Caching.

Rules (issue 4, SECURITY.md):
- Only views marked with @cached_page, only GET, only status 200 HTML, only for visitors who
  are not signed in and have no flashed message waiting; a response that sets a cookie of
  its own is not stored.
- The key holds the path and query, the language, the font size, the day (the header shows
  today's date) and the content generation. Publishing, editing, unpublishing … call
  bump_generation(), which retires every stored page at once. A stored page also expires
  when the next scheduled item becomes due (expiry sources below), so a scheduled article
  appears at its time on cached pages too.
- CSRF: every page's chrome holds the language and font-size forms, whose tokens belong to
  the visitor's session. A page is stored with its token replaced by a placeholder, and the
  placeholder is replaced by the current visitor's own token when it is served. The forms
  stay protected as everywhere else; no token ever passes from one visitor to another.

The generation lives in the shared cache when that is Redis (several hosts), and otherwise
in a small file in the instance folder, so that the workers of one host, each with its own
in-process SimpleCache, all see a bump. A request reads it once. A bump happens at once and
again when the transaction commits, so that nothing read by another worker between the
change and its commit outlives it.

content_memo() gives each worker a dict that lives as long as the generation: a place for
what every public page derives from content (the settings record, the page chrome).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import datetime
from importlib import import_module
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.database import utcnow
from portal.extensions import cache
from portal.i18n import SHANGHAI, select_locale

PLACEHOLDER = b"\x00csrf-token\x00"
GENERATION_KEY = "page-cache:generation"
BUMP_ON_COMMIT = "bump_page_cache_generation"  # a flag in Session.info
# Functions returning the next moment cached pages change by themselves (or None).
EXPIRY_SOURCES = ("portal.news.indexing:next_scheduled_change",)


def cached_page(on_hit=None, autocommit=True):
    """Mark a view as cacheable for visitors; on_hit(*view_args, response=…) runs when a page
    is served from the cache (e.g. to count a view of an article, writing after the
    response has gone out). Such a view only reads: on PostgreSQL it reads without a
    transaction (read_without_transaction) unless autocommit is False."""

    def mark(view):
        view.page_cache = {"on_hit": on_hit, "autocommit": autocommit}
        return view

    return mark


def _generation_file() -> Path:
    return Path(current_app.config.get("PAGE_CACHE_GENERATION_FILE")
                or Path(current_app.instance_path) / "page-cache-generation")


def _shared() -> bool:
    return current_app.config.get("CACHE_TYPE") not in ("SimpleCache", "NullCache", None)


def _read_generation() -> str:
    if _shared():
        return str(cache.get(GENERATION_KEY) or "0")
    try:
        with open(_generation_file(), encoding="ascii") as file:
            return file.read()
    except FileNotFoundError:
        return "0"


def generation() -> str:
    """The current content generation (read once per request)."""
    if not has_request_context():
        return _read_generation()
    if "content_generation" not in g:
        g.content_generation = _read_generation()
    return g.content_generation


def _write_generation() -> None:
    token = secrets.token_hex(8)
    if _shared():
        cache.set(GENERATION_KEY, token, timeout=0)
    else:
        path = _generation_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        # One name per writer: threads of one process write at once too.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{token}")
        temporary.write_text(token)
        os.replace(temporary, path)
    if has_request_context():
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


def _timeout() -> int:
    timeout = current_app.config["PAGE_CACHE_TIMEOUT"]
    now = utcnow()
    for name in EXPIRY_SOURCES:
        module, _, function = name.partition(":")
        moment: datetime | None = getattr(import_module(module), function)(now)
        if moment is not None:
            timeout = min(timeout, max(1, int((moment - now).total_seconds()) + 1))
    return timeout


def _key() -> str:
    font = request.cookies.get("font_size", "")
    parts = [generation(), select_locale(), font if font in ("small", "large") else "medium",
             datetime.now(SHANGHAI).date().isoformat(),
             request.path, request.query_string.decode("latin-1")]
    return "page:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def _rule():
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "page_cache", None)


def _cacheable_request() -> bool:
    return (request.method == "GET" and not current_user.is_authenticated
            and "_flashes" not in session)


def serve_from_cache():
    """before_request: answer from the cache, or note the key for store_in_cache()."""
    rule = _rule()
    if rule is None or not current_app.config["PAGE_CACHE_ENABLED"]:
        return None
    if not _cacheable_request():
        g.page_cache_state = "bypass"
        return None
    key = _key()
    stored = cache.get(key)
    if stored is None:
        g.page_cache_key = key
        g.page_cache_state = "miss"
        return None
    body, mimetype = stored
    g.page_cache_state = "hit"
    response = current_app.response_class(
        body.replace(PLACEHOLDER, generate_csrf().encode()), mimetype=mimetype)
    if rule["on_hit"]:
        rule["on_hit"](*request.view_args.values(), response=response)
    return response


def store_in_cache(response):
    """after_request: keep a cacheable page, with its CSRF token made a placeholder."""
    state = g.pop("page_cache_state", None)
    if state is None:
        return response
    response.headers["X-Page-Cache"] = state
    response.vary.update(("Cookie", "Accept-Language"))
    key = g.pop("page_cache_key", None)
    if (key is None or response.status_code != 200 or response.mimetype != "text/html"
            or response.direct_passthrough or "Set-Cookie" in response.headers
            or not _cacheable_request()):
        return response
    body = response.get_data()
    token = g.get("csrf_token")
    if token:
        body = body.replace(token.encode(), PLACEHOLDER)
    cache.set(key, (body, response.mimetype), timeout=_timeout())
    return response


def read_without_transaction():
    """before_request, after serve_from_cache(): a page the cache may serve only reads, so on
    PostgreSQL it reads in autocommit mode. No BEGIN and COMMIT round trips; each statement
    sees the same committed data as it would inside a READ COMMITTED transaction."""
    from portal.extensions import db

    rule = _rule()
    if rule is None or not rule["autocommit"] or db.engine.dialect.name != "postgresql":
        return
    session = db.session()
    if not session.in_transaction():  # (a signed-in user's record was read: it has begun)
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def register_page_cache(app: Flask) -> None:
    app.before_request(serve_from_cache)
    app.before_request(read_without_transaction)
    app.after_request(store_in_cache)
