"""/staff/mail/: admins see mail not yet delivered and can send it again."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.extensions import db
from portal.mail.forms import MailFilterForm
from portal.mail.services import UNDELIVERED, retry_message, undelivered_messages

bp = Blueprint("mail", __name__, url_prefix="/mail")

require_role(bp, "admin")


@bp.route("/")
def index():
    form = MailFilterForm(request.args)
    if form.status.data not in UNDELIVERED:
        form.status.data = ""
    status = form.status.data
    page = db.paginate(undelivered_messages(status), per_page=50, error_out=False)
    return render_template("staff/mail/index.html", form=form, page=page, status=status)


@bp.route("/<int:message_id>/retry", methods=["POST"])
def retry(message_id: int):
    message = retry_message(current_user, message_id)
    db.session.commit()
    flash(_("The message to %(recipient)s will be sent again shortly.",
            recipient=message.recipient), "success")
    return redirect(url_for(".index", status=request.form.get("status") or None))

