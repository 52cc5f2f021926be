"""OutboxMessage: one e-mail, written in the transaction of the change that caused it."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db

STATUSES = {
    "queued": _l("Queued"),
    "sending": _l("Sending"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
}


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        CheckConstraint(f"status IN {tuple(STATUSES)}", name="status"),
        # The sender's question: which queued rows are due?
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_outbox_messages_created_at", "created_at"),  # the mail log, newest first
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the retention command emptied the bodies (the row stays, for the log).
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.status} {self.template}>"


MAILING_STATUSES = ("pending", "done", "cancelled")


class Mailing(db.Model):
    """One mail to many (a notice to its audience …), expanded into outbox rows by the sender
    a batch at a time (portal/mail/mailings.py), so the change that asks for it only adds
    this row. `source` names the recipients' provider a feature registered; `cursor` is the
    last user id done; nothing is expanded before `not_before`."""

    __tablename__ = "mailings"
    __table_args__ = (
        CheckConstraint(f"status IN {MAILING_STATUSES}", name="status"),
        Index("ix_mailings_status_not_before", "status", "not_before"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="pending")
    not_before: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cursor: Mapped[int] = mapped_column(default=0)
    queued: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<Mailing {self.id} {self.source}:{self.object_id} {self.status}>"


def describe_message(message: OutboxMessage, language: str = "zh_CN") -> str:
    """How the audit log names a mail: its subject and recipient."""
    return f"\u201c{message.subject}\u201d \u2192 {message.recipient}"


def message_link(message: OutboxMessage) -> tuple[str, dict]:
    return "staff.mail.index", {"q": message.recipient}
