"""What an anonymous public page is known by (portal/pagecache.py): its validators (ETag,
Last-Modified), worked out before the view runs from the release, the content generation,
the day in Beijing, the address and the view's variant, and the Cache-Control and
X-Accel-Expires that keep caches from holding it past midnight or the next scheduled
change.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from flask import current_app, request

from portal.dates import SHANGHAI
from portal.generation import generation, generation_time, next_change_due


def release() -> str:
    return current_app.extensions["page_release"]


@functools.cache
def release_digest(root: Path) -> str:
    """A digest of what shapes a page besides the content: the code, templates, translations
    and static files. The same on every worker and host that runs the same release, and new
    after a deploy, so no cache keeps a page of the old templates."""
    digest = hashlib.sha1()
    for folder, patterns in (("portal", ("*.py", "*.toml")), ("templates", ("*",)),
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
        due = next_change_due(now)  # first: a change that has come due bumps the generation
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

    def headers(self) -> list[tuple[str, str]]:
        """The headers that name and date this page, and how long caches may keep it."""
        config = current_app.config
        left = self.seconds_left
        return [
            ("Cache-Control", f"public, max-age={min(config['PAGE_MAX_AGE'], left)}, "
                              f"s-maxage={min(config['PAGE_SHARED_MAX_AGE'], left)}, "
                              f"stale-while-revalidate={config['PAGE_STALE_WHILE_REVALIDATE']}"),
            ("X-Accel-Expires", str(min(config["PAGE_PROXY_MAX_AGE"], left))),
            ("ETag", self.etag),
            ("Last-Modified", format_datetime(self.last_modified, usegmt=True)),
        ]

    def vary(self) -> tuple[str, ...]:
        # A browser that signs in must not reuse the page it got as a visitor.
        return ("Cookie", "Accept-Language") if self.variant else ("Cookie",)

    def apply(self, response) -> None:
        for name, value in self.headers():
            response.headers[name] = value
        response.vary.update(self.vary())
