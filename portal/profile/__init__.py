"""A person's own account (name, phone, language, password) in either area, and a primary
contact's colleagues in the member area."""

from flask_babel import lazy_gettext as _l

from portal.features import Feature

feature = Feature(
    "profile",
    audit_actions={
        "profile.updated": _l("Profile edited"),
        "password.changed": _l("Password changed"),
        "password.change_refused": _l("Password change refused"),
        "colleague.deactivated": _l("Colleague deactivated"),
        "colleague.reactivated": _l("Colleague reactivated"),
        "primary_contact.handed_on": _l("Primary contact handed on"),
    },
)
