"""Forms for signing in and for the links sent by mail (forgot, reset, invitation)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length

from portal.forms import email_field
from portal.passwords import NewPasswordFields


class LoginForm(FlaskForm):
    email = email_field(required=_l("Please enter your e-mail address."))
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Please enter your password.")), Length(max=1024),
    ])
    remember = BooleanField(_l("Remember me on this device"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class NewPasswordForm(NewPasswordFields, FlaskForm):
    """Choosing a password from a reset or invitation link."""
