"""Flask-Login wiring: loading the user from the session id, and throwing out blocked users."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.extensions import db, login_manager
from portal.security import same_secret

REFUSALS = {
    "inactive": _l("This account has been deactivated. Please contact the secretariat."),
    "enterprise_inactive": _l(
        "Your enterprise's membership is suspended or has lapsed, so its accounts cannot "
        "sign in. Please contact the secretariat's membership department."
    ),
}


# Built once: making the statement and its loader options took longer than running it,
# on every request of a signed-in user.
_USER = (select(User).options(joinedload(User.enterprise), joinedload(User.department))
         .where(User.id == bindparam("user_id")))


class Anonymous(AnonymousUserMixin):
    language = None
    kind = None
    is_staff = False
    is_member = False

    def has_role(self, *roles) -> bool:
        return False


def load_user(user_id: str) -> User | None:
    """The user named by "<id>:<session token>"; None when the token is stale or they are out."""
    raw_id, _, token = (user_id or "").partition(":")
    if not raw_id.isdigit() or not token:
        return None
    user = db.session.scalars(_USER, {"user_id": int(raw_id)}).one_or_none()
    if user is None:
        return None
    refusal = user.sign_in_refusal()
    if refusal:  # checked before the token, so the person is told why they were put out
        g.sign_out_reason = refusal
        return None
    if not same_secret(user.session_token, token):
        return None
    return user


def register_login(app) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"

    @app.before_request
    def throw_out_blocked_user():
        from flask_login import current_user

        if request.endpoint == "static":
            return None
        current_user._get_current_object()  # runs the loader
        reason = g.pop("sign_out_reason", None)
        if reason:
            logout_user()
            flash(REFUSALS[reason], "warning")
            return redirect(url_for("accounts.login"))
        return None
