"""CalendarDay: a date that differs from the plain week (a holiday on a weekday, or a
make-up working day on a weekend). Every other Monday to Friday is a working day."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

KINDS = {
    "holiday": _l("Holiday"),
    "workday": _l("Make-up working day"),
}


class CalendarDay(db.Model):
    __tablename__ = "calendar_days"
    __table_args__ = (CheckConstraint(f"kind IN {tuple(KINDS)}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(60), default="")  # 春节, 国庆节 …
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def is_working(self) -> bool:
        return self.kind == "workday"

    def __repr__(self) -> str:
        return f"<CalendarDay {self.day} {self.kind}>"


def describe_day(entry: CalendarDay) -> str:
    """How the audit log names a calendar day."""
    return f"{entry.day.isoformat()} {entry.name}".strip()


def day_link(entry: CalendarDay) -> tuple[str, dict]:
    return "staff.holidays.index", {"year": entry.day.year}
