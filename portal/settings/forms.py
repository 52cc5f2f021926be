"""The site settings form (the footer record)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from portal.forms import email_field, single_line


def _length(n):
    return Length(max=n, message=_l("At most %(max)d characters."))


PHONE = Regexp(r"^[0-9+()\- ]*$", message=_l(
    "Only digits, spaces and + ( ) - are allowed in a telephone number."))


class SiteSettingsForm(FlaskForm):
    site_name_zh = StringField(_l("Site name (Chinese)"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the site name.")), _length(100)])
    site_name_en = StringField(_l("Site name (English)"), filters=[single_line],
                               validators=[_length(200)])
    hotline = StringField(_l("Service hotline"), filters=[single_line],
                          validators=[_length(40), PHONE])
    fax = StringField(_l("Fax"), filters=[single_line], validators=[_length(40), PHONE])
    email = email_field(required=None)
    address_zh = StringField(_l("Address (Chinese)"), filters=[single_line],
                             validators=[_length(200)])
    address_en = StringField(_l("Address (English)"), filters=[single_line],
                             validators=[_length(300)])
    postcode = StringField(_l("Postcode"), filters=[single_line], validators=[
        _length(12), Regexp(r"^[0-9A-Za-z \-]*$", message=_l(
            "Only digits and letters are allowed in a postcode."))])
    icp_number = StringField(_l("ICP filing number"), filters=[single_line],
                             validators=[_length(60)])
    security_filing_number = StringField(_l("Public security filing number"),
                                         filters=[single_line], validators=[_length(60)])

