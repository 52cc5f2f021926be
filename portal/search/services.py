"""Writing documents into the search index and answering queries.

Features call index_document()/remove_document() from their own services, in the same
transaction as the change (news: portal/news/indexing.py). search() answers the /search page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import bindparam, delete, func, select

from portal.database import utcnow
from portal.errors import PortalError
from portal.extensions import db
from portal.search.backends import REST, TITLE, backend
from portal.search.highlight import highlight, match_pattern
from portal.search.models import AUDIENCES, SearchDocument
from portal.search.tokens import query_phrases

MAX_QUERY_LENGTH = 100
MAX_PHRASES = 12
MAX_RESULTS = 500  # counted and reachable by paging; "more than 500" beyond
PER_PAGE = 10
SNIPPET_LENGTH = 160
KEY_BITS = 20  # documents published in the same second: up to a million


class QueryProblem(PortalError):
    """The query cannot be searched (empty, or too long); the page says why."""

    message = _l("Please type a word or a few characters to search for.")


@dataclass(frozen=True)
class Document:
    """What a feature hands to the index for one language version of one object."""

    kind: str
    object_id: int
    language: str
    title: str
    body: str
    url: str
    published_at: datetime
    audience: str = "public"
    fallback: bool = False
    # "members" documents: the audience tags that may read it (portal/enterprises/audiences.py)
    readers: tuple[str, ...] = ()


@dataclass
class Hit:
    kind: str
    object_id: int
    url: str
    title: Markup
    snippet: Markup
    language: str
    published_at: datetime


@dataclass
class Results:
    query: str
    page: int
    per_page: int
    total: int
    capped: bool  # more matches than MAX_RESULTS
    hits: list[Hit] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def key_range(moment: datetime) -> tuple[int, int]:
    """The sort keys of documents published in the same second as `moment`."""
    base = int(moment.timestamp()) << KEY_BITS
    return base, base + (1 << KEY_BITS) - 1


def _new_sort_key(moment: datetime, taken: dict[int, int] | None = None) -> int:
    low, high = key_range(moment)
    if taken is not None:  # a bulk load keeps its own tally
        taken[low] = taken.get(low, low - 1) + 1
        return taken[low]
    with db.session.no_autoflush:
        last = db.session.scalar(select(func.max(SearchDocument.sort_key)).where(
            SearchDocument.sort_key.between(low, high)))
    return low if last is None else last + 1


def _readers(doc: Document) -> str:
    """The stored readers of a document: a "members" one without any is for every member."""
    if doc.audience != "members":
        return ""
    return " ".join(doc.readers) or "all"


def index_document(doc: Document) -> SearchDocument:
    """Add or replace one document in the index (flushes; the caller commits).

    A document whose published_at lies ahead is kept but not found until that time.
    Raises ValueError for an unknown audience or a naive published_at.
    """
    if doc.audience not in AUDIENCES:
        raise ValueError(f"unknown audience {doc.audience!r}")
    index = backend()
    row = db.session.scalars(select(SearchDocument).filter_by(
        kind=doc.kind, object_id=doc.object_id, language=doc.language)).one_or_none()
    if row is None:
        row = SearchDocument(kind=doc.kind, object_id=doc.object_id, language=doc.language)
    else:
        index.delete(row)  # with the tokens it was written with
    if row.published_at != doc.published_at or row.sort_key is None:
        row.sort_key = _new_sort_key(doc.published_at)
    for name in ("title", "body", "url", "published_at", "audience", "fallback"):
        setattr(row, name, getattr(doc, name))
    row.readers = _readers(doc)
    db.session.add(row)
    db.session.flush()
    index.add(row)
    return row


def remove_document(kind: str, object_id: int, language: str | None = None) -> int:
    """Take an object's documents (one language, or all) out of the index; returns how many."""
    query = select(SearchDocument).filter_by(kind=kind, object_id=object_id)
    if language:
        query = query.filter_by(language=language)
    rows = list(db.session.scalars(query))
    index = backend()
    for row in rows:
        index.delete(row)
        db.session.delete(row)
    db.session.flush()
    return len(rows)


