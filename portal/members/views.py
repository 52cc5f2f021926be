"""The member dashboard."""

from flask import render_template

from portal.members import bp


@bp.route("/")
def dashboard():
    return render_template("members/dashboard.html")
