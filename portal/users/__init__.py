"""User administration: admins invite staff and members, set roles and departments, and
(de)activate accounts; primary contacts invite their own colleagues through the same rules."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, Feature, MenuEntry

feature = Feature(
    "users",
    audit_actions={
        "user.updated": AuditAction(_l("User edited"), _l(
            "%(actor)s edited the account of %(target)s")),
        "user.roles_changed": AuditAction(_l("Roles changed"), _l(
            "%(actor)s changed the roles of %(target)s"), kind="security"),
        "user.deactivated": AuditAction(_l("User deactivated"), _l(
            "%(actor)s deactivated the account of %(target)s"), kind="security"),
        "user.reactivated": AuditAction(_l("User reactivated"), _l(
            "%(actor)s reactivated the account of %(target)s")),
        "invitation.sent": AuditAction(_l("Invitation sent"), _l("%(actor)s invited %(target)s")),
        "invitation.resent": AuditAction(_l("Invitation sent again"), _l(
            "%(actor)s sent %(target)s a new invitation")),
        "invitation.revoked": AuditAction(_l("Invitation revoked"), _l(
            "%(actor)s revoked the invitation of %(target)s")),
        "invitation.refused": AuditAction(_l("Invitation refused (address in use elsewhere)"), _l(
            "%(actor)s tried to invite %(target)s, whose address is in use elsewhere"),
            kind="security"),
    },
    staff_menu=[MenuEntry("staff.users.index", _l("Users"), "admin", order=50)],
    commands=["portal.users.cli:create_user_command"],
    demo="portal.users.demo:load_demo",
    mail_kinds={"invitation": _l("Invitation")},
    setup="portal.users.services:setup",
)
