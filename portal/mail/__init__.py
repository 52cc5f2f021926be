"""Outgoing mail: the outbox table, rendering in the recipient's language, and the sender."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, AuditTarget, Feature, MenuEntry

feature = Feature(
    "mail",
    audit_actions={
        "mail.retried": AuditAction(_l("Mail sent again"), _l(
            "%(actor)s had the mail %(target)s sent again")),
        "mail.purged": AuditAction(_l("Old mail bodies deleted"), _l(
            "The bodies of old mail were deleted")),
    },
    audit_targets={"OutboxMessage": AuditTarget("portal.mail.models:OutboxMessage",
                                                "portal.mail.models:describe_message",
                                                "portal.mail.models:message_link", _l("Mail"))},
    staff_menu=[MenuEntry("staff.mail.index", _l("Mail log"), "admin", order=80)],
    commands=["portal.mail.cli:mail_cli"],
)
