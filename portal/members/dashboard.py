"""The member dashboard (/members/): unread notices, notices awaiting the enterprise's
acknowledgement, the newest study materials, the membership, and a place for the
enterprise's open enquiries. The notices and materials come from what the worker keeps
(notices/queries.py, materials/reading.py: most requests read nothing for them), the
enquiries in one statement."""

from flask import render_template
from flask_login import current_user

from portal.enquiries.services import member_summary
from portal.materials.reading import newest_materials
from portal.notices.queries import dashboard_notices, unread_count
from portal.reading import reads_only

SHOWN = 5


@reads_only
def show():
    unread, awaiting = dashboard_notices(current_user, SHOWN)
    return render_template(
        "members/dashboard.html", enterprise=current_user.enterprise,
        unread=unread, unread_total=unread_count(current_user), awaiting=awaiting,
        materials=newest_materials(current_user, SHOWN),
        enquiry_summary=member_summary(current_user))
