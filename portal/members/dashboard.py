"""The member dashboard (/members/)."""

from flask import render_template


def show():
    return render_template("members/dashboard.html")
