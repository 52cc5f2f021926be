"""The members' enquiry screens (/members/enquiries/): their enterprise's enquiries, a new
one, its page with the conversation (no internal notes), replying, closing and rating."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.enquiries import lifecycle, queues
from portal.enquiries.forms import EnquiryForm, MessageForm, RatingForm, page_argument, uploads_of
from portal.enquiries.messaging import post_message
from portal.enquiries.submission import SubmissionRefused, active_categories, submit_enquiry
from portal.enquiries.visibility import attachment_for, get_enquiry_for
from portal.extensions import db
from portal.files.services import UploadRejected, file_response, record_rejection
from portal.i18n import current_language
from portal.state_changes import change_state

bp = Blueprint("enquiries", __name__, url_prefix="/enquiries")
PER_PAGE = 20
SHOW = ("open", "closed", "all")


@bp.route("/")
def index():
    show = request.args.get("show", "open")
    show = show if show in SHOW else "open"
    number = page_argument(request.args)
    if number is None:
        abort(404)
    page = db.paginate(queues.member_list(current_user, show=show), page=number,
                       per_page=PER_PAGE, max_per_page=100)
    return render_template("members/enquiries/index.html", page=page, show=show)


def _new_form() -> EnquiryForm:
    form = EnquiryForm()
    form.category_id.choices = [("", _("Not sure: the secretariat will route it"))] + [
        (str(c.id), c.display_name(current_language())) for c in active_categories()]
    return form


def _render_new(form, status=200):
    return render_template("members/enquiries/create.html", form=form), status


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = _new_form()
    if not form.validate_on_submit():
        return _render_new(form, 400 if form.is_submitted() else 200)
    try:
        submitted = submit_enquiry(
            current_user, key=form.key.data, category_id=int(form.category_id.data or 0) or None,
            subject=form.subject.data, body=form.body.data, channel=form.channel.data,
            phone=form.phone.data, uploads=uploads_of(form.attachments))
    except UploadRejected as error:
        db.session.rollback()
        record_rejection(current_user, error)
        db.session.commit()
        form.attachments.errors = [f"{error.filename}: {error}"]
        return _render_new(form, error.status)
    except SubmissionRefused as error:
        db.session.rollback()
        flash(error.message, "danger")
        return _render_new(form, 400)
    reference = submitted.enquiry.reference
    db.session.commit()
    flash(_("Your enquiry %(reference)s has been sent to the secretariat. We have sent you a "
            "confirmation by e-mail.", reference=reference), "success")
    return redirect(url_for(".detail", reference=reference))


def render_detail(enquiry, message_form=None, status=200, rating_form=None):
    return render_template(
        "members/enquiries/detail.html", enquiry=enquiry,
        message_form=message_form or MessageForm(formdata=None),
        rating_form=rating_form or RatingForm(formdata=None)), status


@bp.route("/<reference>")
def detail(reference: str):
    return render_detail(get_enquiry_for(current_user, reference))


@bp.route("/<reference>/message", methods=["GET", "POST"])
def message(reference: str):
    """A member's message. (GET only leads back to the page: answering GET makes this a form
    page, which portal/resend.py shows again filled in when its token expired.)"""
    if request.method == "GET":
        return redirect(url_for(".detail", reference=reference))
    return post_message(reference, MessageForm(), lifecycle.member_reply,
                        _("Your message has been sent to the secretariat."), render_detail)


@bp.route("/<reference>/close", methods=["POST"])
def close(reference: str):
    enquiry = get_enquiry_for(current_user, reference, for_update=True)
    change_state(lifecycle.close_enquiry, enquiry, _("The enquiry has been closed. Please tell "
                                                     "us how satisfied you are."))
    return redirect(url_for(".detail", reference=enquiry.reference, _anchor="rating"))


@bp.route("/<reference>/rate", methods=["POST"])
def rate(reference: str):
    form = RatingForm()
    if not form.validate_on_submit():
        return render_detail(get_enquiry_for(current_user, reference), rating_form=form,
                             status=400)
    enquiry = get_enquiry_for(current_user, reference, for_update=True)
    change_state(lambda actor, e: lifecycle.rate_enquiry(actor, e, form.rating.data,
                                                         form.comment.data),
                 enquiry, _("Thank you for your rating."))
    return redirect(url_for(".detail", reference=enquiry.reference))


@bp.route("/<reference>/files/<int:file_id>/<path:name>")
def attachment(reference: str, file_id: int, name: str):
    enquiry = get_enquiry_for(current_user, reference)
    return file_response(attachment_for(enquiry, file_id, staff=False))
