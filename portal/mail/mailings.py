"""Mail to many: a feature asks for a mailing in its own transaction (one row, however many
recipients), and the sender expands it into outbox rows a batch at a time.

Publishing a notice to 3,000 users must neither render 3,000 mails in the editor's request
nor hand them all to the mail server at once: start_mailing() adds a Mailing row;
expand_mailings(), run by the sender before each round (portal/mail/sender.py), asks the
feature's registered provider for the next recipients after the mailing's cursor and queues
their mails; the sender then delivers at most MAIL_BATCH_SIZE per round. Recipients are
read when their batch is expanded, so someone who left the audience meanwhile gets nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import select, update

from portal.database import utcnow
from portal.extensions import db
from portal.mail.models import Mailing
from portal.mail.outbox import queue_mail

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    user_id: int
    email: str
    language: str | None
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Batch:
    """What a provider gives for one step: the mail template and its recipients (by user id,
    ascending, all after the cursor), or `stop` when the mailing is no longer wanted."""

    template: str = ""
    recipients: list[Recipient] = field(default_factory=list)
    stop: bool = False


# source -> provider(object_id, after_user_id, limit) -> Batch; registered by features.
Provider = Callable[[int, int, int], Batch]
_PROVIDERS: dict[str, Provider] = {}


def register_mailing_source(source: str, provider: Provider) -> None:
    _PROVIDERS[source] = provider


def start_mailing(source: str, object_id: int, not_before: datetime | None = None) -> Mailing:
    """Ask for a mailing (flushed; the caller commits). A pending mailing of the same source
    and object is moved to the new time instead of doubled."""
    mailing = pending_mailing(source, object_id)
    if mailing is None:
        mailing = Mailing(source=source, object_id=object_id, status="pending", cursor=0,
                          queued=0)
        db.session.add(mailing)
    mailing.not_before = not_before or utcnow()
    db.session.flush()
    return mailing


def pending_mailing(source: str, object_id: int) -> Mailing | None:
    return db.session.scalars(select(Mailing).where(
        Mailing.source == source, Mailing.object_id == object_id,
        Mailing.status == "pending")).first()


def cancel_mailing(source: str, object_id: int) -> None:
    """Drop a pending mailing (its object was unpublished); mail already queued stays."""
    db.session.execute(update(Mailing).where(
        Mailing.source == source, Mailing.object_id == object_id, Mailing.status == "pending"
    ).values(status="cancelled", finished_at=utcnow()).execution_options(
        synchronize_session=False))


def expand_mailings(limit: int | None = None) -> int:
    """Queue the next batch of each due mailing, at most `limit` mails in all (default
    MAILING_BATCH_SIZE); one short transaction per batch. Returns the number queued."""
    limit = limit or int(current_app.config.get("MAILING_BATCH_SIZE", 200))
    done = 0
    due = db.session.scalars(select(Mailing.id).where(
        Mailing.status == "pending", Mailing.not_before <= utcnow())
        .order_by(Mailing.not_before, Mailing.id)).all()
    db.session.commit()
    for mailing_id in due:
        if done >= limit:
            break
        done += _expand_one(mailing_id, limit - done)
    return done


def _expand_one(mailing_id: int, limit: int) -> int:
    try:
        mailing = db.session.get(Mailing, mailing_id)
        if mailing is None or mailing.status != "pending":
            db.session.rollback()
            return 0
        provider = _PROVIDERS.get(mailing.source)
        batch = provider(mailing.object_id, mailing.cursor, limit) if provider else Batch(
            stop=True)
        for recipient in batch.recipients:
            queue_mail(recipient.email, batch.template, recipient.language,
                       **recipient.context)
        if batch.recipients:
            mailing.cursor = batch.recipients[-1].user_id
            mailing.queued += len(batch.recipients)
        if batch.stop or len(batch.recipients) < limit:
            mailing.status = "cancelled" if batch.stop else "done"
            mailing.finished_at = utcnow()
        db.session.commit()
        return len(batch.recipients)
    except Exception:  # one broken mailing must not stop the others, nor the sender
        db.session.rollback()
        log.exception("mailing %s could not be expanded", mailing_id)
        return 0
