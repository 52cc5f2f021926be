"""Signing in and out."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts.forms import LoginForm
from portal.accounts.models import normalise_email
from portal.accounts.services import BadCredentials, SignInRefused, authenticate, sign_out
from portal.accounts.throttling import count_login_attempt, forget_login_attempt
from portal.extensions import db
from portal.security import report, safe_next

bp = Blueprint("accounts", __name__)


def landing_for(user) -> str:
    return url_for("staff.dashboard") if user.is_staff else url_for("members.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next")) or landing_for(current_user))
    error = None
    if form.validate_on_submit():
        if not count_login_attempt(form.email.data):  # before the password is checked
            report("login.throttled", email=normalise_email(form.email.data)[:254])
            return render_template("accounts/login.html", form=form, error=_(
                "You have made too many attempts. Please wait a few minutes and try again.")), 429
        try:
            user = authenticate(form.email.data, form.password.data)
        except (BadCredentials, SignInRefused) as refused:
            db.session.commit()  # the audit event of the failure
            error = refused.message
        else:
            db.session.commit()
            forget_login_attempt(user.email)
            session.clear()
            login_user(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(safe_next(form.next.data) or landing_for(user))
    return render_template("accounts/login.html", form=form, error=error)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sign_out(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("pages.home"))


from portal.accounts import password_views  # noqa: E402,F401  (routes hang from bp)
