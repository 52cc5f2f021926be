"""/search: the public search page (signed-in members also search what only members may read)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from portal.enterprises.services import reader_tags
from portal.i18n import current_language, language_route
from portal.pagecache import cached_page
from portal.search.services import (
    MAX_QUERY_LENGTH,
    MAX_RESULTS,
    PER_PAGE,
    QueryProblem,
    describe_hits,
    search,
)

bp = Blueprint("search", __name__)

LAST_PAGE = MAX_RESULTS // PER_PAGE


def audiences_for(user) -> tuple[str, ...]:
    if user.is_authenticated and (user.is_member or user.is_staff):
        return ("public", "members")
    return ("public",)


def readers_for(user) -> tuple[str, ...] | None:
    """A member reads the member documents of their enterprise's audiences only; staff (and
    visitors, who get no member documents at all) are not narrowed."""
    if user.is_authenticated and user.is_member and user.enterprise is not None:
        return reader_tags(user.enterprise)
    return None


@language_route(bp, "/search")
# Visitors only (public results); the query string is part of the key. In a transaction:
# PostgresIndex.begin_search() sets how its statements are planned, for the transaction.
@cached_page(autocommit=False)
def index():
    query = request.args.get("q")
    page = min(max(request.args.get("page", 1, type=int), 1), LAST_PAGE)
    results = problem = None
    if query is not None:
        try:
            results = search(query, language=current_language(), page=page,
                             audiences=audiences_for(current_user),
                             readers=readers_for(current_user))
            describe_hits(results.hits, current_language())
        except QueryProblem as error:
            problem = error.message
    return render_template("search/index.html", query=(query or "")[:MAX_QUERY_LENGTH],
                           results=results, problem=problem, max_length=MAX_QUERY_LENGTH)
