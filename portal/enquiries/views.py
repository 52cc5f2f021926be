"""A visitor's own enquiry (/enquiries/thread/<token>), reached by the signed, expiring link
in the mails it sends: the conversation without internal notes, its files, and the rating
once it is closed. No account is needed; the token is the only key."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.enquiries import lifecycle
from portal.enquiries.forms import RatingForm
from portal.enquiries.visibility import attachment_for, get_guest_enquiry
from portal.files.services import file_response
from portal.security import private_link_page
from portal.state_changes import change_state

bp = Blueprint("enquiries", __name__, url_prefix="/enquiries")



def _render(enquiry, token, rating_form=None, status=200):
    return render_template("enquiries/thread.html", enquiry=enquiry, token=token,
                           rating_form=rating_form or RatingForm(formdata=None)), status


@bp.route("/thread/<token>")
@private_link_page
def thread(token: str):
    return _render(get_guest_enquiry(token), token)


@bp.route("/thread/<token>/rate", methods=["POST"])
@private_link_page
def rate(token: str):
    enquiry = get_guest_enquiry(token)
    form = RatingForm()
    if not form.validate_on_submit():
        return _render(enquiry, token, rating_form=form, status=400)
    change_state(lambda actor, e: lifecycle.rate_enquiry(None, e, form.rating.data,
                                                         form.comment.data),
                 enquiry, _("Thank you for your rating."))
    return redirect(url_for(".thread", token=token))


@bp.route("/thread/<token>/files/<int:file_id>/<path:name>")
@private_link_page
def attachment(token: str, file_id: int, name: str):
    return file_response(attachment_for(get_guest_enquiry(token), file_id, staff=False))


