"""Forms of the user administration screens: filters, editing, invitations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SearchField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from portal.accounts.models import KINDS, ROLES
from portal.forms import FilterForm, MultiCheckboxField, email_field, single_line
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES

NAME_LENGTH = Length(max=100, message=_l("At most %(max)d characters."))


def _name_field():
    return StringField(_l("Name"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the name.")), NAME_LENGTH])


def _roles_field():
    return MultiCheckboxField(_l("Roles"), choices=list(ROLES.items()), validate_choice=True)


def _department_field():
    return SelectField(_l("Department"), coerce=int, validate_choice=True)


class UserFilterForm(FilterForm):
    """The user list's search box and filters (GET, no CSRF token)."""

    q = SearchField(_l("Keywords"), filters=[single_line], validators=[Length(max=100)])
    kind = SelectField(_l("Kind"), choices=[("", _l("All kinds")), *KINDS.items()], default="")
    role = SelectField(_l("Role"), choices=[("", _l("All roles")), *ROLES.items()], default="")
    active = SelectField(_l("Account"), choices=[
        ("", _l("All accounts")), ("yes", _l("Active")), ("no", _l("Deactivated"))], default="")


class StaffUserForm(FlaskForm):
    name = _name_field()
    department_id = _department_field()
    roles = _roles_field()


class MemberUserForm(FlaskForm):
    name = _name_field()
    is_primary_contact = BooleanField(_l("Primary contact of the enterprise"))


def _language_field():
    return SelectField(_l("Language of the invitation"), choices=list(LANGUAGES.items()),
                       default=DEFAULT_LANGUAGE)


class InviteStaffForm(FlaskForm):
    email = email_field()
    name = _name_field()
    department_id = _department_field()
    roles = _roles_field()
    language = _language_field()


class InviteMemberForm(FlaskForm):
    email = email_field()
    name = _name_field()
    # A name or a credit code; the view finds the enterprise (enterprises.pick_enterprise).
    enterprise = StringField(_l("Enterprise (name or credit code)"), filters=[single_line],
                             validators=[DataRequired(_l("Please enter the enterprise's name.")),
                                         Length(max=200)])
    is_primary_contact = BooleanField(_l("Primary contact of the enterprise"))
    language = _language_field()
