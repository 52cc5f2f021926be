"""Forms for passwords (forgot, reset, invitation, change), one's own profile, and colleagues."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from portal.accounts.passwords import MAX_LENGTH, password_problem
from portal.i18n import LANGUAGES


def single_line(value):
    """Collapse whitespace, CR/LF included (single-line fields end up in mail headers)."""
    return " ".join(value.split()) if value else value


def email_field():
    return EmailField(_l("E-mail"), filters=[lambda v: v.strip() if v else v], validators=[
        DataRequired(_l("Please enter an e-mail address.")),
        Email(_l("Please enter a valid e-mail address."), check_deliverability=False),
        Length(max=254, message=_l("The e-mail address is too long.")),
    ])


class StrongPassword:
    """The password rules of portal.accounts.passwords, as a form validator."""

    def __call__(self, form, field):
        problem = password_problem(field.data)
        if problem:
            raise ValidationError(str(problem))


class NewPasswordMixin:
    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Please choose a password.")), StrongPassword()])
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(_l("Please repeat the password.")),
        EqualTo("password", _l("The two passwords are not the same.")),
    ])


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class NewPasswordForm(NewPasswordMixin, FlaskForm):
    """Choosing a password from a reset or invitation link."""


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Please enter your current password.")), Length(max=MAX_LENGTH)])


def name_field():
    return StringField(_l("Name"), filters=[single_line], validators=[
        DataRequired(_l("Please enter a name.")),
        Length(max=100, message=_l("At most %(max)d characters, please.")),
    ])


class ProfileForm(FlaskForm):
    name = name_field()
    phone = StringField(_l("Phone"), filters=[single_line], validators=[
        Optional(),
        Length(max=40, message=_l("At most %(max)d characters, please.")),
        Regexp(r"^\+?[0-9][0-9 ()\-]*(?:(?:ext\.?|x|转)\s?[0-9]+)?$",
               message=_l("Please enter a phone number with digits, spaces, +, - or brackets.")),
    ])


class LanguageForm(FlaskForm):
    # No DataRequired: it adds `required`, which a select without a blank option may not have;
    # the choice check refuses an empty or unknown value anyway.
    language = SelectField(_l("Language of pages and e-mail"), choices=list(LANGUAGES.items()))


class InviteColleagueForm(FlaskForm):
    name = name_field()
    email = email_field()
    language = SelectField(_l("Language of the invitation"), choices=list(LANGUAGES.items()))
