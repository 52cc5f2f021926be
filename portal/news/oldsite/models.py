"""OldAddress: where an article lived on the old website, so that its links keep working."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class OldAddress(db.Model):
    """A path (and query) of the old site; a request for it is sent on to the article.

    Stored as addresses.normalise() gives it: decoded, without scheme and host, no trailing
    slash; looked up only when a request would otherwise answer 404.
    """

    __tablename__ = "old_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(500), unique=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<OldAddress {self.path!r} -> {self.article_id}>"
