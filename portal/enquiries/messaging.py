"""Posting a message from an enquiry page (members and staff alike): validate, run the
step, commit, or show the page again with the text kept and the reason (a form sent with an
expired token, or with files too large, comes back so too: portal/resend.py)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user

from portal.enquiries.forms import uploads_of
from portal.enquiries.lifecycle import EnquiryRuleBroken
from portal.enquiries.visibility import get_enquiry_for
from portal.extensions import db
from portal.files.services import UploadRejected, record_rejection


def post_message(reference: str, form, service, done: str, render):
    """service(user, enquiry, body, uploads, key) for a valid form, then back to the page;
    render(enquiry, form, status) shows the page again when something is wrong."""
    if not form.validate_on_submit():  # (an expired token too: portal/resend.py said so)
        return render(get_enquiry_for(current_user, reference), form, status=400)
    enquiry = get_enquiry_for(current_user, reference, for_update=True)
    try:
        service(current_user, enquiry, form.body.data, uploads_of(form.attachments),
                form.key.data)
    except UploadRejected as error:
        db.session.rollback()
        record_rejection(current_user, error)
        db.session.commit()
        form.attachments.errors = [f"{error.filename}: {error}"]
        return render(get_enquiry_for(current_user, reference), form, status=error.status)
    except EnquiryRuleBroken as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for(".detail", reference=enquiry.reference))
    db.session.commit()
    flash(done, "success")
    return redirect(url_for(".detail", reference=enquiry.reference, _anchor="latest"))
