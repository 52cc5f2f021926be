"""The Enterprise model, and the renewal reminders sent to its primary contacts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship, validates

from portal.database import UTCDateTime, utcnow
from portal.dates import today
from portal.extensions import db
from portal.i18n import BilingualName
from portal.sorting import pinyin_key

if TYPE_CHECKING:
    from portal.accounts.models import User

LEVELS = {
    "president": _l("President unit"),
    "vice_president": _l("Vice-president unit"),
    "director": _l("Council member unit"),
    "member": _l("Member unit"),
}
STATUSES = {
    "active": _l("Active"),
    "suspended": _l("Suspended"),
    "lapsed": _l("Lapsed"),
}


class Enterprise(BilingualName, db.Model):
    __tablename__ = "enterprises"
    __table_args__ = (
        CheckConstraint(f"level IN {tuple(LEVELS)}", name="level"),
        CheckConstraint(f"status IN {tuple(STATUSES)}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    # The pinyin of the Chinese name (portal/sorting.py), kept in step by _sort_key below:
    # lists order by it, the same on SQLite and PostgreSQL.
    name_sort: Mapped[str] = mapped_column(String(400), default="", server_default="",
                                           index=True)
    name_en: Mapped[str] = mapped_column(String(300), default="")
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    level: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    joined_on: Mapped[date | None]
    expires_on: Mapped[date | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped by each acknowledgement of a notice (notices/acknowledgements.py), so that a worker may
    # keep the enterprise's acknowledgements between requests (portal/kept.py).
    notice_acks_version: Mapped[int] = mapped_column(default=0, server_default="0")

    users: Mapped[list[User]] = relationship(back_populates="enterprise")
    # Filled by lists that load it with with_expression() (a grouped count, not a query per row).
    user_count: Mapped[int | None] = query_expression()

    @validates("name_zh")
    def _sort_key(self, key, value):
        self.name_sort = pinyin_key(value)
        return value

    @property
    def is_expired(self) -> bool:
        """The membership's expiry date has passed (Beijing days)."""
        return self.expires_on is not None and self.expires_on < today()

    @property
    def is_active(self) -> bool:
        """Active, and not past its expiry date: an expired membership counts as lapsed from
        the day after it expires, even before `flask enterprises lapse` records it."""
        return self.status == "active" and not self.is_expired

    @property
    def effective_status(self) -> str:
        return "lapsed" if self.status == "active" and self.is_expired else self.status

    @property
    def level_label(self) -> str:
        return str(LEVELS[self.level])

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.effective_status])

    def __repr__(self) -> str:
        return f"<Enterprise {self.id} {self.credit_code}>"


class MembershipReminder(db.Model):
    """A renewal reminder sent for one expiry date and one threshold (60 or 30 days): the
    unique key is what makes `flask enterprises remind` safe to run every day."""

    __tablename__ = "membership_reminders"
    __table_args__ = (UniqueConstraint("enterprise_id", "expires_on", "days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(
        ForeignKey("enterprises.id", ondelete="CASCADE"))
    expires_on: Mapped[date]
    days: Mapped[int]
    recipients: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def describe_enterprise(enterprise: Enterprise, language: str = "zh_CN") -> str:
    """How the audit log names an enterprise: its name in the reader's language."""
    return enterprise.display_name(language)


def enterprise_link(enterprise: Enterprise) -> tuple[str, dict]:
    return "staff.enterprises.detail", {"enterprise_id": enterprise.id}


AUDIENCE_SCOPES = {
    "all": _l("All member enterprises"),
    "levels": _l("Chosen membership levels"),
    "enterprises": _l("Chosen enterprises"),
}


class Audience(db.Model):
    """Who among the member enterprises may read an item (a notice, a material …).

    Kept as tags (portal/enterprises/audiences.py): "all", "level:<level>" and
    "enterprise:<id>". An enterprise reads the item when one of its own three tags is among
    the audience's, decided at the moment of reading: a changed level or a removal from the
    list takes effect at once.
    """

    __tablename__ = "audiences"
    __table_args__ = (CheckConstraint(f"scope IN {tuple(AUDIENCE_SCOPES)}", name="scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(12), default="all")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tags: Mapped[list[AudienceTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AudienceTag.tag")

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.tag for t in self.tags)

    @property
    def levels(self) -> list[str]:
        return [t.tag.partition(":")[2] for t in self.tags if t.tag.startswith("level:")]

    @property
    def enterprise_ids(self) -> list[int]:
        return [int(t.tag.partition(":")[2]) for t in self.tags
                if t.tag.startswith("enterprise:")]


class AudienceTag(db.Model):
    __tablename__ = "audience_tags"

    audience_id: Mapped[int] = mapped_column(
        ForeignKey("audiences.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True)
