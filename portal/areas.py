"""The guard shared by the /members and /staff parent blueprints."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from portal.extensions import login_manager


def guard(allowed) -> None:
    """Send visitors to log-in (with `next`), and answer 403 to users the area is not for."""
    if not current_user.is_authenticated:
        flash(login_manager.login_message, login_manager.login_message_category)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if not allowed(current_user):
        abort(403)
    return None


def require_role(bp, role: str) -> None:
    """Every view of the staff feature blueprint answers 403 unless the user holds the role
    (an admin holds them all); the staff area's own guard has already required a staff user."""

    @bp.before_request
    def role_required():
        if not current_user.has_role(role):
            abort(403)

