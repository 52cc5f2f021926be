"""Reading the audit log: filtered, newest first, with actors and targets loaded in bulk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import Department, User
from portal.audit.actions import SECURITY_ACTIONS
from portal.audit.models import AuditEvent
from portal.audit.services import SECRET_KEYS
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.i18n import SHANGHAI

# Targets shown by name: type name -> (model, how to name one)
TARGET_MODELS = {
    "User": (User, lambda user: f"{user.name} <{user.email}>"),
    "Enterprise": (Enterprise, lambda ent: ent.name_zh),
    "Department": (Department, lambda dept: dept.name_zh),
}


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
        query = query.join(AuditEvent.actor).where(or_(
            User.name.icontains(user, autoescape=True),
            User.email.icontains(user.casefold(), autoescape=True)))
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


def target_names(events) -> dict[tuple[str, int], str]:
    """{(type, id): name} for the events' targets: one query per target type on the page."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.target_type in TARGET_MODELS and event.target_id is not None:
            wanted.setdefault(event.target_type, set()).add(event.target_id)
    names = {}
    for type_name, ids in wanted.items():
        model, name_of = TARGET_MODELS[type_name]
        for obj in db.session.scalars(select(model).where(model.id.in_(ids))):
            names[(type_name, obj.id)] = name_of(obj)
    return names


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
