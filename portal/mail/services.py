"""Queueing mail in the caller's transaction, the absolute links mails carry, and the admins'
retry."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.audit.services import record_event
from portal.database import utcnow
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.mail.mailings import (  # noqa: F401  (mail to many: other features use these)
    Batch,
    Recipient,
    cancel_mailing,
    register_mailing_source,
    start_mailing,
)
from portal.mail.models import OutboxMessage
from portal.mail.outbox import queue_mail, render_mail  # noqa: F401  (re-exported)

UNDELIVERED = ("queued", "sending", "failed")


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


def retry_message(actor, message_id: int) -> OutboxMessage:
    """Queue a queued or failed message for delivery now (a failed one gets its attempts back).

    For admins (the view checks). Raises NotFound for an unknown id and PortalError for a
    message being sent or already sent.
    """
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound()
    if message.status not in ("queued", "failed"):
        raise PortalError(_l("This message is no longer waiting to be sent."))
    if message.status == "failed":
        message.attempts = 0
    message.status = "queued"
    message.next_attempt_at = utcnow()
    record_event(actor, "mail.retried", message, recipient=message.recipient,
                 template=message.template)
    db.session.flush()
    return message
