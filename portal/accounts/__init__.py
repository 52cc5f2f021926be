"""Accounts: the user record, signing in and out, and the links sent by mail (password reset,
accepting an invitation)."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, AuditTarget, Feature

feature = Feature(
    "accounts",
    audit_actions={
        "login.succeeded": AuditAction(_l("Signed in"), _l("%(actor)s signed in")),
        "login.failed": AuditAction(_l("Sign-in failed"), _l("Failed sign-in as %(target)s"),
                                    kind="security"),
        "login.refused": AuditAction(_l("Sign-in refused"), _l(
            "%(target)s was refused sign-in (account or membership not active)"),
            kind="security"),
        "password.reset_requested": AuditAction(_l("Password reset requested"), _l(
            "A password reset link was requested for %(target)s"), kind="security"),
        "password.reset": AuditAction(_l("Password reset"), _l(
            "%(actor)s chose a new password through a reset link")),
        "invitation.accepted": AuditAction(_l("Invitation accepted"), _l(
            "%(actor)s accepted the invitation and chose a password")),
    },
    audit_targets={"User": AuditTarget("portal.accounts.models:User",
                                       "portal.accounts.models:describe_user",
                                       "portal.accounts.models:user_link", _l("Users"))},
    mail_kinds={"password_reset": _l("Password reset link"),
                "password_changed": _l("Password changed")},
    public_endpoints=["accounts.login", "accounts.logout", "accounts.forgot_password",
                      "accounts.reset_password", "accounts.accept_invitation"],
)
