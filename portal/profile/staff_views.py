"""/staff/account/: a staff user's own profile, language and password."""

from __future__ import annotations

from flask import Blueprint

from portal.access import require_role
from portal.profile import account_page

bp = Blueprint("account", __name__, url_prefix="/account")
TEMPLATE = "staff/account/index.html"

require_role(bp, None)  # every staff user has an account page


@bp.route("/")
def index():
    return account_page.show(TEMPLATE)


@bp.route("/profile", methods=["POST"])
def update_profile():
    return account_page.save_profile(TEMPLATE)


@bp.route("/language", methods=["POST"])
def update_language():
    return account_page.save_language(TEMPLATE)


@bp.route("/password", methods=["POST"])
def update_password():
    return account_page.save_password(TEMPLATE)
