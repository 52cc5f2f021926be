"""The staff dashboard."""

from flask import render_template

from portal.staff import bp


@bp.route("/")
def dashboard():
    return render_template("staff/dashboard.html")
