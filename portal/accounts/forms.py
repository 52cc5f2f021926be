"""Forms for signing in."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), filters=[lambda v: v.strip() if v else v], validators=[
        DataRequired(_l("Please enter your e-mail address.")),
        Email(_l("Please enter a valid e-mail address."), check_deliverability=False),
        Length(max=254),
    ])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Please enter your password.")), Length(max=1024),
    ])
    remember = BooleanField(_l("Remember me on this device"))
    next = HiddenField()
