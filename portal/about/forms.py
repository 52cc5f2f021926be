"""The about-page editor's form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from portal.forms import rich_text_images, single_line

BODY_MAX = 200_000  # characters of HTML


class AboutPageForm(FlaskForm):
    title_zh = StringField(_l("Title (Chinese)"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the Chinese title.")), Length(max=60)])
    body_zh = TextAreaField(_l("Text (Chinese)"), validators=[Length(max=BODY_MAX),
                                                            rich_text_images])
    title_en = StringField(_l("Title (English)"), filters=[single_line],
                           validators=[Length(max=120)])
    body_en = TextAreaField(_l("Text (English)"), validators=[Length(max=BODY_MAX),
                                                            rich_text_images])
    slug = StringField(_l("Address"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the page's address.")), Length(max=60),
        Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
               message=_l("Use lower-case letters, digits and hyphens, e.g. join-us."))])
    in_navigation = BooleanField(_l("Show in the main navigation"), default=True)
