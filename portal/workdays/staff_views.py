"""The holiday calendar for admins (/staff/holidays/): a year's special days, setting one,
removing one, and importing a pasted list."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.dates import today
from portal.extensions import db
from portal.workdays import services
from portal.workdays.calendar_import import parse_dates
from portal.workdays.forms import DayForm, ImportDatesForm

bp = Blueprint("holidays", __name__, url_prefix="/holidays")

require_role(bp, "admin")


def _year() -> int:
    year = request.args.get("year", type=int)
    return year if year is not None and 2000 <= year <= 2100 else today().year


def _render(year: int, day_form=None, import_form=None, import_errors=(), status=200):
    years = sorted({*services.calendar_years(), today().year, today().year + 1}, reverse=True)
    return render_template(
        "staff/holidays/index.html", year=year, years=years, days=services.calendar_year(year),
        day_form=day_form or DayForm(formdata=None, prefix="day"), import_errors=import_errors,
        import_form=import_form or ImportDatesForm(formdata=None, prefix="import")), status


@bp.route("/")
def index():
    return _render(_year())


@bp.route("/day", methods=["POST"])
def set_day():
    form = DayForm(prefix="day")
    if not form.validate_on_submit():
        return _render(_year(), day_form=form, status=400)
    services.set_day(current_user, form.day.data, form.kind.data, form.name.data)
    db.session.commit()
    flash(_("%(day)s has been saved in the calendar.", day=form.day.data.isoformat()), "success")
    return redirect(url_for(".index", year=form.day.data.year))


@bp.route("/<int:entry_id>/remove", methods=["POST"])
def remove(entry_id: int):
    day = services.remove_day(current_user, entry_id)
    db.session.commit()
    flash(_("%(day)s follows the ordinary week again.", day=day.isoformat()), "success")
    return redirect(url_for(".index", year=day.year))


@bp.route("/import", methods=["POST"])
def import_dates():
    form = ImportDatesForm(prefix="import")
    if not form.validate_on_submit():
        return _render(_year(), import_form=form, status=400)
    entries, errors = parse_dates(form.dates.data, form.kind.data)
    if errors:
        return _render(_year(), import_form=form, import_errors=errors, status=400)
    changed = services.import_days(current_user, entries)
    db.session.commit()
    flash(_("%(days)d dates read, %(changed)d changed in the calendar.", days=len(entries),
            changed=changed), "success")
    return redirect(url_for(".index", year=entries[0][0].year))
