"""SearchDocument: one searchable text (an article in one language, later a notice …).

The full-text index itself lives beside this table, outside the ORM: on SQLite an FTS5
table `search_fts` whose rowid is `sort_key`; on PostgreSQL a `tsv` tsvector column of this
table under a GIN index. Both are created by the migration and written by backends.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

AUDIENCES = ("public", "members")


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (UniqueConstraint("kind", "object_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "article"; later "notice", "material"
    object_id: Mapped[int]
    language: Mapped[str] = mapped_column(String(8))  # the text's language: zh_CN or en
    # True when this is the object's only version: readers of the other language get it too.
    fallback: Mapped[bool] = mapped_column(default=False)
    audience: Mapped[str] = mapped_column(String(20), default="public")
    # A "members" document: the audience tags of the member enterprises that may read it
    # (portal/enterprises/audiences.py), space-separated; empty: every member.
    readers: Mapped[str] = mapped_column(Text, default="", server_default="")
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")  # plain text
    url: Mapped[str] = mapped_column(String(300))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # published_at in seconds << 20, plus the low bits of the id (services.sort_key()):
    # unique, ordered like published_at.
    # The full-text index is kept in this order, so "newest matches first" stops early.
    sort_key: Mapped[int] = mapped_column(BigInteger, unique=True)
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def serves(self) -> list[str]:
        """The reader languages that find this document."""
        from portal.i18n import LANGUAGES

        return list(LANGUAGES) if self.fallback else [self.language]

    def __repr__(self) -> str:
        return f"<SearchDocument {self.kind}:{self.object_id} {self.language}>"
