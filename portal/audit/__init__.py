"""The audit log: who did what, when, from where (never passwords, tokens or cookies).

Every feature records its events with services.record_event() in the transaction of the
change, and declares its actions' labels in its own Feature (portal/features.py); the log
screen (/staff/audit/) reads them from there.
"""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, Feature, MenuEntry

feature = Feature(
    "audit",
    audit_actions={
        "audit.exported": AuditAction(_l("Audit log downloaded"), _l(
            "%(actor)s downloaded the audit log"), kind="security"),
        "login.throttled": AuditAction(_l("Sign-in throttled"), _l(
            "Sign-in was paused after too many attempts (%(target)s)"), kind="security"),
        "access.denied": AuditAction(_l("Access denied"), _l(
            "%(actor)s was refused a page they may not open"), kind="security"),
        "access.not_found": AuditAction(
            _l("Asked for an item that is not theirs or does not exist"), _l(
                "%(actor)s asked for an item that is not theirs or does not exist"),
            kind="security"),
    },
    staff_menu=[MenuEntry("staff.audit.index", _l("Audit log"), "admin", order=90)],
    # Denied access and throttling, announced by portal.security.report(), become events.
    setup="portal.audit.security_events:register_security_events",
)
