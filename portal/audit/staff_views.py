"""The audit log screen (/staff/audit/) and its Excel download: admins only."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.audit.forms import KINDS, AuditFilterForm
from portal.audit.queries import (
    action_label,
    audit_query,
    detail_label,
    each_readable_event,
    readable,
    readable_events,
    recorded_actions,
    safe_details,
)
from portal.audit.services import record_event
from portal.dates import today
from portal.extensions import db
from portal.features import audit_actions, audit_targets
from portal.i18n import current_language
from portal.spreadsheets import xlsx_response

bp = Blueprint("audit", __name__, url_prefix="/audit")
PER_PAGE = 50
# The newest events one download holds: a request must end within gunicorn's timeout (bench/
# staff.py measures it); older ones are reached by narrowing the dates.
MAX_EXPORT_ROWS = 50_000

require_role(bp, "admin")


def _filter_form() -> AuditFilterForm:
    form = AuditFilterForm(request.args)
    actions = sorted(set(audit_actions()) | set(recorded_actions()))
    labelled = sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1])
    form.action.choices = [("", _("All actions")), *labelled]
    form.kind.choices = [("", _("All events")), *((k, str(label)) for k, label in KINDS.items())]
    form.target_type.choices = [("", _("All objects")), *(
        (name, str(target.label or name)) for name, target in audit_targets().items())]
    form.validate()
    return form


@bp.route("/")
def index():
    form = _filter_form()
    filters = form.filters()
    page = db.paginate(audit_query(**filters), per_page=PER_PAGE, max_per_page=200)
    return render_template("staff/audit/index.html", form=form, page=page,
                           filters=filters, events=readable_events(page.items,
                                                                   current_language()),
                           safe_details=safe_details, readable=readable,
                           detail_label=detail_label, max_export=MAX_EXPORT_ROWS)


@bp.route("/export.xlsx")
def export():
    """The filtered log as an Excel workbook, newest first (at most MAX_EXPORT_ROWS), written
    to a temporary file and streamed."""
    filters = _filter_form().filters()
    language = current_language()
    record_event(current_user, "audit.exported", filters={
        k: str(v) for k, v in filters.items() if v not in (None, "")})
    db.session.commit()
    header = [_("Time (Beijing)"), _("Person"), _("E-mail"), _("Action"), _("What happened"),
              _("Object"), _("Address"), _("Event details")]
    rows = ([told.local_time, told.actor, told.event.actor.email if told.event.actor else "",
             told.label, told.text, told.target, told.event.address,
             "; ".join(f"{detail_label(key)}: {readable(value)}"
                       for key, value in safe_details(told.event.details).items())]
            for told in each_readable_event(audit_query(**filters).limit(MAX_EXPORT_ROWS),
                                            language))
    return xlsx_response(f"audit-log-{today().isoformat()}.xlsx", _("Audit log"), header, rows,
                         widths=[20, 16, 26, 20, 60, 30, 16, 40])
