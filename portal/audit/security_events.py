"""Denied access and throttling in the audit log, bounded so that a flood does not fill it.

portal.security.report() announces them: the error pages for a 403 and for an object that
is not the user's (a service's NotFound), and the log-in throttle. Each is written in a short
transaction of its own, whatever the request's session holds. At most
SECURITY_EVENT_LIMIT_PER_ADDRESS are recorded per address, and SECURITY_EVENT_LIMIT in all,
counted where the log-in limits are (portal/throttle.py); the rest only reach the log at
debug level.
"""

from __future__ import annotations

import logging

from flask import request
from flask_login import current_user
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from portal.audit.models import AuditEvent
from portal.audit.services import SECRET_KEYS
from portal.extensions import db
from portal.security import security_event
from portal.throttle import attempt

security_log = logging.getLogger("portal.security")


def _within_bounds(config, address: str) -> bool:
    return (attempt(config["SECURITY_EVENT_LIMIT_PER_ADDRESS"], "security-events:" + address,
                    always=True)
            and attempt(config["SECURITY_EVENT_LIMIT"], "security-events", always=True))


def _where() -> str:
    """The path asked for; the rule instead when the path holds a token."""
    if request.url_rule is not None and "token" in (request.view_args or {}):
        return request.url_rule.rule
    return request.path[:200]


def _actor_id() -> int | None:
    """The signed-in user's id, read from the identity map: the error handlers have rolled
    the session back, which expired the user, and reloading it would take a connection while
    the event asks for a second one (many refusals at once then exhaust the pool). Even
is_authenticated would reload it (Flask-Login asks is_active)."""
    state = inspect(current_user._get_current_object(), raiseerr=False)
    if state is None or state.identity is None:  # a visitor (not a mapped object)
        return None
    return state.identity[0]


def record_security_event(app, action: str, details: dict) -> None:
    address = request.remote_addr or ""
    if not _within_bounds(app.config, address):
        security_log.debug("security event %s from %s over the limit", action, address)
        return
    facts = {"method": request.method, "path": _where(),
             **{k: v for k, v in details.items() if k not in SECRET_KEYS}}
    actor_id = _actor_id()
    try:
        with Session(db.engine) as session:
            session.add(AuditEvent(actor_id=actor_id, action=action, address=address,
                                   details=facts))
            session.commit()
    except Exception:  # never turn a refusal into a 500
        security_log.exception("could not record security event %s", action)
        return
    security_log.info("audit %s actor=%s address=%s %s", action, actor_id, address, facts)


def register_security_events(app) -> None:
    security_event.connect(record_security_event)
