"""A primary contact's colleagues: the member users of their own enterprise, and nobody else."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.errors import Forbidden, NotFound, PortalError
from portal.extensions import db
from portal.users.services import StaffDecision


def is_primary_contact(user) -> bool:
    return bool(user.is_authenticated and user.is_member and user.is_primary_contact)


def list_colleagues(actor) -> list[User]:
    """Everyone of the actor's enterprise, primary contacts first; Forbidden for others."""
    if not is_primary_contact(actor):
        raise Forbidden()
    return list(db.session.scalars(
        select(User).where(User.enterprise_id == actor.enterprise_id)
        .order_by(User.is_primary_contact.desc(), User.active.desc(), User.name, User.id)))


def get_colleague_for(actor, user_id: int) -> User:
    """A member of the actor's own enterprise. NotFound for anyone else, exactly as for an id
    that does not exist; Forbidden when the actor is not a primary contact."""
    if not is_primary_contact(actor):
        raise Forbidden()
    user = db.session.get(User, user_id)
    if user is None or not user.is_member or user.enterprise_id != actor.enterprise_id:
        raise NotFound()
    return user


def deactivate_colleague(actor, colleague: User) -> User:
    """Sign a colleague out for good (their sessions end at once). Not oneself, and not
    another primary contact (the secretariat does that). Raises PortalError."""
    if colleague.id == actor.id:
        raise PortalError(_l("You cannot deactivate your own account."))
    if colleague.is_primary_contact:
        raise PortalError(_l("Another primary contact can only be deactivated by the secretariat."))
    if colleague.active:
        colleague.active = False
        colleague.rotate_session_token()
        record_event(actor, "colleague.deactivated", colleague, email=colleague.email)
    return colleague


def reactivate_colleague(actor, colleague: User) -> User:
    """Let a deactivated colleague sign in again; a revoked invitation is re-sent instead.
    Raises StaffDecision when the secretariat deactivated them."""
    if colleague.blocked_by_staff:
        raise StaffDecision()
    if colleague.password_hash is None:
        raise PortalError(_l("This colleague has not accepted the invitation; send it again."))
    if not colleague.active:
        colleague.active = True
        record_event(actor, "colleague.reactivated", colleague, email=colleague.email)
    return colleague


def hand_on_primary_contact(actor, colleague: User) -> User:
    """Make an active colleague (one who has chosen a password) the primary contact in the
    actor's place; the actor keeps their account but no longer manages colleagues."""
    if colleague.id == actor.id:
        raise PortalError(_l("You are already a primary contact."))
    if not colleague.active or colleague.password_hash is None:
        raise PortalError(_l(
            "Only an active colleague who has accepted the invitation can become a "
            "primary contact."))
    colleague.is_primary_contact = True
    actor.is_primary_contact = False
    record_event(actor, "primary_contact.handed_on", colleague, email=colleague.email)
    return colleague
