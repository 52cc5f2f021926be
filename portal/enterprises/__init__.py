"""Member enterprises (会员企业): who they are, their level and membership status."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, AuditTarget, Feature, MenuEntry

feature = Feature(
    "enterprises",
    audit_actions={
        "enterprise.created": AuditAction(_l("Enterprise created"), _l(
            "%(actor)s added the enterprise %(target)s")),
        "enterprise.updated": AuditAction(_l("Enterprise edited"), _l(
            "%(actor)s edited the enterprise %(target)s")),
        "enterprise.suspended": AuditAction(_l("Enterprise suspended"), _l(
            "%(actor)s suspended the membership of %(target)s")),
        "enterprise.reactivated": AuditAction(_l("Enterprise reactivated"), _l(
            "%(actor)s reactivated the membership of %(target)s")),
        "enterprise.lapsed": AuditAction(_l("Membership lapsed"), _l(
            "%(actor)s marked the membership of %(target)s as lapsed")),
        "enterprise.expired": AuditAction(_l("Membership expired"), _l(
            "The membership of %(target)s lapsed on its expiry date")),
        "enterprise.reminded": AuditAction(_l("Renewal reminder sent"), _l(
            "A renewal reminder was sent to the primary contacts of %(target)s")),
        "enterprise.imported": AuditAction(_l("Enterprises imported"), _l(
            "%(actor)s imported enterprises from a file")),
        "enterprise.exported": AuditAction(_l("Enterprises exported"), _l(
            "%(actor)s downloaded the list of enterprises")),
    },
    audit_targets={"Enterprise": AuditTarget("portal.enterprises.models:Enterprise",
                                             "portal.enterprises.models:describe_enterprise",
                                             "portal.enterprises.models:enterprise_link",
                                             _l("Enterprises"))},
    mail_kinds={"membership_reminder": _l("Membership renewal reminder")},
    staff_menu=[MenuEntry("staff.enterprises.index", _l("Enterprises"), "admin", order=40)],
    commands=["portal.enterprises.commands:enterprises_command"],
    demo="portal.enterprises.demo:load_demo",
)
