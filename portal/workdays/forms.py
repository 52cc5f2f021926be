"""The holiday calendar's forms: one day, and a pasted list of dates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import LocalDateField, single_line
from portal.workdays.models import KINDS


def _kind_field(label):
    return SelectField(label, choices=list(KINDS.items()), default="holiday",
                       validate_choice=True)


class DayForm(FlaskForm):
    day = LocalDateField(_l("Date"), validators=[DataRequired(_l("Please enter a date."))])
    kind = _kind_field(_l("Kind of day"))
    name = StringField(_l("Name (e.g. 春节)"), filters=[single_line], validators=[
        Length(max=60, message=_l("At most %(max)d characters."))])


class ImportDatesForm(FlaskForm):
    dates = TextAreaField(_l("Dates, one day or range a line"), validators=[
        DataRequired(_l("Please paste at least one date.")),
        Length(max=20000, message=_l("At most %(max)d characters."))])
    kind = _kind_field(_l("Kind of the lines that do not say"))
