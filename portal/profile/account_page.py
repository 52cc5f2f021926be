"""One's own account page, the same in /members/account/ and /staff/account/: profile (name,
phone), language, and password. Each area's views (member_views.py, staff_views.py) show the
page with show() and add its forms' routes with add_routes(), naming their template."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import sign_in_again
from portal.extensions import db
from portal.i18n import LANGUAGE_COOKIE, current_language
from portal.profile.forms import ChangePasswordForm, LanguageForm, ProfileForm
from portal.profile.services import WrongPassword, change_password, set_language, update_profile

YEAR = 365 * 24 * 3600


def show(template: str, **forms):
    """The page with its three forms (a failed one keeps what was typed and its errors)."""
    forms.setdefault("profile_form", ProfileForm(formdata=None, obj=current_user))
    forms.setdefault("language_form", LanguageForm(
        formdata=None, language=current_user.language or current_language()))
    forms.setdefault("password_form", ChangePasswordForm(formdata=None))
    return render_template(template, **forms)


def save_profile(template: str):
    form = ProfileForm()
    if not form.validate_on_submit():
        return show(template, profile_form=form)
    update_profile(current_user, name=form.name.data, phone=form.phone.data or "")
    db.session.commit()
    flash(_("Your profile has been saved."), "success")
    return redirect(url_for(".index"))


def save_language(template: str):
    form = LanguageForm()
    if not form.validate_on_submit():
        return show(template, language_form=form)
    set_language(current_user, form.language.data)
    db.session.commit()
    flash(_("Your language has been saved."), "success")
    response = redirect(url_for(".index"))
    response.set_cookie(LANGUAGE_COOKIE, form.language.data, max_age=YEAR, samesite="Lax",
                        httponly=True)
    return response


def save_password(template: str):
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return show(template, password_form=form)
    try:
        change_password(current_user, form.current_password.data, form.password.data)
    except WrongPassword as error:
        db.session.commit()  # the audit record of the refusal
        form.current_password.errors.append(error.message)
        return show(template, password_form=form)
    db.session.commit()
    sign_in_again(current_user)
    flash(_("Your password has been changed. You have been signed out everywhere else."),
          "success")
    return redirect(url_for(".index"))


def add_routes(bp: Blueprint, template: str) -> None:
    """The three forms' POST routes on an area's `account` blueprint (/profile, /language,
    /password); a form that fails shows the area's page, `template`, again."""

    @bp.route("/profile", methods=["POST"])
    def update_profile():
        return save_profile(template)

    @bp.route("/language", methods=["POST"])
    def update_language():
        return save_language(template)

    @bp.route("/password", methods=["POST"])
    def update_password():
        return save_password(template)
