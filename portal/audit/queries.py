"""Reading the audit log: filtered, newest first, with actors and targets loaded in bulk, and
each event told as a sentence in the reader's language ("林编辑 发布了文章《…》")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import Select, inspect, or_, select
from sqlalchemy.orm import joinedload

from portal.audit.models import AuditEvent
from portal.audit.services import SECRET_KEYS
from portal.database import on_days
from portal.dates import SHANGHAI, format_when
from portal.extensions import db
from portal.features import audit_actions, audit_targets, resolve

EXPORT_CHUNK = 500  # events read (and their targets named) at a time by the Excel download


def action_label(action: str) -> str:
    """The action's label in the reader's language (an undeclared one shows as it is)."""
    declared = audit_actions().get(action)
    return str(declared.label) if declared is not None else action


def actions_of_kind(kind: str) -> list[str]:
    return sorted(action for action, declared in audit_actions().items()
                  if declared.kind == kind)


def audit_query(user: str = "", action: str = "", kind: str = "", target_type: str = "",
                target_id: int | None = None, date_from: date | None = None,
                date_to: date | None = None) -> Select:
    """Events matching the filters (dates are Beijing days, both included), newest first.

    user: part of the actor's name or e-mail; kind: a group of actions (AuditAction.kind);
    target_type (and target_id): the object the event is about.
    """
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
    if kind:
        query = query.where(AuditEvent.action.in_(actions_of_kind(kind)))
    if target_type:
        query = query.where(AuditEvent.target_type == target_type)
        if target_id is not None:
            query = query.where(AuditEvent.target_id == target_id)
    return query.where(*on_days(AuditEvent.created_at, date_from, date_to))


def recorded_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(
        AuditEvent.action)))


def targets_of(events, language: str, *, links: bool = True
               ) -> dict[tuple[str, int], tuple[str, str | None]]:
    """{(type, id): (name, address or None)} for the events' targets, as the features that own
    them name them in the reader's language (portal/features.py): one query per target type.
    links=False leaves the addresses out."""
    declared = audit_targets()
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.target_type in declared and event.target_id is not None:
            wanted.setdefault(event.target_type, set()).add(event.target_id)
    found = {}
    for type_name, ids in wanted.items():
        target = declared[type_name]
        model, name_of = resolve(target.model), resolve(target.name)
        link_of = resolve(target.link) if target.link and links else None
        for obj in db.session.scalars(select(model).where(model.id.in_(ids))):
            address = None
            if link_of is not None:
                endpoint, values = link_of(obj)
                address = url_for(endpoint, **values)
            found[(type_name, obj.id)] = (name_of(obj, language), address)
    return found


def safe_details(details: dict | None) -> dict:
    """The details without anything that looks like a secret (defence in depth)."""
    return {key: value for key, value in (details or {}).items()
            if key not in SECRET_KEYS and not any(word in key.lower()
                                                  for word in ("password", "token", "cookie"))}


# The names of the details features record, as the log shows them (others show as recorded).
DETAIL_LABELS = {
    "email": _l("E-mail"), "name": _l("Name"), "reason": _l("Reason"),
    "old_status": _l("Status before"), "changes": _l("Changes"), "old": _l("Before"),
    "new": _l("After"), "roles": _l("Roles"), "kind": _l("Kind"), "title": _l("Title"),
    "publish_at": _l("Publish time"), "expires_on": _l("Membership expires on"),
    "days": _l("Days"), "count": _l("Number"), "file": _l("File"),
    "recipient": _l("Recipient"), "recipients": _l("Recipients"), "template": _l("Kind of mail"),
    "credit_code": _l("Unified social credit code"), "fields": _l("Fields"),
    "filters": _l("Filters"), "primary_contact": _l("Primary contact"),
}


def detail_label(key: str) -> str:
    label = DETAIL_LABELS.get(key)
    return str(label) if label is not None else key


def _moment(text: str) -> datetime | None:
    """A recorded ISO time with its zone (a publish time), else None."""
    if len(text) < 20 or text[4:5] != "-" or "T" not in text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def readable(value) -> str:
    """A detail value as plain text: [old, new] pairs as "old → new", mappings as "k: v",
    recorded UTC times in Beijing time."""
    if isinstance(value, dict):
        return "; ".join(f"{detail_label(key)}: {readable(item)}" for key, item in value.items())
    if isinstance(value, list):
        if len(value) == 2 and not any(isinstance(item, list | dict) for item in value):
            return f"{readable(value[0])} → {readable(value[1])}"
        return ", ".join(readable(item) for item in value)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and (moment := _moment(value)):
        return format_when(moment)
    return str(value)


@dataclass
class ReadableEvent:
    """One event as the log shows it."""

    event: AuditEvent
    actor: str  # a name, or "someone" / "the system"
    target: str  # the object's name, or what the details say it was; "" when none
    target_url: str | None
    label: str
    text: str  # the sentence, plain
    html: Markup  # the sentence, with the target linked

    @property
    def local_time(self) -> datetime:
        """The time in Beijing, without a zone (spreadsheets know none)."""
        return self.event.created_at.astimezone(SHANGHAI).replace(tzinfo=None)


class _Wording:
    """The words of the sentences in the reader's language, translated once per page or
    download rather than once per event."""

    def __init__(self):
        self.declared = audit_actions()
        self.phrases: dict[str, tuple[str, str]] = {}
        self.someone, self.system = _("Someone"), _("The system")
        self.deleted = _("an item since deleted")
        self.generic = _("%(actor)s: %(label)s %(target)s")

    def of(self, action: str) -> tuple[str, str]:
        """(label, sentence template) of the action."""
        if action not in self.phrases:
            declared = self.declared.get(action)
            label = str(declared.label) if declared else action
            sentence = str(declared.sentence) if declared and declared.sentence else self.generic
            self.phrases[action] = (label, sentence)
        return self.phrases[action]

    def actor(self, event: AuditEvent) -> str:
        if event.actor is not None:
            return event.actor.name
        # Events of a visitor carry their address; those of a command have none.
        return self.someone if event.address else self.system

    def target(self, event: AuditEvent, targets) -> tuple[str, str | None]:
        if (event.target_type, event.target_id) in targets:
            return targets[(event.target_type, event.target_id)]
        details = event.details or {}
        for key in ("name", "email", "recipient", "file"):
            if details.get(key):
                return str(details[key]), None
        if event.target_type:
            return self.deleted, None
        return "", None


def readable_events(events: Iterable[AuditEvent], language: str, *, html: bool = True,
                    wording: _Wording | None = None) -> list[ReadableEvent]:
    """The events told as sentences in `language` (targets named in one query per type);
    html=False leaves the linked sentence out (the Excel download)."""
    events = list(events)
    targets = targets_of(events, language, links=html)
    wording = wording or _Wording()
    told = []
    for event in events:
        label, template = wording.of(event.action)
        actor = wording.actor(event)
        target, url = wording.target(event, targets)
        values = {"actor": actor, "target": target, "label": label}
        linked = Markup("")
        if html:
            link = Markup('<a href="%s">%s</a>') % (url, target) if url else escape(target)
            linked = Markup(escape(template) % {**values, "target": link})
        told.append(ReadableEvent(event, actor, target, url, label,
                                  " ".join((template % values).split()), linked))
    return told


def each_readable_event(query: Select, language: str) -> Iterator[ReadableEvent]:
    """Every event of the query, read and told EXPORT_CHUNK at a time (the Excel download)."""
    result = db.session.execute(query.execution_options(yield_per=EXPORT_CHUNK))
    wording = _Wording()
    for chunk in result.scalars().partitions():
        yield from readable_events(chunk, language, html=False, wording=wording)
