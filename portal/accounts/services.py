"""Account rules: checking credentials, creating users, setting passwords, accepting an
invitation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts.models import User, normalise_email
from portal.accounts.tokens import make_token
from portal.audit.services import record_event
from portal.database import utcnow
from portal.errors import PortalError
from portal.extensions import db
from portal.mail.services import external_url, queue_mail

# Checked when the address is unknown, so that both failures take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class BadCredentials(PortalError):
    message = _l("The e-mail address or password is not correct.")
    status = 200


class SignInRefused(PortalError):
    status = 200


class AlreadyAccepted(PortalError):
    message = _l("This user has already accepted the invitation and chosen a password.")


class EmailTaken(PortalError):
    message = _l("A user with this e-mail address already exists.")


def find_user_by_email(email: str) -> User | None:
    return db.session.scalars(select(User).where(User.email == normalise_email(email))).first()


def authenticate(email: str, password: str) -> User:
    """The user with these credentials who may sign in.

    Raises BadCredentials alike for an unknown address and a wrong password, and
    SignInRefused (with the reason) for a deactivated user or a suspended enterprise.
    """
    from portal.accounts.loader import REFUSALS

    user = find_user_by_email(email)
    if user is None or user.password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        record_event(None, "login.failed", email=normalise_email(email)[:254], reason="unknown")
        raise BadCredentials()
    if not check_password_hash(user.password_hash, password):
        record_event(None, "login.failed", user, email=user.email, reason="password")
        raise BadCredentials()
    refusal = user.sign_in_refusal()
    if refusal:
        record_event(None, "login.refused", user, email=user.email, reason=refusal)
        raise SignInRefused(REFUSALS[refusal])
    user.last_login_at = utcnow()
    record_event(user, "login.succeeded", user)
    return user


def sign_out(user: User) -> None:
    """End every session and remember-me cookie of the user."""
    user.rotate_session_token()


def set_password(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password)
    user.rotate_session_token()


def notify_password_changed(user: User) -> None:
    """Tell the user, in their language, that their password was changed (by them through
    their account page or a reset link), with the way back if it was not them: the
    forgotten-password page, never a live reset link (the mail may be read by the intruder)."""
    queue_mail(user.email, "password_changed", user.language, name=user.name, email=user.email,
               changed_at=utcnow(), link=external_url("accounts.forgot_password"))


def create_user(*, email, name, kind, password=None, roles=(), department=None,
                enterprise=None, is_primary_contact=False, language=None, phone="") -> User:
    """Add a user; raises EmailTaken when the address is taken, PortalError when the links do
    not fit the kind."""
    if find_user_by_email(email):
        raise EmailTaken()
    if kind == "member" and enterprise is None:
        raise PortalError(_l("A member user belongs to an enterprise."))
    if kind == "staff" and enterprise is not None:
        raise PortalError(_l("A staff user cannot belong to an enterprise."))
    user = User(email=email, name=name, kind=kind, phone=phone, language=language,
                department=department if kind == "staff" else None,
                enterprise=enterprise, is_primary_contact=is_primary_contact and kind == "member")
    if kind == "staff":
        user.set_roles(roles)
    if password:
        user.password_hash = generate_password_hash(password)
    db.session.add(user)
    db.session.flush()
    return user


def invitation_link(user: User) -> str:
    """The absolute address of the user's (new) invitation link; earlier links stay valid
    until the session token rotates."""
    return external_url("accounts.accept_invitation", token=make_token(user, "invitation"))


def invitation_pending(user: User) -> bool:
    """True while an invited user has not chosen a password yet."""
    return user.password_hash is None


def accept_invitation(user: User, password: str) -> User:
    """Set the first password of an invited user (the link's token was checked by the caller).
    Raises AlreadyAccepted when the user has a password."""
    if not invitation_pending(user):
        raise AlreadyAccepted()
    set_password(user, password)
    user.last_login_at = utcnow()  # the view signs them in
    record_event(user, "invitation.accepted", user)
    return user
