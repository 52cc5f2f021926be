"""The audit log screen (/staff/audit/): admins only."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from portal import staff
from portal.areas import require_role
from portal.audit.actions import ACTION_LABELS, action_label
from portal.audit.forms import AuditFilterForm
from portal.audit.queries import (
    audit_query,
    readable,
    recorded_actions,
    safe_details,
    target_names,
)
from portal.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/audit")
PER_PAGE = 50


require_role(bp, "admin")


@bp.route("/")
def index():
    form = AuditFilterForm(request.args)
    actions = sorted(set(ACTION_LABELS) | set(recorded_actions()))
    form.action.choices = [("", _("All actions"))] + [(a, action_label(a)) for a in actions]
    form.validate()
    filters = {name: form[name].data for name in ("user", "action", "kind", "date_from", "date_to")
               if not form[name].errors}
    if filters.get("action") not in actions:
        filters.pop("action", None)
    page = db.paginate(audit_query(**filters), per_page=PER_PAGE, max_per_page=200)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("staff/audit/index.html", form=form, page=page, args=args,
                           targets=target_names(page.items), action_label=action_label,
                           safe_details=safe_details, readable=readable)


staff.bp.register_blueprint(bp)
