"""/members/account/: one's own account, and a primary contact's colleagues."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import normalise_email
from portal.editing import show_refusal
from portal.extensions import db
from portal.i18n import before_full_stop, current_language
from portal.profile import account_page
from portal.profile.colleagues import (
    deactivate_colleague,
    get_colleague_for,
    hand_on_primary_contact,
    is_primary_contact,
    list_colleagues,
    reactivate_colleague,
)
from portal.profile.forms import InviteColleagueForm, NoticeMailForm
from portal.profile.services import set_notice_mail
from portal.state_changes import change_state
from portal.users.services import EmailTaken, invite_user, resend_invitation, revoke_invitation

bp = Blueprint("account", __name__, url_prefix="/account")
TEMPLATE = "members/account/index.html"


@bp.route("/")
def index():
    return account_page.show(TEMPLATE, notice_mail_form=NoticeMailForm(
        formdata=None, notice_mail=current_user.notice_mail))


account_page.add_routes(bp, TEMPLATE)


@bp.route("/notice-mail", methods=["POST"])
def update_notice_mail():
    form = NoticeMailForm()
    if form.validate_on_submit():
        set_notice_mail(current_user, form.notice_mail.data)
        db.session.commit()
        flash(_("Your e-mail setting has been saved."), "success")
    return redirect(url_for(".index"))


@bp.route("/colleagues/")
def colleagues():
    return render_template("members/account/colleagues.html",
                           colleagues=list_colleagues(current_user))


@bp.route("/colleagues/invite", methods=["GET", "POST"])
def invite():
    list_colleagues(current_user)  # Forbidden unless a primary contact
    form = InviteColleagueForm(language=current_language())
    if form.validate_on_submit():
        try:
            invite_user(current_user, email=form.email.data, name=form.name.data,
                        kind="member", enterprise=current_user.enterprise,
                        language=form.language.data)
        except EmailTaken as error:
            show_refusal(form, error, "email")
        else:
            db.session.commit()  # (user None: the address is in use elsewhere; said alike)
            flash(_("An invitation has been sent to %(email)s.",
                    email=normalise_email(form.email.data)), "success")
            return redirect(url_for(".colleagues"))
    return render_template("members/account/invite.html", form=form)


def _colleague_action(user_id: int, action, message: str):
    colleague = get_colleague_for(current_user, user_id)  # 404 unless of one's enterprise
    ends_with_name = message.endswith(("%(name)s.", "%(name)s。"))
    name = before_full_stop(colleague.name) if ends_with_name else colleague.name
    change_state(action, colleague, message % {"name": name})
    if not is_primary_contact(current_user):  # handed the role on: the list is not theirs now
        return redirect(url_for(".index"))
    return redirect(url_for(".colleagues"))


@bp.route("/colleagues/<int:user_id>/deactivate", methods=["POST"])
def deactivate(user_id: int):
    return _colleague_action(user_id, deactivate_colleague,
                             _("%(name)s has been deactivated and signed out."))


@bp.route("/colleagues/<int:user_id>/reactivate", methods=["POST"])
def reactivate(user_id: int):
    return _colleague_action(user_id, reactivate_colleague,
                             _("%(name)s can sign in again."))


@bp.route("/colleagues/<int:user_id>/make-primary", methods=["POST"])
def hand_on(user_id: int):
    return _colleague_action(user_id, hand_on_primary_contact,
                             _("%(name)s is now the primary contact in your place."))


@bp.route("/colleagues/<int:user_id>/resend", methods=["POST"])
def resend(user_id: int):
    return _colleague_action(user_id, resend_invitation,
                             _("A new invitation has been sent to %(name)s."))


@bp.route("/colleagues/<int:user_id>/revoke", methods=["POST"])
def revoke(user_id: int):
    return _colleague_action(user_id, revoke_invitation,
                             _("The invitation of %(name)s has been withdrawn."))
