"""Signing in and out, and the public pages reached from mail: forgot password, the reset
link, the invitation link."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts.forms import ForgotPasswordForm, LoginForm, NewPasswordForm
from portal.accounts.models import normalise_email
from portal.accounts.password_reset import request_password_reset, reset_password
from portal.accounts.services import (
    BadCredentials,
    SignInRefused,
    authenticate,
    invitation_pending,
    sign_out,
)
from portal.accounts.services import (
    accept_invitation as accept_invitation_service,
)
from portal.accounts.throttling import (
    clear_login_throttle,
    count_login_attempt,
    count_reset_request,
    forget_login_attempt,
)
from portal.accounts.tokens import read_token
from portal.extensions import db
from portal.i18n import before_full_stop
from portal.security import private_link_page, report, safe_next

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
            return render_template("accounts/login.html", form=form, throttled=True, error=_(
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
            flash(_("Welcome, %(name)s.", name=before_full_stop(user.name)), "success")
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



def invalid_link():
    """The one answer to an expired, used, revoked or tampered link."""
    return render_template("accounts/invalid_link.html"), 400


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        if not count_reset_request(form.email.data):
            abort(429)
        request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If an account uses this address, we have sent it a link to choose a new "
                "password. The link works for one hour."), "info")
        return redirect(url_for("accounts.forgot_password"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"], endpoint="reset_password")
@private_link_page
def reset_password_view(token):
    user = read_token(token, "reset")
    if user is None:
        return invalid_link()
    form = NewPasswordForm()
    if form.validate_on_submit():
        reset_password(user, form.password.data)
        db.session.commit()
        clear_login_throttle(user.email)
        flash(_("Your new password is set. Please sign in with it."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, user=user)


@bp.route("/invite/<token>", methods=["GET", "POST"])
@private_link_page
def accept_invitation(token):
    user = read_token(token, "invitation")
    if user is None or not invitation_pending(user):
        return invalid_link()
    form = NewPasswordForm()
    if form.validate_on_submit():
        accept_invitation_service(user, form.password.data)
        db.session.commit()
        if user.sign_in_refusal() is not None:  # e.g. the enterprise was suspended meanwhile
            flash(_("Your password is set, but your account cannot sign in at the moment."),
                  "warning")
            return redirect(url_for("accounts.login"))
        # The invitation link proved the address and the password was just chosen: signing
        # in again would ask the new colleague for what they typed a moment ago.
        session.clear()
        login_user(user)
        flash(_("Welcome, %(name)s! Your password is set and you are signed in. Next time, "
                "sign in with your e-mail address and this password.",
                name=before_full_stop(user.name)), "success")
        return redirect(landing_for(user))
    return render_template("accounts/accept_invitation.html", form=form, user=user)
