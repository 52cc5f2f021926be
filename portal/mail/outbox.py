"""Rendering a mail in the recipient's language and adding it to the outbox (the caller's
transaction): the one way mail is written, for every feature through mail.services, and for
the mailings' expansion (portal/mail/mailings.py)."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale

from portal.database import utcnow
from portal.extensions import db
from portal.i18n import DEFAULT_LANGUAGE, normalise_language
from portal.mail.models import OutboxMessage


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
