"""Reports (/staff/reports/): per department and month, as charts, a table, CSV and Excel."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from portal.access import require_role
from portal.dates import today
from portal.departments.services import all_departments
from portal.enquiries import reports
from portal.i18n import current_language

bp = Blueprint("reports", __name__, url_prefix="/reports")

require_role(bp, "agent")

TYPES = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _selection():
    year = request.args.get("year", type=int)
    year = year if year is not None and 2000 <= year <= 2100 else today().year
    departments = all_departments()
    department_id = request.args.get("department", type=int)
    if department_id not in {d.id for d in departments}:
        department_id = None
    return year, department_id, departments


@bp.route("/")
def index():
    year, department_id, departments = _selection()
    report = reports.monthly_report(year, department_id)
    lang = current_language()
    return render_template("staff/reports/index.html", report=report, year=year,
                           department_id=department_id, departments=departments,
                           chart=reports.chart_data(report, lang),
                           month_label=reports.month_label)


@bp.route("/export.<kind>")
def export(kind: str):
    if kind not in TYPES:
        abort(404)
    year, department_id, _departments = _selection()
    report = reports.monthly_report(year, department_id)
    lang = current_language()
    data = reports.as_csv(report, lang) if kind == "csv" else reports.as_xlsx(report, lang)
    name = f"enquiries-{year}{'-d' + str(department_id) if department_id else ''}.{kind}"
    return Response(data, mimetype=TYPES[kind],
                    headers={"Content-Disposition": f"attachment; filename={name}"})
