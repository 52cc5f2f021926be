"""The secretariat's enquiry screens (/staff/enquiries/): the queue, an enquiry's page, and
its steps (accept, handle, reply or note, assign, transfer, close). Agents and admins; what
each may see is decided by visibility.get_enquiry_for (404 otherwise)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.database import utcnow
from portal.enquiries import canned, lifecycle, queues
from portal.enquiries.forms import (
    AssignForm,
    QueueFilterForm,
    StaffMessageForm,
    TransferForm,
    page_argument,
)
from portal.enquiries.messaging import post_message
from portal.enquiries.visibility import attachment_for, can_see, get_enquiry_for
from portal.extensions import db
from portal.files.services import file_response
from portal.forms import valid_filters
from portal.i18n import current_language
from portal.state_changes import change_state

bp = Blueprint("enquiries", __name__, url_prefix="/enquiries")
PER_PAGE = 25

require_role(bp, "agent")


def _queue_form(choices) -> QueueFilterForm:
    lang = current_language()
    form = QueueFilterForm(request.args)
    form.category.choices = [("", _("All categories")), ("none", _("No category"))] + [
        (str(c.id), c.display_name(lang)) for c in choices["categories"]]
    form.department.choices = [("", _("All departments"))] + [
        (str(d.id), d.display_name(lang)) for d in choices["departments"]]
    form.assignee.choices = [("", _("Anyone")), ("me", _("Me")), ("none", _("Nobody yet"))] + [
        (str(u.id), u.name) for u in choices["agents"]]
    return form


@bp.route("/")
def index():
    form = _queue_form(queues.filter_choices(current_user))
    filters = {name: value or "" for name, value in valid_filters(form, (
        "status", "category", "department", "assignee", "q")).items()}
    query = queues.staff_queue(current_user, overdue=bool(form.overdue.data), **filters)
    number = page_argument(request.args)
    if number is None:
        abort(404)
    page = db.paginate(query, page=number, per_page=PER_PAGE, max_per_page=100)
    return render_template("staff/enquiries/index.html", form=form, page=page, now=utcnow())


def _detail_forms(enquiry, message_form=None) -> dict:
    lang = current_language()
    assign = AssignForm(formdata=None, assignee_id=enquiry.assignee_id)
    assign.assignee_id.choices = [(u.id, u.name) for u in lifecycle.assignable_agents(enquiry)]
    transfer = TransferForm(formdata=None)
    transfer.department_id.choices = [
        (d.id, d.display_name(lang)) for d in queues.filter_choices(current_user)["departments"]
        if d.id != enquiry.department_id]
    return {"message_form": message_form or StaffMessageForm(formdata=None),
            "assign_form": assign, "transfer_form": transfer,
            "canned_replies": canned.replies_for(enquiry.department_id)}


def render_detail(enquiry, message_form=None, status=200):
    return render_template("staff/enquiries/detail.html", enquiry=enquiry,
                           **_detail_forms(enquiry, message_form)), status


@bp.route("/<reference>")
def detail(reference: str):
    return render_detail(get_enquiry_for(current_user, reference))


def _step(reference: str, service, done: str):
    enquiry = get_enquiry_for(current_user, reference, for_update=True)
    change_state(service, enquiry, done)
    return redirect(url_for(".detail", reference=enquiry.reference))


@bp.route("/<reference>/accept", methods=["POST"])
def accept(reference: str):
    return _step(reference, lifecycle.accept_enquiry, _("The enquiry has been accepted."))


@bp.route("/<reference>/start", methods=["POST"])
def start(reference: str):
    return _step(reference, lifecycle.start_enquiry, _("The enquiry is now in progress."))


@bp.route("/<reference>/close", methods=["POST"])
def close(reference: str):
    return _step(reference, lifecycle.close_enquiry, _("The enquiry has been closed."))


@bp.route("/<reference>/message", methods=["GET", "POST"])
def message(reference: str):
    """A reply or an internal note. (GET only leads back to the page: answering GET makes
    this a form page, which portal/resend.py shows again filled in when its token expired.)"""
    if request.method == "GET":
        return redirect(url_for(".detail", reference=reference))
    note = request.form.get("action") == "note"
    service = lifecycle.add_note if note else lifecycle.reply_to_enquiry
    done = _("The internal note has been saved.") if note else _("Your reply has been sent.")
    return post_message(reference, StaffMessageForm(), service, done, render_detail)


@bp.route("/<reference>/assign", methods=["POST"])
def assign(reference: str):
    enquiry = get_enquiry_for(current_user, reference, for_update=True)
    form = AssignForm()
    form.assignee_id.choices = [(u.id, u.name) for u in lifecycle.assignable_agents(enquiry)]
    if form.validate_on_submit():
        change_state(lambda actor, e: lifecycle.assign_enquiry(actor, e, form.assignee_id.data),
                     enquiry, _("The enquiry has been assigned."))
    else:
        flash(_("Please choose an agent of the enquiry's department."), "danger")
    return redirect(url_for(".detail", reference=enquiry.reference))


@bp.route("/<reference>/transfer", methods=["POST"])
def transfer(reference: str):
    enquiry = get_enquiry_for(current_user, reference, for_update=True)
    form = TransferForm()
    form.department_id.choices = [(d.id, d.name_zh) for d in
                                  queues.filter_choices(current_user)["departments"]]
    if not form.validate_on_submit():
        flash(_("Please choose a department and give the reason for the transfer."), "danger")
        return redirect(url_for(".detail", reference=enquiry.reference))
    transferred = change_state(
        lambda actor, e: lifecycle.transfer_enquiry(actor, e, form.department_id.data,
                                                    form.reason.data),
        enquiry, _("The enquiry has been transferred."))
    if transferred and not can_see(current_user, enquiry):
        return redirect(url_for(".index"))  # it has left this agent's queue
    return redirect(url_for(".detail", reference=enquiry.reference))


@bp.route("/<reference>/files/<int:file_id>/<path:name>")
def attachment(reference: str, file_id: int, name: str):
    enquiry = get_enquiry_for(current_user, reference)
    return file_response(attachment_for(enquiry, file_id, staff=True))