def replace_documents(kind: str, object_id: int, docs: list[Document]) -> None:
    """Make the index hold exactly `docs` for this object (none: it is taken out)."""
    keep = {doc.language for doc in docs}
    for language in db.session.scalars(select(SearchDocument.language).filter_by(
            kind=kind, object_id=object_id)).all():
        if language not in keep:
            remove_document(kind, object_id, language)
    for doc in docs:
        index_document(doc)


def clear_index() -> None:
    index = backend()
    index.clear()
    db.session.execute(delete(SearchDocument))


def add_documents(docs: list[Document], taken: dict[int, int]) -> None:
    """Bulk-add new documents (reindexing): no lookups, keys from the caller's tally."""
    rows = [SearchDocument(kind=d.kind, object_id=d.object_id, language=d.language,
                           title=d.title, body=d.body, url=d.url, published_at=d.published_at,
                           audience=d.audience, fallback=d.fallback, readers=_readers(d),
                           sort_key=_new_sort_key(d.published_at, taken)) for d in docs]
    db.session.add_all(rows)
    db.session.flush()
    backend().add_many(rows)


def parse_query(query: str | None) -> tuple[str, list[list[str]]]:
    """The trimmed query and its phrases; raises QueryProblem when there is nothing to search."""
    query = " ".join((query or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryProblem(_l("Your search is too long. Please use at most %(count)d "
                              "characters.", count=MAX_QUERY_LENGTH))
    phrases = query_phrases(query)
    if not phrases:
        raise QueryProblem()
    if len(phrases) > MAX_PHRASES:
        raise QueryProblem(_l("Your search has too many words. Please use at most %(count)d.",
                              count=MAX_PHRASES))
    return query, phrases


def search(query: str | None, *, language: str, audiences=("public",), page: int = 1,
           per_page: int = PER_PAGE, now: datetime | None = None, readers=None) -> Results:
    """Documents matching every phrase of the query that these readers may see now.

    `readers`: a member's audience tags (portal/enterprises/audiences.py, reader_tags); then
    "members" documents are found only when their readers include one of them, in the
    index query itself (counts and hits alike). None: every document of the audiences.

    Ranked: matches in the title first, then the rest; newest first within each. Only the
    reader's language version is searched; a document without one in their language is
    searched in the language it has. Raises QueryProblem for an empty or overlong query.
    """
    query, phrases = parse_query(query)
    index = backend()
    index.begin_search()
    _, now_key = key_range(now or utcnow())
    scope = (audiences, language, now_key)
    in_title = index.count(phrases, TITLE, *scope, cap=MAX_RESULTS + 1, readers=readers)
    rest = 0
    if in_title <= MAX_RESULTS:
        rest = index.count(phrases, REST, *scope, cap=MAX_RESULTS + 1 - in_title,
                           readers=readers)
    total = min(in_title + rest, MAX_RESULTS)
    results = Results(query=query, page=page, per_page=per_page, total=total,
                      capped=in_title + rest > MAX_RESULTS)
    offset = (page - 1) * per_page
    if offset >= total:
        return results
    keys: list[int] = []
    if offset < in_title:
        keys = index.keys(phrases, TITLE, *scope, limit=per_page, offset=offset,
                          dense=in_title > MAX_RESULTS, readers=readers)
    if len(keys) < per_page:
        keys += index.keys(phrases, REST, *scope, limit=per_page - len(keys),
                           offset=max(0, offset - in_title), readers=readers)
    results.hits = _hits(keys, query)
    return results


_HIT_COLUMNS = (SearchDocument.sort_key, SearchDocument.kind, SearchDocument.object_id,
                SearchDocument.url, SearchDocument.title, SearchDocument.body,
                SearchDocument.language, SearchDocument.published_at)
_hits_statement = select(*_HIT_COLUMNS).where(
    SearchDocument.sort_key.in_(bindparam("keys", expanding=True)))


def _hits(keys: list[int], query: str) -> list[Hit]:
    if not keys:
        return []
    rows = {row.sort_key: row for row in
            db.session.connection().execute(_hits_statement, {"keys": keys})}
    pattern = match_pattern(query)
    return [Hit(kind=row.kind, object_id=row.object_id, url=row.url,
                title=highlight(row.title, pattern),
                snippet=highlight(row.body, pattern, SNIPPET_LENGTH),
                language=row.language, published_at=row.published_at)
            for row in (rows[key] for key in keys if key in rows)]
