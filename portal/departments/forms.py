"""The department form (create and rename)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.forms import single_line


class DepartmentForm(FlaskForm):
    name_zh = StringField(_l("Chinese name"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the department's Chinese name.")),
        Length(max=100, message=_l("At most %(max)d characters."))])
    name_en = StringField(_l("English name"), filters=[single_line], validators=[
        Length(max=200, message=_l("At most %(max)d characters."))])
