"""The /staff area: its parent blueprint, the guard and the dashboard."""

from flask import Blueprint

from portal.areas import guard
from portal.staff.navigation import staff_navigation

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_only():
    return guard(lambda user: user.is_staff)


@bp.context_processor
def navigation():
    return {"staff_navigation": staff_navigation}


# The dashboard, then the features' staff screens (each nests its blueprint into bp).
from portal.staff import views  # noqa: E402,F401,I001
from portal.accounts import staff_account_views  # noqa: E402,F401,I001
from portal.mail import staff_views as mail_views  # noqa: E402,F401,I001
from portal.enterprises import staff_views as enterprises_views  # noqa: E402,F401,I001
from portal.accounts import staff_views as users_views  # noqa: E402,F401,I001
from portal.accounts import staff_department_views as departments_views  # noqa: E402,F401,I001
from portal.settings import staff_views as settings_views  # noqa: E402,F401,I001
from portal.audit import staff_views as audit_views  # noqa: E402,F401,I001
from portal.news import staff_views as news_views  # noqa: E402,F401,I001
