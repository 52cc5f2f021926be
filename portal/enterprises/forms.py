"""Forms for the staff screens of member enterprises: edit, list filters, import upload."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.enterprises.creditcode import valid_credit_code
from portal.enterprises.models import AUDIENCE_SCOPES, LEVELS, STATUSES
from portal.forms import FilterForm, LocalDateField, MultiCheckboxField, single_line, upper_code


class EnterpriseForm(FlaskForm):
    name_zh = StringField(_l("Chinese name"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the enterprise's Chinese name.")),
        Length(max=200, message=_l("At most %(max)d characters.")),
    ])
    name_en = StringField(_l("English name"), filters=[single_line], validators=[
        Length(max=300, message=_l("At most %(max)d characters.")),
    ])
    credit_code = StringField(_l("Unified social credit code"), filters=[upper_code], validators=[
        DataRequired(_l("Please enter the unified social credit code.")), valid_credit_code,
    ])
    level = SelectField(_l("Membership level"), choices=list(LEVELS.items()), default="member")
    joined_on = LocalDateField(_l("Joined on"), validators=[Optional()])
    expires_on = LocalDateField(_l("Membership expires on"), validators=[Optional()])

    def validate_expires_on(self, field):
        if field.data and self.joined_on.data and field.data < self.joined_on.data:
            raise ValidationError(_l("The expiry date cannot be before the joining date."))


class EnterpriseFilterForm(FilterForm):
    """The list's search box and filters (GET, no CSRF token)."""

    q = SearchField(_l("Keywords"), filters=[single_line],
                    validators=[Length(max=100)])
    level = SelectField(_l("Membership level"), choices=[("", _l("All levels")),
                                                        *LEVELS.items()], default="")
    status = SelectField(_l("Status"), choices=[("", _l("All statuses")), *STATUSES.items()],
                         default="")
    expiring = BooleanField(_l("Expiring within 60 days"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or Excel file"), validators=[
        FileRequired(_l("Please choose a file.")),
        FileAllowed(["csv", "xlsx"], _l("Please choose a .csv or .xlsx file.")),
    ])


class ConfirmImportForm(FlaskForm):
    token = HiddenField()


class AudienceFields:
    """The audience of a notice or material, as three fields of the owner's form (a mixin
    before FlaskForm). The view fills `audience_enterprises.choices` with
    services.active_enterprise_choices(); the service (set_audience) checks the choice."""

    audience_scope = RadioField(_l("Who may read it"), choices=list(AUDIENCE_SCOPES.items()),
                                default="all")
    audience_levels = MultiCheckboxField(_l("Membership levels"), choices=list(LEVELS.items()),
                                         validate_choice=True)
    audience_enterprises = SelectMultipleField(_l("Enterprises"), coerce=int,
                                               validate_choice=False)

    def audience_data(self) -> dict:
        return {"scope": self.audience_scope.data, "levels": self.audience_levels.data or [],
                "enterprise_ids": self.audience_enterprises.data or []}

    def fill_audience(self, audience) -> None:
        """Show a stored audience (GET of an edit form)."""
        self.audience_scope.data = audience.scope
        self.audience_levels.data = audience.levels
        self.audience_enterprises.data = audience.enterprise_ids
