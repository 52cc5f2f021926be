"""Department: a part of the secretariat that staff users belong to."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.database import UTCDateTime, utcnow
from portal.extensions import db
from portal.i18n import BilingualName

if TYPE_CHECKING:
    from portal.accounts.models import User


class Department(BilingualName, db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="department")

    def __repr__(self) -> str:
        return f"<Department {self.id} {self.name_zh}>"


def describe_department(department: Department, language: str = "zh_CN") -> str:
    """How the audit log names a department: its name in the reader's language."""
    return department.display_name(language)


def department_link(department: Department) -> tuple[str, dict]:
    return "staff.departments.edit", {"department_id": department.id}
