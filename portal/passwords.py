"""Password rules: at least 8 characters, any characters, no common passwords; and the form
fields that apply them wherever a password is chosen (reset, invitation, change, the
create-user command)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 1024

# The most used passwords in published leak lists, plus obvious local ones.
COMMON = frozenset("""
12345678 123456789 1234567890 11111111 00000000 88888888 66666666 password password1
password123 passw0rd qwerty123 qwertyuiop 1qaz2wsx abc12345 abcd1234 iloveyou 123123123
12341234 987654321 a1234567 asdfghjk zxcvbnm1 11223344 aa123456 a12345678 woaini1314
5201314520 qq123456 admin123 administrator welcome1 letmein1 sunshine princess1 football
baseball1 superman trustno1 changeme portal123 member123 shanghai beijing123
""".split())


def password_problem(password: str | None):
    """A translatable message saying what is wrong with the password, or None."""
    if not password or len(password) < MIN_LENGTH:
        return _l("The password must have at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("The password may have at most %(n)d characters.", n=MAX_LENGTH)
    if password.casefold() in COMMON or len(set(password)) < 3:
        return _l("This password is too common. Please choose another.")
    return None


class StrongPassword:
    """password_problem() as a form validator."""

    def __call__(self, form, field):
        problem = password_problem(field.data)
        if problem:
            raise ValidationError(str(problem))


class NewPasswordFields:
    """A new password and its repetition, for a form class to mix in."""

    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Please choose a password.")), StrongPassword()])
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(_l("Please repeat the password.")),
        EqualTo("password", _l("The two passwords are not the same.")),
    ])
