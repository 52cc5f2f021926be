"""Translated labels of the audit actions; features add theirs here. Unknown actions show as is."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "login.succeeded": _l("Signed in"),
    "login.failed": _l("Sign-in failed"),
    "login.refused": _l("Sign-in refused"),
    "enterprise.created": _l("Enterprise created"),
    "enterprise.updated": _l("Enterprise edited"),
    "enterprise.suspended": _l("Enterprise suspended"),
    "enterprise.reactivated": _l("Enterprise reactivated"),
    "enterprise.imported": _l("Enterprises imported"),
    "invitation.sent": _l("Invitation sent"),
    "invitation.resent": _l("Invitation sent again"),
    "invitation.revoked": _l("Invitation revoked"),
    "invitation.accepted": _l("Invitation accepted"),
    "password.changed": _l("Password changed"),
    "password.change_refused": _l("Password change refused"),
    "password.reset_requested": _l("Password reset requested"),
    "password.reset": _l("Password reset"),
    "profile.updated": _l("Profile edited"),
    "mail.retried": _l("Mail sent again"),
    "user.updated": _l("User edited"),
    "user.roles_changed": _l("Roles changed"),
    "user.deactivated": _l("User deactivated"),
    "user.reactivated": _l("User reactivated"),
    "department.created": _l("Department created"),
    "department.renamed": _l("Department renamed"),
    "department.default_changed": _l("Default department changed"),
    "settings.updated": _l("Site settings changed"),
    "login.throttled": _l("Sign-in throttled"),
    "access.denied": _l("Access denied"),
    "access.not_found": _l("Asked for an item that is not theirs or does not exist"),
    "file.rejected": _l("Upload refused"),
}

# What the "security events" filter shows (SECURITY.md, "Reliability": failed log-in, reset
# request, denied access, rejected upload, role change).
SECURITY_ACTIONS = frozenset({
    "login.failed", "login.refused", "login.throttled", "access.denied", "access.not_found",
    "password.reset_requested", "password.change_refused", "file.rejected",
    "user.roles_changed", "user.deactivated",
})


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
