"""Accounts: the user record, signing in and out, and the links sent by mail (password reset,
accepting an invitation)."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature

feature = Feature(
    "accounts",
    audit_actions={
        "login.succeeded": _l("Signed in"),
        "login.failed": _l("Sign-in failed"),
        "login.refused": _l("Sign-in refused"),
        "password.reset_requested": _l("Password reset requested"),
        "password.reset": _l("Password reset"),
        "invitation.accepted": _l("Invitation accepted"),
    },
    audit_targets={"User": AuditTarget("portal.accounts.models:User",
                                       "portal.accounts.models:describe_user",
                                       "portal.accounts.models:user_link")},
    public_endpoints=["accounts.login", "accounts.logout", "accounts.forgot_password",
                      "accounts.reset_password", "accounts.accept_invitation"],
)
