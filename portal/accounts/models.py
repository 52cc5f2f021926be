"""User: a member of an enterprise or a secretariat staff user."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

if TYPE_CHECKING:
    from portal.departments.models import Department
    from portal.enterprises.models import Enterprise

KINDS = {"member": _l("Member"), "staff": _l("Secretariat staff")}
ROLES = {"agent": _l("Agent"), "editor": _l("Editor"), "admin": _l("Administrator")}


def normalise_email(value: str) -> str:
    """Trim and case-fold, so one mailbox is one account."""
    return (value or "").strip().casefold()


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("kind IN ('member', 'staff')", name="kind"),
        CheckConstraint(
            "(kind = 'member' AND enterprise_id IS NOT NULL AND department_id IS NULL) OR "
            "(kind = 'staff' AND enterprise_id IS NULL)",
            name="kind_links",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(10))
    roles: Mapped[str] = mapped_column(String(60), default="")  # space-separated, staff only
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), index=True)
    is_primary_contact: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(String(10))
    # Members: mail about member notices (a new notice, a reminder to acknowledge).
    notice_mail: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Members: bumped by each new notice receipt (notices/receipts.py), so that a worker
    # may keep the member's receipts between requests (portal/kept.py).
    notice_reads_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Members: bumped by each 已学 mark (materials/reading.py), likewise.
    material_studies_version: Mapped[int] = mapped_column(default=0, server_default="0")
    active: Mapped[bool] = mapped_column(default=True)
    # Set when the secretariat deactivated the account or withdrew its invitation: a staff
    # decision that a primary contact may not undo (portal/profile/colleagues.py).
    blocked_by_staff: Mapped[bool] = mapped_column(default=False, server_default=false())
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last invitation mail
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    department: Mapped[Department | None] = relationship(back_populates="users")
    enterprise: Mapped[Enterprise | None] = relationship(back_populates="users")

    @validates("email")
    def _normalise_email(self, key, value):
        return normalise_email(value)

    # Flask-Login: the id carries the session token, so rotating the token ends every
    # session and remember-me cookie issued before (ARCHITECTURE.md, "Sessions").
    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.split())

    def set_roles(self, roles) -> None:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles: {sorted(unknown)}")
        self.roles = " ".join(sorted(set(roles)))

    def has_role(self, *roles: str) -> bool:
        """True for an admin, or a staff user holding any of the roles."""
        return self.kind == "staff" and bool(self.role_set & ({"admin", *roles}))

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def is_member(self) -> bool:
        return self.kind == "member"

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def sign_in_refusal(self) -> str | None:
        """Why this user may not be signed in, or None."""
        if not self.active:
            return "inactive"
        if self.is_member and (self.enterprise is None or not self.enterprise.is_active):
            return "enterprise_inactive"
        return None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


def describe_user(user: User, language: str = "zh_CN") -> str:
    """How the audit log names a user (the same in both languages)."""
    return f"{user.name} <{user.email}>"


def user_link(user: User) -> tuple[str, dict]:
    return "staff.users.edit", {"user_id": user.id}
