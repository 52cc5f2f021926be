"""The audit log's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional, ValidationError

from portal.forms import LocalDateField, single_line


class AuditFilterForm(FlaskForm):
    """GET filters: who (name or e-mail), which action or kind, from and to (Beijing dates)."""

    class Meta:
        csrf = False

    user = SearchField(_l("User (name or e-mail)"), filters=[single_line],
                       validators=[Length(max=100)])
    action = SelectField(_l("Action"), default="", validate_choice=False)
    kind = SelectField(_l("Events"), default="", choices=[
        ("", _l("All events")), ("security", _l("Security events only"))])
    date_from = LocalDateField(_l("From"), validators=[Optional()])
    date_to = LocalDateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date cannot be before the start date."))
