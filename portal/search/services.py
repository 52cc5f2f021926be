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
from sqlalchemy import bindparam, delete, select

from portal.database import utcnow
from portal.errors import PortalError
from portal.extensions import db
from portal.i18n import DEFAULT_LANGUAGE
from portal.search.backends import REST, TITLE, backend
from portal.search.highlight import highlight, match_pattern
from portal.search.models import AUDIENCES, SearchDocument
from portal.search.tokens import query_phrases

MAX_QUERY_LENGTH = 100
MAX_PHRASES = 12
MAX_RESULTS = 500  # counted and reachable by paging; "more than 500" beyond
PER_PAGE = 10
SNIPPET_LENGTH = 160
KEY_BITS = 20  # a sort key's low bits (sort_key())
KEY_MASK = (1 << KEY_BITS) - 1


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
    url: str  # the page's plain address; the search page puts it in the right language
    title: Markup
    snippet: Markup
    language: str
    published_at: datetime
    fallback: bool = False  # the object's only version: read on the reader's own site
    category: str = ""  # the section the object belongs to, in the reader's language

    def page_language(self, reader: str) -> str:
        """The site language the result opens in: the text's own, unless it is the only
        version (then the reader's, which shows it with a note)."""
        return reader if self.fallback else self.language


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
    return base, base + KEY_MASK


def sort_key(moment: datetime, document_id: int) -> int:
    """The publishing second, then the low bits of the document's own id: ordered like
    published_at, and never the same for two documents written at the same moment (their ids
    come from one sequence; two documents of one second share a key only if their ids are
    2**KEY_BITS apart). Keys are never derived from max()+1, which concurrent writers share."""
    return key_range(moment)[0] | (document_id & KEY_MASK)


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
    if doc.fallback and doc.language != DEFAULT_LANGUAGE:
        raise ValueError("only the default language's version can be an object's only one")
    index = backend()
    row = db.session.scalars(select(SearchDocument).filter_by(
        kind=doc.kind, object_id=doc.object_id, language=doc.language)).one_or_none()
    if row is None:
        row = SearchDocument(id=index.reserve_ids(1)[0], kind=doc.kind, object_id=doc.object_id,
                             language=doc.language)
    else:
        index.delete(row)  # with the tokens it was written with
    if row.published_at != doc.published_at or row.sort_key is None:
        row.sort_key = sort_key(doc.published_at, row.id)
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


def add_documents(docs: list[Document]) -> None:
    """Bulk-add new documents (reindexing): no lookups, ids reserved in one statement."""
    ids = backend().reserve_ids(len(docs))
    rows = [SearchDocument(id=id_, kind=d.kind, object_id=d.object_id, language=d.language,
                           title=d.title, body=d.body, url=d.url, published_at=d.published_at,
                           audience=d.audience, fallback=d.fallback, readers=_readers(d),
                           sort_key=sort_key(d.published_at, id_))
            for id_, d in zip(ids, docs, strict=True)]
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
    """Documents matching every phrase of the query that these readers may see now, in
    any language: a Chinese query on an English page finds Chinese articles.

    `readers`: a member's audience tags (portal/enterprises/audiences.py, reader_tags); then
    "members" documents are found only when their readers include one of them, in the
    index query itself (counts and hits alike). None: every document of the audiences.

    Ranked in tiers: documents in the reader's language first (matches in the title, then
    the rest), then the other language's (likewise); newest first within each. Raises
    QueryProblem for an empty or overlong query.
    """
    query, phrases = parse_query(query)
    index = backend()
    index.begin_search()
    _, now_key = key_range(now or utcnow())
    tiers = [(part, (language, same)) for same in (True, False) for part in (TITLE, REST)]
    counts = []
    for part, written in tiers:
        left = MAX_RESULTS + 1 - sum(counts)
        counts.append(index.count(phrases, part, audiences, written, now_key, cap=left,
                                  readers=readers)
                      if left > 0 else 0)
    found = sum(counts)
    total = min(found, MAX_RESULTS)
    results = Results(query=query, page=page, per_page=per_page, total=total,
                      capped=found > MAX_RESULTS)
    offset = (page - 1) * per_page
    if offset >= total:
        return results
    keys: list[int] = []
    start = 0
    for (part, written), count in zip(tiers, counts, strict=True):
        if len(keys) < per_page and offset + len(keys) < start + count:
            keys += index.keys(phrases, part, audiences, written, now_key,
                               limit=per_page - len(keys),
                               offset=max(0, offset + len(keys) - start),
                               dense=count > MAX_RESULTS, readers=readers)
        start += count
    results.hits = _hits(keys, query)
    return results


_HIT_COLUMNS = (SearchDocument.sort_key, SearchDocument.kind, SearchDocument.object_id,
                SearchDocument.url, SearchDocument.title, SearchDocument.body,
                SearchDocument.language, SearchDocument.published_at, SearchDocument.fallback)
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
                language=row.language, published_at=row.published_at, fallback=row.fallback)
            for row in (rows[key] for key in keys if key in rows)]


def describe_hits(hits: list[Hit], language: str) -> None:
    """Fill in each hit's category, asking the feature that indexed its kind (a search
    source's describe(object_ids, language) -> {object_id: category}): one query per kind."""
    from portal.features import each

    sources = {getattr(source, "KIND", None): source for source in each("search_sources")}
    kinds: dict[str, list[Hit]] = {}
    for hit in hits:
        kinds.setdefault(hit.kind, []).append(hit)
    for kind, group in kinds.items():
        describe = getattr(sources.get(kind), "describe", None)
        if describe is None:
            continue
        categories = describe([hit.object_id for hit in group], language)
        for hit in group:
            hit.category = categories.get(hit.object_id, "")
