"""The audit log: who did what, when, from where (never passwords, tokens or cookies).

Every feature records its events with services.record_event() in the transaction of the
change, and declares its actions' labels in its own Feature (portal/features.py); the log
screen (/staff/audit/) reads them from there.
"""

from flask_babel import lazy_gettext as _l

from portal.features import Feature, MenuEntry

feature = Feature(
    "audit",
    audit_actions={
        "login.throttled": _l("Sign-in throttled"),
        "access.denied": _l("Access denied"),
        "access.not_found": _l("Asked for an item that is not theirs or does not exist"),
    },
    staff_menu=[MenuEntry("staff.audit.index", _l("Audit log"), "admin", order=90)],
    # Denied access and throttling, announced by portal.security.report(), become events.
    setup="portal.audit.security_events:register_security_events",
)
