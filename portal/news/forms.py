"""Forms of the editors' CMS; ArticleTextForm is the part other article-like editors (member
notices) share, through news.services."""

from __future__ import annotations

from datetime import UTC

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
from portal.dates import SHANGHAI
from portal.forms import FilterForm, MultiCheckboxField, rich_text_images, single_line
from portal.news.models import STATUSES

BODY_MAX = 200_000  # characters of HTML


def category_number(value) -> int:
    if value in (None, ""):
        return 0
    number = as_id(value)
    if number is None:
        raise ValueError(value)
    return number


class ArticleTextForm(FlaskForm):
    """The fields every article-like editor has (news articles, member notices): the two
    language versions, author and source, pinning, the publishing time and attachments."""

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
    attachments = MultipleFileField(_l("Add attachments"))
    remove_attachments = MultiCheckboxField(_l("Remove attachments"), coerce=int,
                                            validate_choice=False)

    # Fields a service accepts as they are; the others (files, schedule) take their own path.
    TEXT_FIELDS = ("title_zh", "summary_zh", "body_zh", "title_en", "summary_en", "body_en",
                   "author", "source", "author_en", "source_en", "pinned")

    def text_data(self) -> dict:
        return {name: getattr(self, name).data for name in self.TEXT_FIELDS}

    def publish_at_utc(self):
        """The publishing time typed in Beijing time, in UTC (None when empty)."""
        return beijing_to_utc(self.publish_at.data)

    def fill_from(self, article) -> None:
        """Show a stored article (GET of an edit form)."""
        for name in self.TEXT_FIELDS:
            getattr(self, name).data = getattr(article, name)
        self.publish_at.data = utc_to_beijing(article.publish_at)
        self.remove_attachments.choices = [(f.id, f.original_name) for f in article.attachments]


def beijing_to_utc(when):
    """A time typed in Beijing time (naive) as UTC, None for None."""
    return when.replace(tzinfo=SHANGHAI).astimezone(UTC) if when else None


def utc_to_beijing(when):
    """A stored UTC time as the naive Beijing time a datetime-local field shows."""
    return when.astimezone(SHANGHAI).replace(tzinfo=None) if when else None


class ArticleForm(ArticleTextForm):
    # The service checks that the category exists; "" is the placeholder's value.
    category_id = SelectField(_l("Category"), coerce=category_number, validate_choice=False,
                              validators=[DataRequired(_l("Please choose a category."))])
    cover_image = FileField(_l("Cover image"))
    cover_alt_zh = StringField(_l("Description of the cover image (Chinese)"),
                               filters=[single_line], validators=[Length(max=200)])
    cover_alt_en = StringField(_l("Description of the cover image (English)"),
                               filters=[single_line], validators=[Length(max=300)])
    remove_cover = BooleanField(_l("Remove the cover image"))
    # Saved by portal/news/oldsite/addresses.py, not by the article services.
    old_addresses = TextAreaField(_l("Old addresses"), validators=[Length(max=5000)])

    TEXT_FIELDS = ("category_id", *ArticleTextForm.TEXT_FIELDS, "cover_alt_zh", "cover_alt_en")

    # Set by the view when the article being edited has a cover already.
    has_saved_cover = False

    def validate_cover_alt_zh(self, field) -> None:
        """An article with a cover (kept or new) describes it for readers who cannot see it."""
        keeps_cover = self.has_saved_cover and not self.remove_cover.data
        if (keeps_cover or self.cover_image.data) and not field.data:
            raise ValidationError(_l("Please describe the cover image for readers who cannot "
                                     "see it."))


class ArticleFilterForm(FilterForm):
    category = SelectField(_l("Category"), coerce=str, validate_choice=False)
    status = SelectField(_l("Status"), choices=[("", _l("All statuses")), *STATUSES.items()],
                         validate_choice=False)
    language = SelectField(_l("English version"), validate_choice=False, choices=[
        ("", _l("With or without")), ("complete", _l("Has an English version")),
        ("missing", _l("No English version"))])
    q = StringField(_l("Title contains"), filters=[single_line], validators=[Length(max=100)])
