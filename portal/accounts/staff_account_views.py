"""/staff/account/: a staff user's own profile, language and password."""

from __future__ import annotations

from flask import Blueprint

from portal import staff
from portal.accounts.own_account import add_own_account_routes

bp = Blueprint("account", __name__, url_prefix="/account")
add_own_account_routes(bp, "staff/account/index.html")

staff.bp.register_blueprint(bp)
