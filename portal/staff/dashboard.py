"""The staff dashboard (/staff/): who one is, and the enquiries one answers for (an agent's
queue, or the secretariat's totals for an admin)."""

from flask import render_template
from flask_login import current_user

from portal.enquiries.services import staff_dashboard


def show():
    return render_template("staff/dashboard.html", enquiries=staff_dashboard(current_user))
