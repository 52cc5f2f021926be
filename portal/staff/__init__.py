"""The /staff area: its parent blueprint and guard, the dashboard, and the features' staff
screens nested under it (a feature's staff_views.bp; each guards its own role)."""

from flask import Blueprint

from portal.about import staff_views as about
from portal.access import guard
from portal.audit import staff_views as audit
from portal.departments import staff_views as departments
from portal.enquiries import canned_views as canned_replies
from portal.enquiries import category_views as enquiry_categories
from portal.enquiries import report_views as reports
from portal.enquiries import staff_views as enquiries
from portal.enterprises import staff_views as enterprises
from portal.files import staff_views as files
from portal.mail import staff_views as mail
from portal.materials import staff_views as materials
from portal.news import staff_views as news
from portal.notices import staff_views as notices
from portal.profile import staff_views as account
from portal.settings import staff_views as settings
from portal.staff import dashboard
from portal.staff.navigation import staff_navigation
from portal.users import staff_views as users
from portal.workdays import staff_views as holidays

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_only():
    return guard(lambda user: user.is_staff)


@bp.context_processor
def navigation():
    return {"staff_navigation": staff_navigation}


bp.add_url_rule("/", "dashboard", dashboard.show)
for feature in (account, news, notices, materials, about, enterprises, users, departments,
                settings, mail, audit, files, enquiries, canned_replies, reports,
                enquiry_categories, holidays):
    bp.register_blueprint(feature.bp)
