"""Canned replies (/staff/canned-replies/): agents keep their department's, admins any."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.editing import show_refusal
from portal.enquiries import canned
from portal.enquiries.forms import CannedReplyForm
from portal.extensions import db
from portal.i18n import current_language
from portal.state_changes import change_state

bp = Blueprint("canned_replies", __name__, url_prefix="/canned-replies")

require_role(bp, "agent")


@bp.route("/")
def index():
    return render_template("staff/canned_replies/index.html",
                           replies=canned.list_replies(current_user))


def _form(reply=None) -> CannedReplyForm:
    form = CannedReplyForm(obj=reply)
    departments = canned.manageable_departments(current_user)
    form.department_id.choices = [(d.id, d.display_name(current_language()))
                                  for d in departments]
    if reply is None and not form.is_submitted():
        form.department_id.data = current_user.department_id
    return form


def _edit(reply=None):
    form = _form(reply)
    if form.validate_on_submit():
        try:
            reply = canned.save_reply(current_user, reply, department_id=form.department_id.data,
                                      title=form.title.data, body=form.body.data)
        except canned.CannedReplyRuleBroken as error:
            show_refusal(form, error, "department_id")
        else:
            db.session.commit()
            flash(_("The canned reply “%(title)s” has been saved.", title=reply.title),
                  "success")
            return redirect(url_for(".index"))
    return render_template("staff/canned_replies/form.html", form=form, reply=reply)


@bp.route("/new", methods=["GET", "POST"])
def create():
    return _edit()


@bp.route("/<int:reply_id>/edit", methods=["GET", "POST"])
def edit(reply_id: int):
    return _edit(canned.get_reply_for(current_user, reply_id))


@bp.route("/<int:reply_id>/delete", methods=["POST"])
def delete(reply_id: int):
    reply = canned.get_reply_for(current_user, reply_id)
    change_state(canned.delete_reply, reply, _("The canned reply has been deleted."))
    return redirect(url_for(".index"))
