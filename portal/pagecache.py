"""Anonymous public pages as HTTP resources: validators, Cache-Control, 304 answers, and the
in-process page cache for deployments without a caching proxy in front.

Rules:
- Only views marked with @cached_page, only GET and HEAD, and only requests that carry no
  session or remember-me cookie: such a request is nobody's, so its answer is the same
  bytes for every visitor of the address (the language is in the address). A request with
  one of those cookies (a signed-in user, a flashed message, a form's token) gets the page
  made for it, `private, no-store`, and is never stored.
- The content generation names "what the public pages show": anything they show calls
  bump_generation() when it changes (saving settings, a category, any article change the
  public sees), and the first request after a scheduled change comes due bumps it too.
- A page's ETag is a digest of the release (the code, templates, translations and static
  files this process serves), the generation, the day in Beijing (the header shows today's
  date), the address and the view's variant; Last-Modified is the later of the
  generation's time and the start of the day. If-None-Match (or, without it,
  If-Modified-Since) is answered 304 before the view runs.
- Cache-Control: a short max-age for browsers, a longer s-maxage and stale-while-revalidate
  for shared caches, none of them reaching past midnight or the next scheduled change.
  X-Accel-Expires tells the nginx in front (deploy/nginx/portal.conf) to revalidate after
  PAGE_PROXY_MAX_AGE seconds, so a change shows there at once while nginx answers nearly
  every request from its own cache; nginx does not pass it on.
- With PAGE_CACHE_ENABLED, bodies are kept in Flask-Caching under the same digest, so the
  portal serves repeated pages without rendering when nothing stands in front of it.

The generation lives in the shared cache when that is Redis (several hosts), and otherwise
in a small file in the instance folder, so that the workers of one host, each with its own
in-process SimpleCache, all see a bump. A request reads it once. A bump happens at once and
again when the transaction commits, so that nothing read by another worker between the
change and its commit outlives it.

content_memo() gives each worker a dict that lives as long as the generation: a place for
what every public page derives from content (the settings record, the page chrome).
"""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import cache
from portal.features import next_change
from portal.i18n import SHANGHAI

GENERATION_KEY = "page-cache:generation"
BUMP_ON_COMMIT = "bump_page_cache_generation"  # a flag in Session.info
CACHEABLE_METHODS = ("GET", "HEAD")


def cached_page(on_hit=None, autocommit=True, variant=None):
    """Mark a view as a public page, the same for every visitor of its address.

    on_hit(*view_args, response=…) runs when the page is answered without the view (from
    the page cache, or 304), e.g. to count a view of an article. variant(): for a view
    whose answer depends on more than its address (the home page at / redirects English
    browsers), a short string naming which answer this request gets. Such a view only
    reads: on PostgreSQL it reads without a transaction (read_without_transaction) unless
    autocommit is False."""

    def mark(view):
        view.page_cache = {"on_hit": on_hit, "autocommit": autocommit, "variant": variant}
        return view

    return mark


# The generation -----------------------------------------------------------------------------

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


def _next_change(now: datetime) -> datetime | None:
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


# Validators and headers ---------------------------------------------------------------------

def release() -> str:
    return current_app.extensions["page_release"]


