"""The audit log screen (/staff/audit/): admins only."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from portal.access import require_role
from portal.audit.forms import AuditFilterForm
from portal.audit.queries import (
    action_label,
    audit_query,
    readable,
    recorded_actions,
    safe_details,
    targets_of,
)
from portal.extensions import db
from portal.features import audit_labels
from portal.forms import valid_filters

bp = Blueprint("audit", __name__, url_prefix="/audit")
PER_PAGE = 50

require_role(bp, "admin")


@bp.route("/")
def index():
    form = AuditFilterForm(request.args)
    actions = sorted(set(audit_labels()) | set(recorded_actions()))
    form.action.choices = [("", _("All actions"))] + [(a, action_label(a)) for a in actions]
    filters = valid_filters(form, ("user", "action", "date_from", "date_to"))
    if filters.get("action") not in actions:
        filters.pop("action", None)
    page = db.paginate(audit_query(**filters), per_page=PER_PAGE, max_per_page=200)
    return render_template("staff/audit/index.html", form=form, page=page,
                           targets=targets_of(page.items), action_label=action_label,
                           safe_details=safe_details, readable=readable)
