"""The audit log: who did what, when, from where (never passwords, tokens or cookies).

Every feature records its events with services.record_event() in the transaction of the
change, and declares its actions' labels in its own Feature (portal/features.py); the log
screen (/staff/audit/) reads them from there.
"""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, Feature, MenuEntry

feature = Feature(
    "audit",
    audit_actions={"audit.exported": AuditAction(_l("Audit log downloaded"), _l(
        "%(actor)s downloaded the audit log"), kind="security")},
    staff_menu=[MenuEntry("staff.audit.index", _l("Audit log"), "admin", order=90)],
)
