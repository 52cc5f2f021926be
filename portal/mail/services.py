"""Queueing mail in the caller's transaction, the absolute links mails carry, the admins' mail
log and retry, and the retention rule that empties old bodies."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select, update

from portal.audit.services import record_event
from portal.database import on_days, utcnow
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.mail.backends import connect_smtp  # noqa: F401  (re-exported: the doctor's check)
from portal.mail.mailings import (  # noqa: F401  (mail to many: other features use these)
    Batch,
    Recipient,
    cancel_mailing,
    register_mailing_source,
    start_mailing,
)
from portal.mail.models import STATUSES, OutboxMessage
from portal.mail.outbox import queue_mail, render_mail  # noqa: F401  (re-exported)

UNDELIVERED = ("queued", "sending", "failed")
# Bodies hold links that sign someone in (invitations, password resets): once delivered or
# given up, they are kept this many days, then emptied (`flask --app portal mail purge`).
DEFAULT_RETENTION_DAYS = 90


class BodyPurged(PortalError):
    message = _l("The text of this message has been deleted under the retention rule; it "
                 "cannot be sent again. Send a new one from where it came from (e.g. invite "
                 "again).")


def external_url(endpoint: str, **values) -> str:
    """The absolute address of an endpoint under the configured BASE_URL (any context).

    Never built from the request's Host header: `url_for(_external=True)` follows the Host a
    client sends, so a forged Host would put an attacker's address into a password-reset link.
    """
    base = urlsplit(current_app.config["BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def undelivered_messages(status: str | None = None):
    """A select() of mail not (yet) delivered, newest first; status narrows to one state."""
    statuses = (status,) if status in UNDELIVERED else UNDELIVERED
    return (select(OutboxMessage).where(OutboxMessage.status.in_(statuses))
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()))


def mail_log_query(q: str = "", status: str = "", kind: str = "",
                   date_from: date | None = None, date_to: date | None = None) -> Select:
    """Every mail matching the search (recipient or subject) and filters, newest first.

    status: one of STATUSES, or "undelivered"; kind: a template name; dates are Beijing days
    of queueing, both included. Values outside the allow-lists are ignored by the caller.
    """
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(),
                                           OutboxMessage.id.desc())
    if q:
        query = query.where(or_(OutboxMessage.recipient.icontains(q.casefold(), autoescape=True),
                                OutboxMessage.subject.icontains(q, autoescape=True)))
    if status == "undelivered":
        query = query.where(OutboxMessage.status.in_(UNDELIVERED))
    elif status in STATUSES:
        query = query.where(OutboxMessage.status == status)
    if kind:
        query = query.where(OutboxMessage.template == kind)
    return query.where(*on_days(OutboxMessage.created_at, date_from, date_to))


def purge_bodies(days: int, now: datetime | None = None) -> int:
    """Empty the bodies of mail sent or failed more than `days` days ago (the rows stay in the
    log, with their recipient, subject, state and times). Returns how many were emptied.

    Queued mail is never touched, whatever its age. For the retention command (no actor).
    """
    if days < 1:
        raise ValueError("keep mail bodies at least one day")
    now = now or utcnow()
    limit = now - timedelta(days=days)
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status.in_(("sent", "failed")), OutboxMessage.purged_at.is_(None),
               OutboxMessage.created_at < limit)
        .values(body_text="", body_html="", purged_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount:
        record_event(None, "mail.purged", count=result.rowcount, days=days)
    return result.rowcount


def retry_message(actor, message_id: int) -> OutboxMessage:
    """Queue a queued or failed message for delivery now (a failed one gets its attempts back).

    For admins (the view checks). Raises NotFound for an unknown id and PortalError for a
    message being sent or already sent, BodyPurged for one whose text was deleted.
    """
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound()
    if message.status not in ("queued", "failed"):
        raise PortalError(_l("This message is no longer waiting to be sent."))
    if message.purged_at is not None:
        raise BodyPurged()
    if message.status == "failed":
        message.attempts = 0
    message.status = "queued"
    message.next_attempt_at = utcnow()
    record_event(actor, "mail.retried", message, recipient=message.recipient,
                 template=message.template)
    db.session.flush()
    return message
