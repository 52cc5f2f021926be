"""Rules for member enterprises: listing, creating, editing, suspending and reactivating."""

from __future__ import annotations

import re
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import with_expression

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.database import duplicates_as
from portal.dates import today

# Audiences of member-only content (notices, materials): other features use them from here.
from portal.enterprises.audiences import (  # noqa: F401  (re-exported)
    AudienceProblem,
    active_enterprise_choices,
    describe_audience,
    enterprises_in,
    in_audience_condition,
    readable_by,
    reader_params,
    reader_tags,
    set_audience,
)
from portal.enterprises.creditcode import is_valid_code, normalise_code

# The form validator other features' forms use for a credit code (services are the way in).
from portal.enterprises.creditcode import valid_credit_code as valid_credit_code
from portal.enterprises.forms import AudienceFields  # noqa: F401  (re-exported)
from portal.enterprises.models import LEVELS, STATUSES, Enterprise
from portal.errors import Conflict, PortalError
from portal.extensions import db

EXPIRY_WINDOW = timedelta(days=60)
EDITABLE = ("name_zh", "name_en", "credit_code", "level", "joined_on", "expires_on")


class DuplicateCreditCode(PortalError):
    message = _l("An enterprise with this credit code already exists.")
    field = "credit_code"


class InvalidCreditCode(PortalError):
    message = _l("The check digit of this credit code is wrong.")
    field = "credit_code"


class StatusUnchanged(Conflict):
    message = _l("The enterprise already has this status.")


class Expired(Conflict):
    message = _l("The membership has expired. Set a later expiry date before reactivating it.")


def enterprise_list_query(q: str = "", level: str = "", status: str = "",
                          expiring: bool = False) -> Select:
    """Enterprises matching the search and filters, with their user counts, by the pinyin of
    their Chinese names (portal/sorting.py).

    Values outside the allow-lists are ignored; the counts come from one grouped subquery.
    """
    counts = (select(User.enterprise_id, func.count(User.id).label("n"))
              .where(User.enterprise_id.is_not(None)).group_by(User.enterprise_id).subquery())
    query = (select(Enterprise)
             .outerjoin(counts, counts.c.enterprise_id == Enterprise.id)
             .options(with_expression(Enterprise.user_count, func.coalesce(counts.c.n, 0)))
             .order_by(Enterprise.name_sort, Enterprise.name_zh, Enterprise.id))
    if q:
        query = query.where(or_(
            Enterprise.name_zh.icontains(q, autoescape=True),
            Enterprise.name_en.icontains(q, autoescape=True),
            Enterprise.credit_code.icontains(normalise_code(q), autoescape=True),
        ))
    if level in LEVELS:
        query = query.where(Enterprise.level == level)
    # The status as shown: an active membership past its expiry date counts as lapsed.
    expired = Enterprise.expires_on < today()
    if status == "active":
        query = query.where(Enterprise.status == "active",
                            or_(Enterprise.expires_on.is_(None), ~expired))
    elif status == "lapsed":
        query = query.where(or_(Enterprise.status == "lapsed",
                                and_(Enterprise.status == "active", expired)))
    elif status in STATUSES:
        query = query.where(Enterprise.status == status)
    if expiring:
        query = query.where(Enterprise.expires_on.between(today(), today() + EXPIRY_WINDOW))
    return query


