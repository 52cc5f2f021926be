"""User administration by admins: listing users, roles and department, (de)activation.

Rules: nobody gives themselves a role they do not hold; the last active administrator can
neither lose the admin role nor be deactivated; deactivation ends the user's sessions at once.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, literal, or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import KINDS, ROLES, Department, User
from portal.audit.services import record_event
from portal.enterprises.models import Enterprise
from portal.errors import PortalError
from portal.extensions import db


class LastAdministrator(PortalError):
    message = _l("This is the last active administrator. Make another user an administrator "
                 "first.")
    status = 409


class OwnRoleRaise(PortalError):
    message = _l("You cannot give yourself a role you do not already hold.")
    status = 403


class OwnAccount(PortalError):
    message = _l("You cannot deactivate your own account.")
    status = 403


class StatusUnchanged(PortalError):
    message = _l("The account already has this status.")
    status = 409


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
    user.rotate_session_token()
    record_event(actor, "user.deactivated", user)
    db.session.flush()


def reactivate_user(actor: User, user: User) -> None:
    """Let a deactivated user sign in again. Raises StatusUnchanged when already active."""
    if user.active:
        raise StatusUnchanged()
    user.active = True
    record_event(actor, "user.reactivated", user)
    db.session.flush()
