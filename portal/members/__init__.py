"""The /members area: its parent blueprint and guard, the dashboard, its navigation, and the
features' member screens nested under it (a feature's member_views.bp)."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import guard
from portal.enquiries import member_views as enquiries
from portal.materials import member_views as materials
from portal.members import dashboard
from portal.members.navigation import member_navigation
from portal.notices import member_views as notices
from portal.profile import member_views as account

bp = Blueprint("members", __name__, url_prefix="/members")


@bp.before_request
def members_only():
    # Staff following the 会员专区 link land in their own area, told why (never a bare 403).
    if current_user.is_authenticated and current_user.is_staff:
        flash(_("The member area is for member enterprises. You are signed in as secretariat "
                "staff, so here is your own area."), "info")
        return redirect(url_for("staff.dashboard"))
    return guard(lambda user: user.is_member)


@bp.context_processor
def navigation():
    return {"member_navigation": member_navigation}


bp.add_url_rule("/", "dashboard", dashboard.show)
for feature in (notices, materials, enquiries, account):
    bp.register_blueprint(feature.bp)
