"""The /staff area: its parent blueprint and guard, the dashboard, and the features' staff
screens nested under it (a feature's staff_views.bp; each guards its own role)."""

from flask import Blueprint

from portal.about import staff_views as about
from portal.access import guard
from portal.audit import staff_views as audit
from portal.departments import staff_views as departments
from portal.enterprises import staff_views as enterprises
from portal.files import staff_views as files
from portal.mail import staff_views as mail
from portal.news import staff_views as news
from portal.profile import staff_views as account
from portal.settings import staff_views as settings
from portal.staff import dashboard
from portal.staff.navigation import staff_navigation
from portal.users import staff_views as users

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_only():
    return guard(lambda user: user.is_staff)


@bp.context_processor
def navigation():
    return {"staff_navigation": staff_navigation}


bp.add_url_rule("/", "dashboard", dashboard.show)
for feature in (account, news, about, enterprises, users, departments, settings, mail, audit,
                files):
    bp.register_blueprint(feature.bp)