@functools.cache
def release_digest(root: Path) -> str:
    """A digest of what shapes a page besides the content: the code, templates, translations
    and static files. The same on every worker and host that runs the same release, and new
    after a deploy, so no cache keeps a page of the old templates."""
    digest = hashlib.sha1()
    for folder, patterns in (("portal", ("*.py",)), ("templates", ("*",)),
                             ("translations", ("*.mo",)), ("static", ("*",))):
        base = root / folder
        files = sorted(path for pattern in patterns for path in base.rglob(pattern)
                       if path.is_file() and "__pycache__" not in path.parts)
        for path in files:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Validators:
    """What one request's page is known by, worked out before the view runs."""

    def __init__(self, rule: dict):
        now = datetime.now(UTC)
        local_day = now.astimezone(SHANGHAI).date()
        midnight = datetime.combine(local_day, datetime.min.time(), SHANGHAI)
        variant = rule["variant"]() if rule["variant"] else ""
        self.variant = variant
        due = _next_change(now)  # first: a change that has come due bumps the generation
        token = generation()
        parts = [release(), token, local_day.isoformat(), variant, request.path,
                 request.query_string.decode("latin-1")]
        self.key = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()
        self.etag = f'"{self.key[:20]}"'
        modified = max(generation_time(token), midnight.timestamp())
        self.last_modified = datetime.fromtimestamp(int(modified), UTC)
        limit = midnight + timedelta(days=1)
        if due is not None:
            limit = min(limit, due)
        self.seconds_left = max(1, int((limit - now).total_seconds()))

    def matches(self) -> bool:
        """The request's validators show it holds this page (RFC 9110: If-None-Match
        decides when present)."""
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return self.etag in tags or "*" in tags
        since = request.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= self.last_modified
            except (TypeError, ValueError):
                return False
        return False

    def apply(self, response) -> None:
        config = current_app.config
        left = self.seconds_left
        response.headers["Cache-Control"] = (
            f"public, max-age={min(config['PAGE_MAX_AGE'], left)}, "
            f"s-maxage={min(config['PAGE_SHARED_MAX_AGE'], left)}, "
            f"stale-while-revalidate={config['PAGE_STALE_WHILE_REVALIDATE']}")
        response.headers["X-Accel-Expires"] = str(min(config["PAGE_PROXY_MAX_AGE"], left))
        response.headers["ETag"] = self.etag
        response.headers["Last-Modified"] = format_datetime(self.last_modified, usegmt=True)
        # A browser that signs in must not reuse the page it got as a visitor.
        response.vary.add("Cookie")
        if self.variant:
            response.vary.add("Accept-Language")


# Requests -----------------------------------------------------------------------------------

def _rule():
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "page_cache", None)


def anonymous_request() -> bool:
    """No session or remember-me cookie: the request is nobody's (nginx decides alike)."""
    config = current_app.config
    cookies = request.cookies
    return (config["SESSION_COOKIE_NAME"] not in cookies
            and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies)


def _not_modified(validators: Validators, rule: dict):
    response = current_app.response_class(status=304)
    validators.apply(response)
    g.page_cache_state = "not-modified"
    if rule["on_hit"]:
        rule["on_hit"](*request.view_args.values(), response=response)
    return response


def serve_public_page():
    """before_request: 304 when the visitor holds the page, the stored page when there is
    one, else note what after_request needs."""
    rule = _rule()
    if rule is None:
        return None
    if request.method not in CACHEABLE_METHODS or not anonymous_request():
        g.page_cache_state = "bypass"
        return None
    validators = g.page_validators = Validators(rule)
    if validators.matches():
        return _not_modified(validators, rule)
    if not current_app.config["PAGE_CACHE_ENABLED"]:
        g.page_cache_state = "off"
        return None
    stored = cache.get("page:" + validators.key)
    if stored is None:
        g.page_cache_state = "miss"
        return None
    body, mimetype, status = stored
    g.page_cache_state = "hit"
    response = current_app.response_class(body, status=status, mimetype=mimetype)
    validators.apply(response)
    if rule["on_hit"]:
        rule["on_hit"](*request.view_args.values(), response=response)
    return response


def finish_public_page(response):
    """after_request: validators and Cache-Control on a visitor's page, which is stored
    when the cache is on; `private, no-store` on the same page made for someone."""
    state = g.pop("page_cache_state", None)
    if state is None:
        return response
    response.headers["X-Page-Cache"] = state
    if state == "bypass":
        response.headers["Cache-Control"] = "private, no-store"
        response.vary.add("Cookie")
        return response
    validators = g.pop("page_validators", None)
    if (validators is None or state in ("hit", "not-modified")
            or response.status_code not in (200, 301) or response.direct_passthrough
            or "Set-Cookie" in response.headers):
        if state not in ("hit", "not-modified"):
            response.headers["Cache-Control"] = "no-cache"
        return response
    validators.apply(response)
    if state == "miss":
        cache.set("page:" + validators.key,
                  (response.get_data(), response.mimetype, response.status_code),
                  timeout=min(current_app.config["PAGE_CACHE_TIMEOUT"],
                              validators.seconds_left))
    return response


def read_without_transaction():
    """before_request, after serve_public_page(): a public page only reads, so on
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
    app.extensions["page_release"] = release_digest(Path(app.root_path).parent)
    # First of all hooks: a visitor's cached page or 304 needs nothing the others do (they
    # look at the signed-in user, forms and posts, and an anonymous GET has none).
    app.before_request_funcs.setdefault(None, []).insert(0, serve_public_page)
    app.before_request(read_without_transaction)
    app.after_request(finish_public_page)
