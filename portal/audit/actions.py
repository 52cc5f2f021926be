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
    "user.created": _l("User created"),
    "user.invited": _l("User invited"),
    "user.invitation_resent": _l("Invitation sent again"),
    "user.invitation_revoked": _l("Invitation revoked"),
    "user.updated": _l("User edited"),
    "user.roles_changed": _l("Roles changed"),
    "user.deactivated": _l("User deactivated"),
    "user.reactivated": _l("User reactivated"),
    "department.created": _l("Department created"),
    "department.renamed": _l("Department renamed"),
    "department.default_changed": _l("Default department changed"),
    "settings.updated": _l("Site settings changed"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
