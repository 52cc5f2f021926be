"""The /staff area: its parent blueprint, the guard and the dashboard."""

from flask import Blueprint

from portal.areas import guard

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_only():
    return guard(lambda user: user.is_staff)


from portal.news import staff_views  # noqa: E402,F401  (nests /staff/news)
from portal.staff import views  # noqa: E402,F401  (routes hang from bp)
