"""Member enterprises (会员企业): who they are, their level and membership status."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "enterprises",
    audit_actions={
        "enterprise.created": _l("Enterprise created"),
        "enterprise.updated": _l("Enterprise edited"),
        "enterprise.suspended": _l("Enterprise suspended"),
        "enterprise.reactivated": _l("Enterprise reactivated"),
        "enterprise.imported": _l("Enterprises imported"),
    },
    audit_targets={"Enterprise": AuditTarget("portal.enterprises.models:Enterprise",
                                             "portal.enterprises.models:describe_enterprise",
                                             "portal.enterprises.models:enterprise_link")},
    staff_menu=[MenuEntry("staff.enterprises.index", _l("Enterprises"), "admin", order=40)],
    commands=["portal.enterprises.commands:enterprises_command"],
    demo="portal.enterprises.demo:load_demo",
)
