"""One's own account page, shared by /members/account/ and /staff/account/:
profile (name, phone), language, and password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from portal.accounts.account_forms import ChangePasswordForm, LanguageForm, ProfileForm
from portal.accounts.profile import WrongPassword, change_password, set_language, update_profile
from portal.extensions import db
from portal.i18n import LANGUAGE_COOKIE, current_language

YEAR = 365 * 24 * 3600


def stay_signed_in(user) -> None:
    """After the session token rotated: sign this browser in again with the new token
    (keeping remember-me if it was on); every other session and cookie stays dead."""
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    # The real object: given the current_user proxy, Flask-Login would store the proxy in
    # g._login_user, and the proxy would resolve to itself forever (a segfault).
    user = getattr(user, "_get_current_object", lambda: user)()
    login_user(user, remember=remember_cookie in request.cookies)


def add_own_account_routes(bp, template: str) -> None:
    """Add index, update_profile, update_language and update_password views to bp."""

    def render_page(**forms):
        forms.setdefault("profile_form", ProfileForm(formdata=None, obj=current_user))
        forms.setdefault("language_form", LanguageForm(
            formdata=None, language=current_user.language or current_language()))
        forms.setdefault("password_form", ChangePasswordForm(formdata=None))
        return render_template(template, **forms)

    @bp.route("/")
    def index():
        return render_page()

    @bp.route("/profile", methods=["POST"], endpoint="update_profile")
    def update_profile_view():
        form = ProfileForm()
        if not form.validate_on_submit():
            return render_page(profile_form=form)
        update_profile(current_user, name=form.name.data, phone=form.phone.data or "")
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for(".index"))

    @bp.route("/language", methods=["POST"])
    def update_language():
        form = LanguageForm()
        if not form.validate_on_submit():
            return render_page(language_form=form)
        set_language(current_user, form.language.data)
        db.session.commit()
        flash(_("Your language has been saved."), "success")
        response = redirect(url_for(".index"))
        response.set_cookie(LANGUAGE_COOKIE, form.language.data, max_age=YEAR, samesite="Lax",
                            httponly=True)
        return response

    @bp.route("/password", methods=["POST"])
    def update_password():
        form = ChangePasswordForm()
        if not form.validate_on_submit():
            return render_page(password_form=form)
        try:
            change_password(current_user, form.current_password.data, form.password.data)
        except WrongPassword as error:
            db.session.commit()  # the audit record of the refusal
            form.current_password.errors.append(error.message)
            return render_page(password_form=form)
        db.session.commit()
        stay_signed_in(current_user)
        flash(_("Your password has been changed. You have been signed out everywhere else."),
              "success")
        return redirect(url_for(".index"))
