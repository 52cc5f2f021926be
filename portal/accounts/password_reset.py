"""Password reset: a mailed, single-use link valid for PASSWORD_RESET_MAX_AGE (one hour)."""

from __future__ import annotations

from portal.accounts.models import User, normalise_email
from portal.accounts.services import find_user_by_email, notify_password_changed, set_password
from portal.accounts.tokens import make_token
from portal.audit.services import record_event
from portal.i18n import DEFAULT_LANGUAGE
from portal.mail.services import external_url, queue_mail, render_mail


def request_password_reset(email: str) -> None:
    """Queue a reset link when an active account has this address; anyone may call it.

    An unknown address gets the same work (the mail is rendered and dropped) and the same
    audit record, so neither the answer nor its time tells whether the account exists.
    """
    user = find_user_by_email(email)
    known = user is not None and user.active
    if known:
        link = external_url("accounts.reset_password", token=make_token(user, "reset"))
        queue_mail(user.email, "password_reset", user.language, name=user.name,
                   email=user.email, link=link)
    else:
        render_mail("password_reset", DEFAULT_LANGUAGE, name="", email=email,
                    link=external_url("accounts.reset_password", token="x" * 80))
    record_event(None, "password.reset_requested", user if known else None,
                 email=normalise_email(email)[:254], known=known)


def reset_password(user: User, password: str) -> User:
    """Set a new password from a reset link (checked by the caller); every session ends and
    the user is told by mail."""
    set_password(user, password)
    notify_password_changed(user)
    record_event(user, "password.reset", user)
    return user
