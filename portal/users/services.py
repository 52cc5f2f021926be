"""User administration: listing users, roles and department, (de)activation, invitations.

Rules: nobody gives themselves a role they do not hold; the last active administrator can
neither lose the admin role nor be deactivated; deactivation ends the user's sessions at once.

Invitations: a user created without a password, and a mailed link to choose one. Admins
invite staff (into a department, with roles) and members (into an enterprise); a primary
contact invites members into their own enterprise only. The link works for
INVITATION_MAX_AGE (7 days) and dies once used, re-sent or revoked; accepting it is the
accounts feature's (accounts.services.accept_invitation).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, literal, or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import KINDS, ROLES, User
from portal.accounts.services import (
    AlreadyAccepted,
    EmailTaken,
    create_user,
    find_user_by_email,
    invitation_link,
    invitation_pending,
)
from portal.audit.services import record_event
from portal.database import duplicates_as, utcnow
from portal.departments.models import Department
from portal.enterprises.models import Enterprise
from portal.errors import Conflict, Forbidden, NotFound, PortalError
from portal.extensions import db
from portal.i18n import DEFAULT_LANGUAGE, normalise_language
from portal.mail.services import queue_mail, render_mail


class LastAdministrator(Conflict):
    message = _l("This is the last active administrator. Make another user an administrator "
                 "first.")


class OwnRoleRaise(PortalError):
    message = _l("You cannot give yourself a role you do not already hold.")
    status = 403


class OwnAccount(PortalError):
    message = _l("You cannot deactivate your own account.")
    status = 403


class StatusUnchanged(Conflict):
    message = _l("The account already has this status.")


def has_role_clause(role: str):
    """SQL: the user's space-separated roles include this one."""
    return (literal(" ") + User.roles + literal(" ")).contains(f" {role} ")


def user_list_query(q: str = "", kind: str = "", role: str = "", active: str = "") -> Select:
    """Users matching the search (name, e-mail, enterprise name) and filters, by name.

    Values outside the allow-lists are ignored; enterprise and department come in the same query.
    """
    query = (select(User).outerjoin(User.enterprise)
             .options(joinedload(User.enterprise), joinedload(User.department))
             .order_by(User.name, User.id))
    if q:
        query = query.where(or_(
            User.name.icontains(q, autoescape=True),
            User.email.icontains(q, autoescape=True),
            Enterprise.name_zh.icontains(q, autoescape=True),
            Enterprise.name_en.icontains(q, autoescape=True),
        ))
    if kind in KINDS:
        query = query.where(User.kind == kind)
    if role in ROLES:
        query = query.where(User.kind == "staff", has_role_clause(role))
    if active in ("yes", "no"):
        query = query.where(User.active.is_(active == "yes"))
    return query


def _is_active_admin(user: User) -> bool:
    return user.is_staff and user.active and "admin" in user.role_set


def _check_not_last_admin(user: User) -> None:
    """Raise LastAdministrator unless another active admin remains.

    Two admins demoting each other at once cannot both succeed: every active admin's row is
    locked, in id order (so the two wait rather than deadlock), and a row changed meanwhile
    is read again; on SQLite FOR UPDATE takes the write lock (portal/database.py).
    """
    admins = db.session.scalars(
        select(User.id).where(User.kind == "staff", User.active.is_(True),
                              has_role_clause("admin")).order_by(User.id).with_for_update())
    if not [admin_id for admin_id in admins if admin_id != user.id]:
        raise LastAdministrator()


def update_user(actor: User, user: User, *, name: str | None = None, roles=None,
                department: Department | None = None,
                is_primary_contact: bool | None = None) -> dict:
    """Change a user's name; a staff user's roles and department; a member's primary-contact
    flag. Fields that do not fit the user's kind are ignored. Returns the changes.

    Raises OwnRoleRaise when the actor adds a role to themselves, LastAdministrator when the
    last active admin would lose the role.
    """
    changes: dict = {}
    if name is not None and name != user.name:
        changes["name"] = [user.name, name]
        user.name = name
    if user.is_staff and roles is not None:
        old, new = set(user.role_set), set(roles)
        if new != old:
            # An admin already holds every power, so only a non-admin can raise themselves.
            if actor.id == user.id and "admin" not in old and new - old:
                raise OwnRoleRaise()
            if "admin" in old and "admin" not in new and user.active:
                _check_not_last_admin(user)
            user.set_roles(new)
            record_event(actor, "user.roles_changed", user, old=sorted(old), new=sorted(new))
    if user.is_staff and department is not None and department.id != user.department_id:
        changes["department"] = [user.department.name_zh if user.department else None,
                                 department.name_zh]
        user.department = department
    if user.is_member and is_primary_contact is not None \
            and is_primary_contact != user.is_primary_contact:
        changes["is_primary_contact"] = [user.is_primary_contact, is_primary_contact]
        user.is_primary_contact = is_primary_contact
    if changes:
        record_event(actor, "user.updated", user, changes=changes)
    db.session.flush()
    return changes


