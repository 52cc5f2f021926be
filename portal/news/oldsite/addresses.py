"""Old addresses: recording them on an article, and the 301 a request for one gets.

The lookup runs only in the 404 handler, so pages that exist pay nothing for it. An address
is kept as normalise() gives it (the path, decoded, plus the query when there is one), and a
request is matched on its path with its query first, then on its path alone.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import Flask, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.converters import CONTROL
from portal.database import utcnow
from portal.errors import render_error
from portal.extensions import db
from portal.news.models import Article, OldAddress
from portal.news.services import ArticleRuleBroken, visibility_condition

MAX_LENGTH = 500


class BadOldAddress(ArticleRuleBroken):
    pass


def normalise(address: str) -> str:
    """The stored form of an old address, full URL or path: "/html/2020/0919/123.html",
    "/show.asp?id=5". "" when there is nothing but a host (or nothing)."""
    parts = urlsplit(address.strip())
    path = unquote(parts.path).rstrip("/")
    if not path and not parts.query:
        return ""
    path = "/" + path.lstrip("/")
    return f"{path}?{unquote(parts.query)}" if parts.query else path


def addresses_of(article: Article) -> list[str]:
    if article.id is None:
        return []
    return list(db.session.scalars(select(OldAddress.path).where(
        OldAddress.article_id == article.id).order_by(OldAddress.id)))


def owner_of(path: str) -> int | None:
    """The id of the article an old address (already normalised) leads to, or None."""
    return db.session.scalar(select(OldAddress.article_id).where(OldAddress.path == path))


def set_old_addresses(article: Article, text: str | None) -> list[str]:
    """Make the article's old addresses those of `text` (one per line, URLs or paths).

    Editors call it from the article form, the importer for each imported page. Raises
    BadOldAddress when an address is too long, is the site's root, or already leads to
    another article (the editor decides which article keeps it).
    """
    wanted = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        path = normalise(line)
        if not path:
            raise BadOldAddress(_l("%(address)s is not an address of a page.",
                                   address=line.strip()[:100]))
        if len(path) > MAX_LENGTH:
            raise BadOldAddress(_l("An old address may have at most %(n)s characters.",
                                   n=MAX_LENGTH))
        if path not in wanted:
            wanted.append(path)
    current = {row.path: row for row in db.session.scalars(
        select(OldAddress).where(OldAddress.article_id == article.id))}
    for path, row in current.items():
        if path not in wanted:
            db.session.delete(row)
    for path in wanted:
        if path in current:
            continue
        other = owner_of(path)
        if other is not None:
            raise BadOldAddress(_l("The old address %(address)s already leads to article "
                                   "%(id)s.", address=path[:100], id=other))
        db.session.add(OldAddress(path=path, article_id=article.id, created_at=utcnow()))
    db.session.flush()
    return wanted


def request_candidates() -> list[str]:
    """The stored forms the current request may have: with its query, then without."""
    path = normalise(request.path) or "/"
    query = unquote(request.query_string.decode("utf-8", "replace"))
    return [f"{path}?{query}", path] if query else [path]


def find_redirect() -> str | None:
    """Where the current request's old address leads: the visible article's URL, or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    # Nobody typed a control character into an old address (and PostgreSQL refuses NUL).
    candidates = [c for c in request_candidates() if not CONTROL.search(c)]
    if not candidates:
        return None
    rows = dict(db.session.execute(
        select(OldAddress.path, OldAddress.article_id)
        .join(Article, Article.id == OldAddress.article_id)
        .where(OldAddress.path.in_(candidates), visibility_condition())).all())
    for candidate in candidates:
        if candidate in rows:
            # The old site was Chinese: its addresses lead to the Chinese page, the same
            # answer for every visitor (and so for every cache).
            return url_for("news.detail", article_id=rows[candidate], lang="zh_CN")
    return None


def register_old_address_redirects(app: Flask) -> None:
    """Answer a 404 for a recorded old address with a 301 to its article.

    A handler for the code 404 is chosen before the HTTPException handler of
    portal/errors.py, which answers every other 404 exactly as before.
    """

    @app.errorhandler(404)
    def old_address_or_not_found(error):
        db.session.rollback()
        if request.url_rule is not None and request.url_rule.endpoint == "static":
            return render_error(404)  # a missing asset is never an old article
        target = find_redirect()
        if target is not None:
            return redirect(target, 301)
        return render_error(404)
