"""Recording audit events; called by the services that make the change, in its transaction."""

from __future__ import annotations

import logging

from flask import has_request_context, request

from portal.audit.models import AuditEvent
from portal.extensions import db

security_log = logging.getLogger("portal.security")

# Keys that must never reach the log, whatever a caller passes.
SECRET_KEYS = frozenset(
    {"password", "password_hash", "token", "session_token", "cookie", "csrf_token"})


def record_event(actor, action: str, target=None, **details) -> AuditEvent:
    """Add an audit event (flushed with the caller's transaction).

    actor: the User acting, or None (a visitor, a command); target: any model with an id.
    details: small JSON-able facts (old and new role, e-mail tried); secrets are dropped.
    """
    clean = {k: v for k, v in details.items() if k not in SECRET_KEYS}
    # current_user is a proxy: record the user it stands for, not "LocalProxy".
    actor = getattr(actor, "_get_current_object", lambda: actor)()
    target = getattr(target, "_get_current_object", lambda: target)()
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        address=(request.remote_addr or "") if has_request_context() else "",
        details=clean,
    )
    db.session.add(event)
    security_log.info("audit %s actor=%s target=%s:%s %s", action, event.actor_id,
                      event.target_type, event.target_id, clean)
    return event