def deactivate_user(actor: User, user: User) -> None:
    """Deactivate an account and end its sessions at once (its token rotates).

    Raises OwnAccount for oneself, LastAdministrator for the last active admin,
    StatusUnchanged when already inactive.
    """
    if not user.active:
        raise StatusUnchanged()
    if actor.id == user.id:
        raise OwnAccount()
    if _is_active_admin(user):
        _check_not_last_admin(user)
    user.active = False
    user.blocked_by_staff = True
    user.rotate_session_token()
    record_event(actor, "user.deactivated", user)
    db.session.flush()


def reactivate_user(actor: User, user: User) -> None:
    """Let a deactivated user sign in again. Raises StatusUnchanged when already active."""
    if user.active:
        raise StatusUnchanged()
    user.active = True
    user.blocked_by_staff = False
    record_event(actor, "user.reactivated", user)
    db.session.flush()


# Invitations ------------------------------------------------------------------------------------

class AlreadyColleague(EmailTaken):
    message = _l("This address already belongs to a colleague in your enterprise.")


class StaffDecision(PortalError):
    """A primary contact tried to undo what the secretariat decided."""

    message = _l("The secretariat has deactivated this account or withdrawn its invitation; "
                 "only the secretariat can change that. Please contact them.")
    status = 403


def may_manage(actor, user: User) -> bool:
    """Admins manage everyone; a primary contact manages the members of their own enterprise."""
    if actor.has_role("admin"):
        return True
    return bool(actor.is_member and actor.is_primary_contact and user.is_member
                and user.enterprise_id == actor.enterprise_id)


def _queue_invitation(actor, user: User) -> None:
    user.invited_at = utcnow()
    max_age = int(current_app.config["INVITATION_MAX_AGE"])
    queue_mail(user.email, "invitation", user.language, name=user.name, email=user.email,
               inviter=actor.name, enterprise=user.enterprise, department=user.department,
               link=invitation_link(user),
               days=max(max_age // 86400, 1))


def invite_user(actor, *, email, name, kind, enterprise=None, department=None, roles=(),
                is_primary_contact=False, language=None) -> User | None:
    """Create a user without a password and queue the invitation mail in their language.

    Admins may invite anyone; a primary contact only members of their own enterprise (roles
    and the primary-contact flag are then ignored). language defaults to the actor's.
    Raises Forbidden, EmailTaken (AlreadyColleague for a primary contact inviting someone of
    their own enterprise), or PortalError when the links do not fit the kind.

    A primary contact is never told that an address has an account elsewhere (another
    enterprise, the secretariat): the same mail is rendered and dropped, nothing is created,
    the refusal is recorded, and None is returned; the caller answers as for a sent
    invitation.
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
    existing = find_user_by_email(email)
    if existing is not None and admin:
        raise EmailTaken()
    if existing is not None:
        if existing.enterprise_id == actor.enterprise_id:
            raise AlreadyColleague()
        render_mail("invitation", language or DEFAULT_LANGUAGE, name=name, email=email,
                    inviter=actor.name, enterprise=enterprise, department=None,
                    link=invitation_link(existing), days=7)
        record_event(actor, "invitation.refused", existing, reason="account elsewhere")
        return None
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
    _check_staff_decision(actor, user)
    user.active = True
    user.blocked_by_staff = False
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
    user.blocked_by_staff = actor.is_staff
    user.rotate_session_token()
    record_event(actor, "invitation.revoked", user, email=user.email)
    return user


def _check_staff_decision(actor, user: User) -> None:
    """Raise StaffDecision when a member would undo what the secretariat decided."""
    if user.blocked_by_staff and not actor.is_staff:
        raise StaffDecision()


def setup(app) -> None:
    """The enterprises import invites the contacts it names through invite_user (enterprises
    cannot import this feature: it imports theirs)."""
    from portal.enterprises.services import set_contact_inviter

    set_contact_inviter(app, invite_user)
