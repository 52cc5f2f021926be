"""One's own account: name and phone, language, and changing the password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash

from portal.accounts.models import User
from portal.accounts.services import notify_password_changed, set_password
from portal.audit.services import record_event
from portal.errors import PortalError
from portal.i18n import LANGUAGES


class WrongPassword(PortalError):
    message = _l("The current password is not correct.")


def update_profile(user: User, *, name: str, phone: str) -> User:
    """Change the user's own name and phone; nothing else can be set here."""
    changed = sorted(k for k, v in (("name", name), ("phone", phone)) if getattr(user, k) != v)
    user.name, user.phone = name, phone or ""
    if changed:
        record_event(user, "profile.updated", user, fields=changed)
    return user


def set_language(user: User, language: str) -> User:
    """The language of the user's pages and mail; raises PortalError for an unknown one."""
    if language not in LANGUAGES:
        raise PortalError(_l("Unknown language."))
    user.language = language
    return user


def set_notice_mail(user: User, wanted: bool) -> User:
    """Whether the member gets mail about member notices (new ones, reminders)."""
    user.notice_mail = bool(wanted)
    return user


def change_password(user: User, current: str, new: str) -> User:
    """Set a new password after checking the current one; every other session ends and the
    user is told by mail.

    Raises WrongPassword (audited) when the current password does not match. The caller
    signs the user in again, since the session token has changed.
    """
    if user.password_hash is None or not check_password_hash(user.password_hash, current or ""):
        record_event(user, "password.change_refused", user)
        raise WrongPassword()
    set_password(user, new)
    notify_password_changed(user)
    record_event(user, "password.changed", user)
    return user
