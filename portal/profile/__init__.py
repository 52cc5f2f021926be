"""A person's own account (name, phone, language, password) in either area, and a primary
contact's colleagues in the member area."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, Feature

feature = Feature(
    "profile",
    audit_actions={
        "profile.updated": AuditAction(_l("Profile edited"), _l("%(actor)s edited their profile")),
        "password.changed": AuditAction(_l("Password changed"), _l(
            "%(actor)s changed their password")),
        "password.change_refused": AuditAction(_l("Password change refused"), _l(
            "%(actor)s could not change their password (wrong current password)"),
            kind="security"),
        "colleague.deactivated": AuditAction(_l("Colleague deactivated"), _l(
            "%(actor)s deactivated their colleague %(target)s")),
        "colleague.reactivated": AuditAction(_l("Colleague reactivated"), _l(
            "%(actor)s reactivated their colleague %(target)s")),
        "primary_contact.handed_on": AuditAction(_l("Primary contact handed on"), _l(
            "%(actor)s made %(target)s the primary contact")),
    },
)
