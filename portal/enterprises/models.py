"""The Enterprise model."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

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


class Enterprise(db.Model):
    __tablename__ = "enterprises"
    __table_args__ = (
        CheckConstraint(f"level IN {tuple(LEVELS)}", name="level"),
        CheckConstraint(f"status IN {tuple(STATUSES)}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    level: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    joined_on: Mapped[date | None]
    expires_on: Mapped[date | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="enterprise")
    # Filled by lists that load it with with_expression() (a grouped count, not a query per row).
    user_count: Mapped[int | None] = query_expression()

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def level_label(self) -> str:
        return str(LEVELS[self.level])

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh

    def __repr__(self) -> str:
        return f"<Enterprise {self.id} {self.credit_code}>"


def describe_enterprise(enterprise: Enterprise, language: str = "zh_CN") -> str:
    """How the audit log names an enterprise: its name in the reader's language."""
    return enterprise.display_name(language)


def enterprise_link(enterprise: Enterprise) -> tuple[str, dict]:
    return "staff.enterprises.detail", {"enterprise_id": enterprise.id}
