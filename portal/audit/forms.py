"""The audit log's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SearchField, SelectField
from wtforms.validators import Length, Optional, ValidationError

from portal.forms import FilterForm, LocalDateField, single_line

# The groups of actions (AuditAction.kind in portal/features.py) and their filter labels.
KINDS = {"security": _l("Security events only")}
FILTERS = ("user", "action", "kind", "target_type", "target_id", "date_from", "date_to")


class AuditFilterForm(FilterForm):
    """GET filters: who (name or e-mail), which action or kind of action, which object (a type,
    and one object of it when its history is asked for), from and to (Beijing dates). The
    choices are set by the view from what the features declare."""

    user = SearchField(_l("Person (name or e-mail)"), filters=[single_line],
                       validators=[Length(max=100)])
    action = SelectField(_l("Action"), default="", validate_choice=False)
    kind = SelectField(_l("Events"), default="", validate_choice=False)
    target_type = SelectField(_l("Object"), default="", validate_choice=False)
    target_id = HiddenField()
    date_from = LocalDateField(_l("From"), validators=[Optional()])
    date_to = LocalDateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date cannot be before the start date."))

    def filters(self) -> dict:
        """The valid filters, values outside the choices dropped (never an error)."""
        values = {name: self[name].data for name in FILTERS if not self[name].errors}
        for name in ("action", "kind", "target_type"):
            if values.get(name) not in {value for value, _ in self[name].choices}:
                values.pop(name, None)
        target_id = str(values.pop("target_id", "") or "")
        if values.get("target_type") and target_id.isascii() and target_id.isdigit() \
                and len(target_id) < 12:
            values["target_id"] = int(target_id)
        return values
