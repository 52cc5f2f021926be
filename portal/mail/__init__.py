"""Outgoing mail: the outbox table, rendering in the recipient's language, and the sender."""

from flask_babel import lazy_gettext as _l

from portal.features import Feature, MenuEntry

feature = Feature(
    "mail",
    audit_actions={"mail.retried": _l("Mail sent again")},
    staff_menu=[MenuEntry("staff.mail.index", _l("Outgoing mail"), "admin", order=80)],
    commands=["portal.mail.cli:mail_cli"],
)
