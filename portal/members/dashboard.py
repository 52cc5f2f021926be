"""The member dashboard (/members/)."""

from flask import render_template
from flask_login import current_user

from portal.enquiries.services import member_summary


def show():
    return render_template("members/dashboard.html",
                           enquiry_summary=member_summary(current_user))
