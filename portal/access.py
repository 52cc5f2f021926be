"""Who may enter an area and a staff screen: the guards that blueprints hang on themselves,
and keeping this browser signed in when the user's session token changes.

The /members and /staff parent blueprints (portal/members/, portal/staff/) call guard() before
every request; each staff feature blueprint calls require_role() once. Access to one object
is decided by the feature's service that loads it (ARCHITECTURE.md, "Access").
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_user

from portal.extensions import login_manager


def guard(allowed):
    """Send visitors to log-in (with `next`), and answer 403 to users the area is not for."""
    if not current_user.is_authenticated:
        flash(login_manager.login_message, login_manager.login_message_category)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if not allowed(current_user):
        abort(403)
    return None


def require_role(bp, role: str | None) -> None:
    """Every view of the staff feature blueprint answers 403 unless the user holds the role
    (an admin holds them all); None lets any staff user in. The staff area's own guard has
    already required a staff user. The role is kept on the blueprint (`bp.required_role`),
    where the access tests read it."""
    bp.required_role = role
    if role is None:
        return

    @bp.before_request
    def role_required():
        if not current_user.has_role(role):
            abort(403)


def sign_in_again(user) -> None:
    """After the user's session token rotated (a new password): sign this browser in again
    with the new token, keeping remember-me if it was on; every other session and cookie
    stays dead."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    # The real object: given the current_user proxy, Flask-Login would store the proxy in
    # g._login_user, and the proxy would resolve to itself forever (a segfault).
    user = getattr(user, "_get_current_object", lambda: user)()
    login_user(user, remember=remember_cookie in request.cookies)
