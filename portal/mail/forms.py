"""The mail log's search and filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional, ValidationError

from portal.forms import FilterForm, LocalDateField, single_line

FILTERS = ("q", "status", "kind", "date_from", "date_to")


class MailFilterForm(FilterForm):
    """GET filters (no CSRF token); the view sets the status and kind choices."""

    q = SearchField(_l("Recipient or subject"), filters=[single_line],
                    validators=[Length(max=100)])
    status = SelectField(_l("Status"), default="", validate_choice=False)
    kind = SelectField(_l("Kind of mail"), default="", validate_choice=False)
    date_from = LocalDateField(_l("Queued from"), validators=[Optional()])
    date_to = LocalDateField(_l("Queued until"), validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date cannot be before the start date."))

    def filters(self) -> dict:
        """The valid filters; values outside the choices are dropped, never an error."""
        values = {name: self[name].data for name in FILTERS if not self[name].errors}
        for name in ("status", "kind"):
            if values.get(name) not in {value for value, _ in self[name].choices}:
                values.pop(name, None)
        return values
