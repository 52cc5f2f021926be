"""The staff dashboard (/staff/)."""

from flask import render_template


def show():
    return render_template("staff/dashboard.html")
