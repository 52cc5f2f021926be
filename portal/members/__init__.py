"""The /members area: its parent blueprint, the guard and the dashboard."""

from flask import Blueprint

from portal.areas import guard

bp = Blueprint("members", __name__, url_prefix="/members")


@bp.before_request
def members_only():
    return guard(lambda user: user.is_member)


from portal.accounts import member_views as account_views  # noqa: E402,F401
from portal.members import views  # noqa: E402,F401  (routes hang from bp)
