"""The full-text index on each database: FTS5 on SQLite, a tsvector under GIN on PostgreSQL.

Both keep documents in `sort_key` order (newest last) and answer "the newest matches first",
which lets a query for a very common term (商会 in every article) stop after one page
instead of ranking every match. Text reaches them already tokenised (tokens.py), so neither
database's own word-splitting decides what Chinese matches.
"""

from __future__ import annotations

from sqlalchemy import text

from portal.database import write_lock
from portal.extensions import db
from portal.reading import plan_for_values
from portal.search.tokens import token_string

# Tiers of a result list: matches in the title first, then matches elsewhere only.
TITLE, REST = "title", "rest"


def language_tag(language: str) -> str:
    return "lang" + language.replace("_", "").lower()


def written_in(language: str, same: bool) -> str:
    """The FTS5 condition on tags for documents written in `language` (same) or in another.

    Tags name the languages a document serves: its own, or every language when it is an
    object's only version (a fallback). Only the default language's version can be one
    (services.index_document checks), so a document is written in the default language
    exactly when it serves it.
    """
    from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES

    default = language_tag(DEFAULT_LANGUAGE)

    def written(other: str) -> str:
        if other == DEFAULT_LANGUAGE:
            return f"{{tags}}: {default}"
        return f"({{tags}}: {language_tag(other)} NOT {{tags}}: {default})"

    if same:
        return "(" + written(language) + ")"
    return "(" + " OR ".join(written(other) for other in LANGUAGES if other != language) + ")"


def reader_tag(tag: str) -> str:
    """An audience tag ("level:vice_president", "enterprise:12") as one FTS5 token."""
    return "rd" + "".join(ch for ch in tag.lower() if ch.isalnum())


def member_doc_readers(doc) -> list[str]:
    """The reader tags of a "members" document (none given: every member)."""
    return (doc.readers or "").split() or ["all"]


