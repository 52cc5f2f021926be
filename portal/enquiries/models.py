"""Enquiries (咨询/诉求) and what hangs from them: messages with attachments, the timeline's
events, categories that route them, canned replies, the reference counter and the reminder
log. The rules live in the services (ARCHITECTURE.md); here are the tables."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.database import UTCDateTime, utcnow
from portal.departments.models import Department
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.files.models import StoredFile
from portal.i18n import BilingualName

STATUSES = {
    "submitted": _l("Submitted"),
    "accepted": _l("Accepted"),
    "in_progress": _l("In progress"),
    "answered": _l("Answered"),
    "closed": _l("Closed"),
}
# Waiting for the secretariat: these have a deadline running.
WAITING = ("submitted", "accepted", "in_progress")
# The same in SQL with its values written out: the partial indexes of the queues hold only
# waiting enquiries, and a planner uses one only when it can see the query asks for those
# (with the values bound as parameters, PostgreSQL's generic plans cannot).
WAITING_SQL = "status IN ('submitted', 'accepted', 'in_progress')"
CHANNELS = {
    "portal": _l("A reply on the portal"),
    "email": _l("A reply by e-mail"),
    "phone": _l("A call by telephone"),
}
RATINGS = {
    "satisfied": _l("Satisfied"),
    "fairly_satisfied": _l("Fairly satisfied"),
    "unsatisfied": _l("Unsatisfied"),
}


class EnquiryCategory(BilingualName, db.Model):
    """What an enquiry is about; it names the department that answers and how many working
    days it has (no department: the default one)."""

    __tablename__ = "enquiry_categories"
    __table_args__ = (CheckConstraint("deadline_days BETWEEN 1 AND 60", name="deadline_days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(60), unique=True)
    name_en: Mapped[str] = mapped_column(String(120), default="")
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"))
    deadline_days: Mapped[int] = mapped_column(default=5)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    department: Mapped[Department | None] = relationship()

    def __repr__(self) -> str:
        return f"<EnquiryCategory {self.id} {self.name_zh}>"


class Enquiry(db.Model):
    __tablename__ = "enquiries"
    __table_args__ = (
        CheckConstraint(f"status IN {tuple(STATUSES)}", name="status"),
        CheckConstraint(f"channel IN {tuple(CHANNELS)}", name="channel"),
        CheckConstraint(f"rating IS NULL OR rating IN {tuple(RATINGS)}", name="rating"),
        # A member enquiry belongs to an enterprise; a visitor's has an address to answer.
        CheckConstraint("enterprise_id IS NOT NULL OR guest_email <> ''", name="submitter"),
        # The queues: what waits, a department's (or everyone's), read in deadline order
        # (partial: only waiting enquiries); a department's by status, or newest first; an
        # agent's own.
        Index("ix_enquiries_waiting_department", "department_id", "due_at", "id",
              sqlite_where=text(WAITING_SQL), postgresql_where=text(WAITING_SQL)),
        Index("ix_enquiries_waiting", "due_at", "id",
              sqlite_where=text(WAITING_SQL), postgresql_where=text(WAITING_SQL)),
        Index("ix_enquiries_department_queue", "department_id", "status", "due_at"),
        Index("ix_enquiries_department_submitted_at", "department_id", "submitted_at"),
        Index("ix_enquiries_assignee_queue", "assignee_id", "status", "due_at"),
        Index("ix_enquiries_enterprise_submitted_at", "enterprise_id", "submitted_at"),
        Index("ix_enquiries_submitted_at", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # ZX-2026-000123
    # The form's one-time key: a double click or a re-sent form finds the enquiry it made.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("enquiry_categories.id", ondelete="SET NULL"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    guest_name: Mapped[str] = mapped_column(String(100), default="")
    guest_email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(10), default="zh_CN")  # a visitor's mails
    channel: Mapped[str] = mapped_column(String(10), default="portal")
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    first_due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the first answer's deadline
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the next answer's deadline
    first_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_minutes: Mapped[int | None]  # working minutes to the first answer
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[str | None] = mapped_column(String(20))
    rating_comment: Mapped[str] = mapped_column(String(1000), default="")
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    category: Mapped[EnquiryCategory | None] = relationship()
    department: Mapped[Department] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    enterprise: Mapped[Enterprise | None] = relationship()
    messages: Mapped[list[EnquiryMessage]] = relationship(
        back_populates="enquiry", order_by="[EnquiryMessage.created_at, EnquiryMessage.id]",
        cascade="all, delete-orphan")
    events: Mapped[list[EnquiryEvent]] = relationship(
        back_populates="enquiry", order_by="[EnquiryEvent.created_at, EnquiryEvent.id]",
        cascade="all, delete-orphan")

    @property
    def is_guest(self) -> bool:
        return self.enterprise_id is None

    @property
    def is_waiting(self) -> bool:
        """Waiting for the secretariat, with a deadline running."""
        return self.status in WAITING

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.is_waiting and self.due_at < (now or utcnow())

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    @property
    def channel_label(self) -> str:
        return str(CHANNELS[self.channel])

    @property
    def rating_label(self) -> str:
        return str(RATINGS[self.rating]) if self.rating else ""

    def submitter_name(self) -> str:
        return self.author.name if self.author else self.guest_name

    def __repr__(self) -> str:
        return f"<Enquiry {self.id} {self.reference} {self.status}>"


class EnquiryMessage(db.Model):
    """One message of the conversation; an internal note is for the secretariat only."""

    __tablename__ = "enquiry_messages"
    __table_args__ = (
        CheckConstraint("author_kind IN ('member', 'staff', 'guest')", name="author_kind"),
        CheckConstraint("author_kind = 'staff' OR NOT internal", name="internal_by_staff"),
        Index("ix_enquiry_messages_enquiry_created_at", "enquiry_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enquiry_id: Mapped[int] = mapped_column(ForeignKey("enquiries.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_kind: Mapped[str] = mapped_column(String(10))
    internal: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(Text)
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enquiry: Mapped[Enquiry] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship()
    attachments: Mapped[list[MessageAttachment]] = relationship(
        back_populates="message", order_by="MessageAttachment.id", cascade="all, delete-orphan")

    @property
    def files(self) -> list[StoredFile]:
        return [attachment.file for attachment in self.attachments]


class MessageAttachment(db.Model):
    __tablename__ = "enquiry_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("enquiry_messages.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(
        ForeignKey("stored_files.id", ondelete="CASCADE"), unique=True)

    message: Mapped[EnquiryMessage] = relationship(back_populates="attachments")
    file: Mapped[StoredFile] = relationship()


class EnquiryEvent(db.Model):
    """A step of the timeline (accepted, assigned, transferred …): who, when, and details;
    an internal one (an assignment, a transfer's reason) is for the secretariat only."""

    __tablename__ = "enquiry_events"
    __table_args__ = (Index("ix_enquiry_events_enquiry_created_at", "enquiry_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enquiry_id: Mapped[int] = mapped_column(ForeignKey("enquiries.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    internal: Mapped[bool] = mapped_column(default=False)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enquiry: Mapped[Enquiry] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class CannedReply(db.Model):
    """A department's ready-made answer that its agents insert into a reply and edit."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    department: Mapped[Department] = relationship()


class ReferenceCounter(db.Model):
    """The last reference number given out in a year (references.next_reference)."""

    __tablename__ = "enquiry_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(default=0)


class ReminderSent(db.Model):
    """An agent's overdue reminder of one (local) day: the reminder command sends one a day."""

    __tablename__ = "enquiry_reminders"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def waiting():
    """The SQL condition "waiting for the secretariat", as the partial indexes say it."""
    return text("enquiries." + WAITING_SQL)


def describe_category(category: EnquiryCategory) -> str:
    """How the audit log names a category."""
    return category.name_zh


def category_link(category: EnquiryCategory) -> tuple[str, dict]:
    return "staff.enquiry_categories.edit", {"category_id": category.id}


def describe_canned_reply(reply: CannedReply) -> str:
    return reply.title


def canned_reply_link(reply: CannedReply) -> tuple[str, dict]:
    return "staff.canned_replies.edit", {"reply_id": reply.id}
