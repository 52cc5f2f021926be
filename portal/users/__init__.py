"""User administration: admins invite staff and members, set roles and departments, and
(de)activate accounts; primary contacts invite their own colleagues through the same rules."""

from flask_babel import lazy_gettext as _l

from portal.features import Feature, MenuEntry

feature = Feature(
    "users",
    audit_actions={
        "user.updated": _l("User edited"),
        "user.roles_changed": _l("Roles changed"),
        "user.deactivated": _l("User deactivated"),
        "user.reactivated": _l("User reactivated"),
        "invitation.sent": _l("Invitation sent"),
        "invitation.resent": _l("Invitation sent again"),
        "invitation.revoked": _l("Invitation revoked"),
        "invitation.refused": _l("Invitation refused (address in use elsewhere)"),
    },
    staff_menu=[MenuEntry("staff.users.index", _l("Users"), "admin", order=50)],
    commands=["portal.users.cli:create_user_command"],
    demo="portal.users.demo:load_demo",
)
