"""Forms of the editors' CMS."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.converters import as_id
from portal.forms import MultiCheckboxField, rich_text_images, single_line
from portal.news.models import STATUSES

BODY_MAX = 200_000  # characters of HTML


def category_number(value) -> int:
    if value in (None, ""):
        return 0
    number = as_id(value)
    if number is None:
        raise ValueError(value)
    return number


class ArticleForm(FlaskForm):
    # The service checks that the category exists; "" is the placeholder's value.
    category_id = SelectField(_l("Category"), coerce=category_number, validate_choice=False,
                              validators=[DataRequired(_l("Please choose a category."))])
    title_zh = StringField(_l("Title (Chinese)"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the Chinese title.")), Length(max=200)])
    summary_zh = TextAreaField(_l("Summary (Chinese)"), validators=[Length(max=500)])
    body_zh = TextAreaField(_l("Body (Chinese)"),
                            validators=[Length(max=BODY_MAX), rich_text_images])
    title_en = StringField(_l("Title (English)"), filters=[single_line],
                           validators=[Length(max=300)])
    summary_en = TextAreaField(_l("Summary (English)"), validators=[Length(max=1000)])
    body_en = TextAreaField(_l("Body (English)"),
                            validators=[Length(max=BODY_MAX), rich_text_images])
    author = StringField(_l("Author"), filters=[single_line], validators=[Length(max=100)])
    source = StringField(_l("Source"), filters=[single_line], validators=[Length(max=100)])
    author_en = StringField(_l("Author (English)"), filters=[single_line],
                            validators=[Length(max=200)])
    source_en = StringField(_l("Source (English)"), filters=[single_line],
                            validators=[Length(max=200)])
    pinned = BooleanField(_l("Pin to the top of lists"))
    publish_at = DateTimeLocalField(_l("Publish at (Beijing time)"), format="%Y-%m-%dT%H:%M",
                                    validators=[Optional()])
    cover_image = FileField(_l("Cover image"))
    cover_alt_zh = StringField(_l("Description of the cover image (Chinese)"),
                               filters=[single_line], validators=[Length(max=200)])
    cover_alt_en = StringField(_l("Description of the cover image (English)"),
                               filters=[single_line], validators=[Length(max=300)])
    remove_cover = BooleanField(_l("Remove the cover image"))
    attachments = MultipleFileField(_l("Add attachments"))
    remove_attachments = MultiCheckboxField(_l("Remove attachments"), coerce=int,
                                            validate_choice=False)
    # Saved by portal/news/oldsite/addresses.py, not by the article services.
    old_addresses = TextAreaField(_l("Old addresses"), validators=[Length(max=5000)])

    # Fields a service accepts as they are; the others (files, schedule) take their own path.
    TEXT_FIELDS = ("category_id", "title_zh", "summary_zh", "body_zh", "title_en", "summary_en",
                   "body_en", "author", "source", "author_en", "source_en", "cover_alt_zh",
                   "cover_alt_en", "pinned")

    # Set by the view when the article being edited has a cover already.
    has_saved_cover = False

    def text_data(self) -> dict:
        return {name: getattr(self, name).data for name in self.TEXT_FIELDS}

    def validate_cover_alt_zh(self, field) -> None:
        """An article with a cover (kept or new) describes it for readers who cannot see it."""
        keeps_cover = self.has_saved_cover and not self.remove_cover.data
        if (keeps_cover or self.cover_image.data) and not field.data:
            raise ValidationError(_l("Please describe the cover image for readers who cannot "
                                     "see it."))


class ArticleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    category = SelectField(_l("Category"), coerce=str, validate_choice=False)
    status = SelectField(_l("Status"), choices=[("", _l("All statuses")), *STATUSES.items()],
                         validate_choice=False)
    language = SelectField(_l("English version"), validate_choice=False, choices=[
        ("", _l("With or without")), ("complete", _l("Has an English version")),
        ("missing", _l("No English version"))])
    q = StringField(_l("Title contains"), filters=[single_line], validators=[Length(max=100)])
