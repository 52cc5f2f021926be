"""Reading the audit log: filtered, newest first, with actors and targets loaded in bulk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import url_for
from sqlalchemy import Select, inspect, or_, select
from sqlalchemy.orm import joinedload

from portal.audit.models import AuditEvent
from portal.audit.services import SECRET_KEYS
from portal.extensions import db
from portal.features import audit_labels, audit_targets, resolve
from portal.i18n import SHANGHAI

# What the "security events" filter shows: failed and refused log-ins, throttling, denied
# access, reset requests, refused uploads, role changes and deactivations.
SECURITY_ACTIONS = frozenset({
    "login.failed", "login.refused", "login.throttled", "access.denied", "access.not_found",
    "password.reset_requested", "password.change_refused", "file.rejected",
    "user.roles_changed", "user.deactivated",
})


def action_label(action: str) -> str:
    """The action's label in the reader's language (an undeclared one shows as it is)."""
    label = audit_labels().get(action)
    return str(label) if label is not None else action


def _start_of(day: date) -> datetime:
    """The UTC instant at which this Beijing day begins."""
    return datetime.combine(day, time.min, tzinfo=SHANGHAI)


def audit_query(user: str = "", action: str = "", date_from: date | None = None,
                date_to: date | None = None, kind: str = "") -> Select:
    """Events matching the filters (dates are Beijing days, both included; kind "security":
    SECURITY_ACTIONS only), newest first."""
    query = (select(AuditEvent).options(joinedload(AuditEvent.actor))
             .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()))
    if user:
        # The actor's class through the relationship: accounts records events, so the audit
        # feature does not import it.
        actor = inspect(AuditEvent).relationships["actor"].mapper.class_
        query = query.join(AuditEvent.actor).where(or_(
            actor.name.icontains(user, autoescape=True),
            actor.email.icontains(user.casefold(), autoescape=True)))
    if action:
        query = query.where(AuditEvent.action == action)
    if kind == "security":
        query = query.where(AuditEvent.action.in_(sorted(SECURITY_ACTIONS)))
    if date_from:
        query = query.where(AuditEvent.created_at >= _start_of(date_from))
    if date_to:
        query = query.where(AuditEvent.created_at < _start_of(date_to + timedelta(days=1)))
    return query


def recorded_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(
        AuditEvent.action)))


def targets_of(events) -> dict[tuple[str, int], tuple[str, str | None]]:
    """{(type, id): (name, address or None)} for the events' targets, as the features that own
    them name them (portal/features.py): one query per target type on the page."""
    declared = audit_targets()
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.target_type in declared and event.target_id is not None:
            wanted.setdefault(event.target_type, set()).add(event.target_id)
    found = {}
    for type_name, ids in wanted.items():
        target = declared[type_name]
        model, name_of = resolve(target.model), resolve(target.name)
        link_of = resolve(target.link) if target.link else None
        for obj in db.session.scalars(select(model).where(model.id.in_(ids))):
            address = None
            if link_of is not None:
                endpoint, values = link_of(obj)
                address = url_for(endpoint, **values)
            found[(type_name, obj.id)] = (name_of(obj), address)
    return found


def safe_details(details: dict | None) -> dict:
    """The details without anything that looks like a secret (defence in depth)."""
    return {key: value for key, value in (details or {}).items()
            if key not in SECRET_KEYS and not any(word in key.lower()
                                                  for word in ("password", "token", "cookie"))}


def readable(value) -> str:
    """A detail value as plain text: [old, new] pairs as "old → new", mappings as "k: v"."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {readable(item)}" for key, item in value.items())
    if isinstance(value, list):
        if len(value) == 2 and not any(isinstance(item, list | dict) for item in value):
            return f"{readable(value[0])} → {readable(value[1])}"
        return ", ".join(readable(item) for item in value)
    if value is None or value == "":
        return "—"
    return str(value)
