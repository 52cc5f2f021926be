"""Forms of one's own account (profile, language, password) and a primary contact's
invitation of a colleague."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.forms import email_field, single_line
from portal.i18n import LANGUAGES
from portal.passwords import MAX_LENGTH, NewPasswordFields


class ChangePasswordForm(NewPasswordFields, FlaskForm):
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


class NoticeMailForm(FlaskForm):
    notice_mail = BooleanField(_l("E-mail me when a member notice is published for my "
                                  "enterprise, and reminders to acknowledge one"))
