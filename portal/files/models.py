"""StoredFile: one uploaded file; its bytes live on disk under their SHA-256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class StoredFile(db.Model):
    """A file as a user uploaded it.

    The bytes are stored once per content (several rows may share one blob); the original
    name, Chinese included, is kept here and given back in the download's filename*.
    `purpose` names the feature that owns the file ("article", "notice", ...), which
    registers the access check that every download of the file goes through.
    """

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(255))
    purpose: Mapped[str] = mapped_column(String(30), index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def extension(self) -> str:
        name = self.original_name
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def __repr__(self) -> str:
        return f"<StoredFile {self.id} {self.original_name!r} {self.sha256[:8]}>"
