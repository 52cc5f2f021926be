"""/staff/mail/: the mail log (every mail, its state and attempts, never its text), and
sending a waiting or failed mail again. Admins only."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.extensions import db
from portal.features import mail_kinds
from portal.mail.forms import MailFilterForm
from portal.mail.models import STATUSES
from portal.mail.services import mail_log_query, retry_message
from portal.reading import plan_for_values

bp = Blueprint("mail", __name__, url_prefix="/mail")
PER_PAGE = 50

require_role(bp, "admin")


@bp.route("/")
def index():
    form = MailFilterForm(request.args)
    kinds = {name: str(label) for name, label in mail_kinds().items()}
    form.status.choices = [("", _("All")), ("undelivered", _("Not delivered yet or failed")),
                           *((code, str(label)) for code, label in STATUSES.items())]
    form.kind.choices = [("", _("All kinds")), *sorted(kinds.items(), key=lambda kv: kv[1])]
    form.validate()
    filters = form.filters()
    if filters.get("q"):
        # PostgreSQL: planned for the term, which the trigram index answers only when it has
        # three characters or more (migration p001); a shorter one is read by a scan.
        plan_for_values(db.session)
    page = db.paginate(mail_log_query(**filters), per_page=PER_PAGE, max_per_page=200)
    return render_template("staff/mail/index.html", form=form, page=page, kinds=kinds)


@bp.route("/<int:message_id>/retry", methods=["POST"])
def retry(message_id: int):
    message = retry_message(current_user, message_id)
    db.session.commit()
    flash(_("The message to %(recipient)s will be sent again shortly.",
            recipient=message.recipient), "success")
    back = {k: v for k, v in request.form.items() if k in ("q", "status", "kind", "page") and v}
    return redirect(url_for(".index", **back))
