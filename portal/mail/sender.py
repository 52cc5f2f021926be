"""The sender: claims due rows one at a time, delivers them, retries with back-off.

A row is claimed by `UPDATE … SET status='sending' WHERE id=… AND status='queued'`: on
PostgreSQL a second sender's UPDATE waits for the first and then matches nothing; on SQLite
the write transaction (BEGIN IMMEDIATE) serialises them. Only the sender whose UPDATE changed
the row delivers it, so two senders never send one message twice. Delivery happens outside
any transaction, so a slow mail server never holds a database lock.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from portal.database import utcnow
from portal.extensions import db
from portal.mail.backends import BackendUnavailable, build_email, open_backend
from portal.mail.models import OutboxMessage

log = logging.getLogger(__name__)


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def __bool__(self) -> bool:
        return bool(self.sent or self.retried or self.failed)


def retry_delay(attempts: int, config) -> timedelta:
    """MAIL_RETRY_DELAY after the first failure, doubling, at most MAIL_RETRY_MAX_DELAY."""
    seconds = float(config["MAIL_RETRY_DELAY"]) * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, float(config["MAIL_RETRY_MAX_DELAY"])))


def is_permanent(error: Exception) -> bool:
    """A 5xx refusal of this very message (not of the server or the connection)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def release_stale_claims() -> int:
    """Queue again rows left 'sending' by a sender that died (MAIL_CLAIM_TIMEOUT seconds)."""
    limit = utcnow() - timedelta(seconds=float(current_app.config["MAIL_CLAIM_TIMEOUT"]))
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < limit)
        .values(status="queued", next_attempt_at=utcnow())
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount


def due_message_ids(limit: int) -> list[int]:
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)).all()
    db.session.commit()
    return list(ids)


def claim(message_id: int) -> OutboxMessage | None:
    """The row, now 'sending' and with one more attempt, or None when another sender has it."""
    now = utcnow()
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == "queued",
               OutboxMessage.next_attempt_at <= now)
        .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.commit()
        return None
    message = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.id == message_id)
        .execution_options(populate_existing=True)).one()
    db.session.commit()
    return message


def _finish(message: OutboxMessage, **values) -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status == "sending")
        .values(**values).execution_options(synchronize_session=False))
    db.session.commit()


def record_failure(message: OutboxMessage, error: Exception, report: SendReport) -> None:
    config = current_app.config
    text = f"{type(error).__name__}: {error}"[:500]
    if is_permanent(error) or message.attempts >= int(config["MAIL_MAX_ATTEMPTS"]):
        _finish(message, status="failed", last_error=text, claimed_at=None)
        report.failed += 1
        log.warning("mail %s to %s failed for good: %s", message.id, message.recipient, text)
    else:
        _finish(message, status="queued", last_error=text, claimed_at=None,
                next_attempt_at=utcnow() + retry_delay(message.attempts, config))
        report.retried += 1
        log.info("mail %s to %s will be retried: %s", message.id, message.recipient, text)


def send_pending(limit: int | None = None) -> SendReport:
    """Deliver the due queued mail (at most `limit`, default MAIL_BATCH_SIZE); safe to run
    in several processes at once. Stops the batch early when the server cannot be reached."""
    from portal.mail.mailings import expand_mailings

    config = current_app.config
    report = SendReport()
    release_stale_claims()
    expand_mailings()
    backend = open_backend()
    try:
        for message_id in due_message_ids(limit or int(config["MAIL_BATCH_SIZE"])):
            message = claim(message_id)
            if message is None:
                continue
            try:
                backend.send(build_email(message, config))
            except Exception as error:  # every failure is recorded and retried
                record_failure(message, error, report)
                if isinstance(error, BackendUnavailable):
                    break
            else:
                _finish(message, status="sent", sent_at=utcnow(), last_error="", claimed_at=None)
                report.sent += 1
    finally:
        backend.close()
        db.session.rollback()
    return report


def run_sender_loop(app, interval: float, stop: threading.Event) -> None:
    """Send due mail every `interval` seconds until `stop` is set (CLI --loop, dev thread)."""
    while not stop.is_set():
        try:
            with app.app_context():  # a fresh context: settings and session per round
                report = send_pending()
                db.session.remove()
            if report:
                log.info("mail sent=%d retried=%d failed=%d",
                         report.sent, report.retried, report.failed)
        except Exception:  # a worker must outlive a locked or lost database
            log.exception("mail sender round failed")
        stop.wait(interval)
