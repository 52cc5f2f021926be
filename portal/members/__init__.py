"""The /members area: its parent blueprint and guard, the dashboard, and the features'
member screens nested under it (a feature's member_views.bp)."""

from flask import Blueprint

from portal.access import guard
from portal.enquiries import member_views as enquiries
from portal.members import dashboard
from portal.profile import member_views as account

bp = Blueprint("members", __name__, url_prefix="/members")


@bp.before_request
def members_only():
    return guard(lambda user: user.is_member)


bp.add_url_rule("/", "dashboard", dashboard.show)
for feature in (account, enquiries):
    bp.register_blueprint(feature.bp)
