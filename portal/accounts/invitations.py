"""Invitations: a user created without a password, and a mailed link to choose one.

Admins invite staff (into a department, with roles) and members (into an enterprise); a
primary contact invites members into their own enterprise only. The link works for
INVITATION_MAX_AGE (7 days) and dies once used, re-sent or revoked (portal.accounts.tokens).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts.models import ROLES, User
from portal.accounts.services import (
    EmailTaken,
    create_user,
    find_user_by_email,
    set_password,
)
from portal.accounts.tokens import make_token
from portal.audit.services import record_event
from portal.database import duplicates_as, utcnow
from portal.errors import Forbidden, NotFound, PortalError
from portal.i18n import DEFAULT_LANGUAGE, normalise_language
from portal.mail.links import external_url
from portal.mail.services import queue_mail


class AlreadyAccepted(PortalError):
    message = _l("This user has already accepted the invitation and chosen a password.")


def may_manage(actor, user: User) -> bool:
    """Admins manage everyone; a primary contact manages the members of their own enterprise."""
    if actor.has_role("admin"):
        return True
    return bool(actor.is_member and actor.is_primary_contact and user.is_member
                and user.enterprise_id == actor.enterprise_id)


def invitation_pending(user: User) -> bool:
    return user.password_hash is None


def _queue_invitation(actor, user: User) -> None:
    user.invited_at = utcnow()
    max_age = int(current_app.config["INVITATION_MAX_AGE"])
    queue_mail(user.email, "invitation", user.language, name=user.name, email=user.email,
               inviter=actor.name, enterprise=user.enterprise, department=user.department,
               link=external_url("accounts.accept_invitation",
                                 token=make_token(user, "invitation")),
               days=max(max_age // 86400, 1))


def invite_user(actor, *, email, name, kind, enterprise=None, department=None, roles=(),
                is_primary_contact=False, language=None) -> User:
    """Create a user without a password and queue the invitation mail in their language.

    Admins may invite anyone; a primary contact only members of their own enterprise (roles
    and the primary-contact flag are then ignored). language defaults to the actor's.
    Raises Forbidden, EmailTaken, or PortalError when the links do not fit the kind.
    """
    admin = actor.has_role("admin")
    own_enterprise = (actor.is_member and actor.is_primary_contact and kind == "member"
                      and enterprise is not None and enterprise.id == actor.enterprise_id)
    if not (admin or own_enterprise):
        raise Forbidden()
    if not admin:
        roles, is_primary_contact, department = (), False, None
    if set(roles) - set(ROLES):
        raise PortalError(_l("Unknown role."))
    if find_user_by_email(email):
        raise EmailTaken()
    language = normalise_language(language) or actor.language or DEFAULT_LANGUAGE
    with duplicates_as(EmailTaken, "uq_users_email"):  # the same address at the same moment
        user = create_user(email=email, name=name, kind=kind, roles=roles,
                           department=department, enterprise=enterprise,
                           is_primary_contact=is_primary_contact, language=language)
    _queue_invitation(actor, user)
    record_event(actor, "invitation.sent", user, email=user.email, kind=kind,
                 enterprise_id=user.enterprise_id, department_id=user.department_id,
                 roles=sorted(user.role_set), primary_contact=user.is_primary_contact)
    return user


def resend_invitation(actor, user: User) -> User:
    """Send a new link (the old ones die) and reactivate a revoked invitation.

    Raises NotFound when the actor may not manage the user, AlreadyAccepted when the user
    has a password.
    """
    if not may_manage(actor, user):
        raise NotFound()
    if not invitation_pending(user):
        raise AlreadyAccepted()
    user.active = True
    user.rotate_session_token()
    _queue_invitation(actor, user)
    record_event(actor, "invitation.resent", user, email=user.email)
    return user


def revoke_invitation(actor, user: User) -> User:
    """Deactivate a user who has not accepted yet; the link dies. Raises like resend."""
    if not may_manage(actor, user):
        raise NotFound()
    if not invitation_pending(user):
        raise AlreadyAccepted()
    user.active = False
    user.rotate_session_token()
    record_event(actor, "invitation.revoked", user, email=user.email)
    return user


def accept_invitation(user: User, password: str) -> User:
    """Set the first password of an invited user (the token was checked by the caller)."""
    if not invitation_pending(user):
        raise AlreadyAccepted()
    set_password(user, password)
    record_event(user, "invitation.accepted", user)
    return user
