"""Queueing mail in the caller's transaction, the absolute links mails carry, the admins' mail
log and retry, and the retention rule that empties old bodies."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select, update

from portal.audit.services import record_event
from portal.database import utcnow
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.i18n import DEFAULT_LANGUAGE, SHANGHAI, normalise_language
from portal.mail.models import STATUSES, OutboxMessage

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


def render_mail(template: str, language: str, **context) -> tuple[str, str, str]:
    """(subject, text, html) of templates/mail/<template>.txt and .html in the language.

    The subject is the `subject` block of the text template, folded onto one line (it
    becomes a header). The .html template is autoescaped; the .txt one is plain text.
    """
    env = current_app.jinja_env
    context = {"language": language, **context}
    with force_locale(language):
        text_template = env.get_template(f"mail/{template}.txt")
        html_template = env.get_template(f"mail/{template}.html")
        subject = "".join(text_template.blocks["subject"](text_template.new_context(context)))
        subject = " ".join(subject.split())
        text = text_template.render(context)
        html = html_template.render(context, subject=subject)
    return subject, text.strip() + "\n", html


def queue_mail(to: str, template: str, language: str | None = None, **context) -> OutboxMessage:
    """Render a mail in the recipient's language and add it to the outbox.

    Flushed, never committed: the mail is sent only if the caller's transaction commits,
    and a mail server being down cannot fail the caller. Raises ValueError for an address
    that could inject headers, and Jinja's errors for a missing template.
    """
    to = (to or "").strip()
    if "@" not in to or any(ch in to for ch in "\r\n,;<>"):
        raise ValueError(f"not a single mail address: {to!r}")
    language = normalise_language(language) or DEFAULT_LANGUAGE
    subject, text, html = render_mail(template, language, **context)
    message = OutboxMessage(recipient=to, subject=subject[:300], body_text=text, body_html=html,
                            template=template, language=language, status="queued",
                            attempts=0, next_attempt_at=utcnow())
    db.session.add(message)
    db.session.flush()
    return message


def undelivered_messages(status: str | None = None):
    """A select() of mail not (yet) delivered, newest first; status narrows to one state."""
    statuses = (status,) if status in UNDELIVERED else UNDELIVERED
    return (select(OutboxMessage).where(OutboxMessage.status.in_(statuses))
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SHANGHAI)


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
    if date_from:
        query = query.where(OutboxMessage.created_at >= _start_of(date_from))
    if date_to:
        query = query.where(OutboxMessage.created_at < _start_of(date_to + timedelta(days=1)))
    return query


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
