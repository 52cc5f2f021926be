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


account_page.add_routes(bp, TEMPLATE)