def code_taken(code: str, *, except_id: int | None = None) -> bool:
    query = select(Enterprise.id).where(Enterprise.credit_code == normalise_code(code))
    if except_id is not None:
        query = query.where(Enterprise.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


def find_enterprise_by_code(code: str) -> Enterprise | None:
    return db.session.scalars(
        select(Enterprise).where(Enterprise.credit_code == normalise_code(code))).first()


def _check_code(code: str, except_id: int | None = None) -> str:
    code = normalise_code(code)
    if not is_valid_code(code):
        raise InvalidCreditCode()
    if code_taken(code, except_id=except_id):
        raise DuplicateCreditCode()
    return code


def create_enterprise(actor, *, name_zh, credit_code, name_en="", level="member",
                      joined_on=None, expires_on=None) -> Enterprise:
    """Add an active enterprise. Admins only (the view checks).

    Raises InvalidCreditCode or DuplicateCreditCode; the level must be one of LEVELS.
    """
    if level not in LEVELS:
        raise PortalError(_l("Unknown membership level."))
    enterprise = Enterprise(
        name_zh=name_zh, name_en=name_en or "", credit_code=_check_code(credit_code),
        level=level, status="active", joined_on=joined_on, expires_on=expires_on,
    )
    with duplicates_as(DuplicateCreditCode, "uq_enterprises_credit_code"):
        db.session.add(enterprise)
        db.session.flush()
    record_event(actor, "enterprise.created", enterprise, credit_code=enterprise.credit_code,
                 name=enterprise.name_zh)
    return enterprise


def update_enterprise(actor, enterprise: Enterprise, **fields) -> dict:
    """Change the editable fields (never the status); returns {field: [old, new]} of changes.

    Raises InvalidCreditCode or DuplicateCreditCode for the credit code.
    """
    fields = {k: v for k, v in fields.items() if k in EDITABLE}
    if "credit_code" in fields:
        fields["credit_code"] = _check_code(fields["credit_code"], except_id=enterprise.id)
    if fields.get("level", enterprise.level) not in LEVELS:
        raise PortalError(_l("Unknown membership level."))
    changes = {}
    with duplicates_as(DuplicateCreditCode, "uq_enterprises_credit_code"):
        for name, value in fields.items():
            old = getattr(enterprise, name)
            if value != old:
                changes[name] = [_plain(old), _plain(value)]
                setattr(enterprise, name, value)
        db.session.flush()
    if changes:
        record_event(actor, "enterprise.updated", enterprise, changes=changes)
    return changes


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def suspend_enterprise(actor, enterprise: Enterprise) -> None:
    """Suspend the membership: the enterprise's users are refused from their next request on.

    Raises StatusUnchanged when it is already suspended.
    """
    if enterprise.status == "suspended":
        raise StatusUnchanged()
    old = enterprise.status
    enterprise.status = "suspended"
    record_event(actor, "enterprise.suspended", enterprise, old_status=old)


def reactivate_enterprise(actor, enterprise: Enterprise) -> None:
    """Make a suspended or lapsed membership active again.

    Every session its users held before is ended (their tokens rotate), so a cookie copied
    before the suspension does not come back to life. Raises StatusUnchanged when active,
    Expired when the expiry date has passed (it would count as lapsed at once).
    """
    if enterprise.status == "active":
        raise StatusUnchanged()
    if enterprise.is_expired:
        raise Expired()
    old = enterprise.status
    enterprise.status = "active"
    for user in db.session.scalars(select(User).where(User.enterprise_id == enterprise.id)):
        user.rotate_session_token()
    record_event(actor, "enterprise.reactivated", enterprise, old_status=old)


def enterprise_users(enterprise: Enterprise) -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.enterprise_id == enterprise.id)
        .order_by(User.is_primary_contact.desc(), User.name, User.id)))


CONTACT_INVITER = "enterprises.contact_inviter"


def set_contact_inviter(app, inviter) -> None:
    """The function that invites an enterprise's contact (the users feature's invite_user,
    registered by its setup hook): invite(actor, email=, name=, kind=, enterprise=,
    is_primary_contact=, language=)."""
    app.extensions[CONTACT_INVITER] = inviter


def lookup_enterprises(q: str, limit: int = 10) -> list[Enterprise]:
    """Enterprises whose name (either language) or credit code contains q, by pinyin: what
    the invitation form offers as one types an enterprise's name."""
    return list(db.session.scalars(
        select(Enterprise).where(or_(
            Enterprise.name_zh.icontains(q, autoescape=True),
            Enterprise.name_en.icontains(q, autoescape=True),
            Enterprise.credit_code.icontains(normalise_code(q), autoescape=True)))
        .order_by(Enterprise.name_sort, Enterprise.id).limit(limit)))


CODE_IN_TEXT = re.compile(r"[0-9A-HJ-NP-RTUWXY]{18}")


def pick_enterprise(text: str) -> list[Enterprise]:
    """The enterprise a person meant by what they typed: the one whose credit code appears in
    it, or whose name (either language) it is; else those whose name contains it (at most 5,
    by pinyin). An empty list when nothing matches."""
    text = (text or "").strip()
    if not text:
        return []
    for code in CODE_IN_TEXT.findall(normalise_code(text).replace(" ", "")):
        found = find_enterprise_by_code(code)
        if found is not None:
            return [found]
    exact = list(db.session.scalars(select(Enterprise).where(or_(
        Enterprise.name_zh == text, func.lower(Enterprise.name_en) == text.lower()))))
    if len(exact) == 1:
        return exact
    return lookup_enterprises(text, limit=5)