class SqliteIndex:
    """A contentless FTS5 table (title, body, tags); rowid = sort_key.

    Contentless keeps the index small (no second copy of the text); deleting an entry needs
    the tokens it was written with, which are rebuilt from the row in search_documents.
    Tags (audience, languages served, kind) are tokens of their own column, so the filter
    is part of the MATCH and the newest-first scan stays inside the index.
    """

    @staticmethod
    def _values(doc) -> dict:
        tags = [f"aud{doc.audience}", f"kind{doc.kind}"]
        tags += [language_tag(lang) for lang in doc.serves()]
        if doc.audience == "members":
            tags += [reader_tag(tag) for tag in member_doc_readers(doc)]
        return {"key": doc.sort_key, "title": token_string(doc.title),
                "body": token_string(doc.body), "tags": " ".join(tags)}

    def add(self, doc) -> None:
        db.session.execute(text(
            "INSERT INTO search_fts(rowid, title, body, tags) VALUES (:key, :title, :body, :tags)"
        ), self._values(doc))

    def delete(self, doc) -> None:
        db.session.execute(text(
            "INSERT INTO search_fts(search_fts, rowid, title, body, tags) "
            "VALUES ('delete', :key, :title, :body, :tags)"), self._values(doc))

    def add_many(self, docs) -> None:
        db.session.execute(text(
            "INSERT INTO search_fts(rowid, title, body, tags) VALUES (:key, :title, :body, :tags)"
        ), [self._values(doc) for doc in docs])

    def clear(self) -> None:
        db.session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))

    def reserve_ids(self, count: int) -> list[int]:
        """Ids for `count` new rows of search_documents. Rows are only added under the write
        lock, which this takes, so the ones after the largest are free until the commit."""
        write_lock()
        last = db.session.scalar(text("SELECT max(id) FROM search_documents")) or 0
        return list(range(last + 1, last + 1 + count))

    def begin_search(self) -> None:
        """Nothing to prepare."""

    @staticmethod
    def _match(phrases, tier, audiences, language, readers=None) -> str:
        """language: (the reader's language, True for documents written in it, False for
        the others); readers: a member's audience tags (then member documents are matched by
        them rather than by their audience)."""
        # Tokens are letters, digits and CJK only (tokens.py), so quoting them is safe.
        query = " AND ".join('"' + " ".join(phrase) + '"' for phrase in phrases)
        audience = " OR ".join(f"aud{name}" for name in audiences if readers is None
                               or name != "members")
        if readers is not None:  # a member: member documents whose readers include them
            audience = " OR ".join([audience, *(reader_tag(tag) for tag in readers)])
        where = f"{{tags}}: ({audience}) AND {written_in(*language)}"
        if tier == TITLE:
            return f"{where} AND {{title}}: ({query})"
        return f"{where} AND (({{title body}}: ({query})) NOT ({{title}}: ({query})))"

    def keys(self, phrases, tier, audiences, language, now_key, limit, offset=0,
             dense=False, readers=None) -> list[int]:
        """The sort keys of a page of matches, newest first (FTS5 keeps rowid order: `dense`,
        which PostgreSQL needs, changes nothing here)."""
        return list(db.session.scalars(text(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH :match AND rowid <= :now "
            "ORDER BY rowid DESC LIMIT :limit OFFSET :offset"
        ), {"match": self._match(phrases, tier, audiences, language, readers), "now": now_key,
            "limit": limit, "offset": offset}))

    def count(self, phrases, tier, audiences, language, now_key, cap, readers=None) -> int:
        return db.session.scalar(text(
            "SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH :match "
            "AND rowid <= :now ORDER BY rowid DESC LIMIT :cap)"
        ), {"match": self._match(phrases, tier, audiences, language, readers), "now": now_key,
            "cap": cap})


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresIndex:
    """search_documents.tsv (the title's tokens weighted A, then the body's) and title_tsv
    (the title's alone), each under GIN.

    Built with the `simple` configuration from the token strings (needs a database whose
    LC_CTYPE is UTF-8, so CJK characters count as letters). The title tier asks title_tsv,
    which its index answers; asking tsv for weight-A lexemes instead (GIN cannot check
    weights) read and unpacked every candidate's whole vector.
    """

    UPDATE = ("UPDATE search_documents SET tsv = setweight(to_tsvector('simple', :title), 'A') "
              "|| to_tsvector('simple', :body), "
              "title_tsv = setweight(to_tsvector('simple', :title), 'A') WHERE id = :id")

    def add(self, doc) -> None:
        db.session.execute(text(self.UPDATE), self._values(doc))

    @staticmethod
    def _values(doc) -> dict:
        return {"id": doc.id, "title": token_string(doc.title), "body": token_string(doc.body)}

    def delete(self, doc) -> None:
        """The vectors live in the row: rewriting or deleting the row is enough."""

    def add_many(self, docs) -> None:
        db.session.execute(text(self.UPDATE), [self._values(doc) for doc in docs])

    def clear(self) -> None:
        """Nothing beside the rows to clear."""

    def reserve_ids(self, count: int) -> list[int]:
        """Ids for `count` new rows of search_documents, from the table's own sequence."""
        return list(db.session.scalars(text(
            "SELECT nextval(pg_get_serial_sequence('search_documents', 'id')) "
            "FROM generate_series(1, :count)"), {"count": count}))

    def begin_search(self) -> None:
        """Plan this transaction's statements for their values. psycopg prepares a statement
        on its fifth run, and PostgreSQL may then reuse one generic plan, made without
        knowing the query, which for a common term such as 商会 counts several times slower."""
        plan_for_values(db.session)

    @staticmethod
    def _tsquery(phrases) -> str:
        return " & ".join("(" + " <-> ".join(_lexeme(token) for token in phrase) + ")"
                          for phrase in phrases)

    @staticmethod
    def _where(tier, dense=False, readers=None) -> str:
        if tier == TITLE:
            # ts_match_vq() is @@ that no index answers: PostgreSQL then walks sort_key
            # backwards, which finds a page of a common term's newest matches at once. Its
            # estimate for phrases (营商环境) is far too low, so it would rather fetch and
            # sort every match through GIN (12,000 rows at 100,000 articles).
            match = ("ts_match_vq(title_tsv, CAST(:query AS tsquery))" if dense else
                     "title_tsv @@ CAST(:query AS tsquery)")
        else:
            match = ("tsv @@ CAST(:query AS tsquery) "
                     "AND NOT title_tsv @@ CAST(:query AS tsquery)")
        # Visitors and staff: the audience alone; a member: member documents only when their
        # readers meet the member's own tags.
        audience = ("audience = ANY(:audiences)" if readers is None else
                    "(audience = ANY(:audiences) OR (audience = 'members' AND "
                    "string_to_array(readers, ' ') && CAST(:readers AS text[])))")
        return (f"{audience} AND (language = :language) = :same "
                "AND sort_key <= :now AND " + match)

    def _params(self, phrases, audiences, language, now_key, readers=None) -> dict:
        """language: (the reader's language, True for documents written in it, False for
        the others)."""
        params = {"audiences": [a for a in audiences if readers is None or a != "members"],
                  "language": language[0], "same": language[1], "now": now_key,
                  "query": self._tsquery(phrases)}
        if readers is not None:
            params["readers"] = list(readers)
        return params

    def keys(self, phrases, tier, audiences, language, now_key, limit, offset=0,
             dense=False, readers=None) -> list[int]:
        """The sort keys of a page of matches, newest first. `dense`: the caller counted more
        matches than it shows (so walking the newest rows finds a page soon)."""
        return list(db.session.scalars(text(
            f"SELECT sort_key FROM search_documents WHERE {self._where(tier, dense, readers)} "
            "ORDER BY sort_key DESC LIMIT :limit OFFSET :offset"
        ), {**self._params(phrases, audiences, language, now_key, readers),
            "limit": limit, "offset": offset}))

    def count(self, phrases, tier, audiences, language, now_key, cap, readers=None) -> int:
        # Any `cap` matches will do for a capped count: no order, so no sort of every match.
        return db.session.scalar(text(
            "SELECT count(*) FROM (SELECT 1 FROM search_documents WHERE "
            f"{self._where(tier, readers=readers)} LIMIT :cap) AS hits"
        ), {**self._params(phrases, audiences, language, now_key, readers), "cap": cap})


def backend():
    """The index for the session's database."""
    return PostgresIndex() if db.session.get_bind().dialect.name == "postgresql" else SqliteIndex()
