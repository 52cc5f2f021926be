"""Forms of the study-material screens: the editor, the categories, the list filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import IntegerField, SearchField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.enterprises.services import AudienceFields
from portal.forms import FilterForm, MultiCheckboxField, single_line
from portal.materials.models import STATUSES

BODY_MAX = 200_000


def category_number(value) -> int:
    return int(value) if value not in (None, "") else 0


class MaterialForm(AudienceFields, FlaskForm):
    category_id = SelectField(_l("Category"), coerce=category_number, validate_choice=False,
                              validators=[DataRequired(_l("Please choose a category."))])
    title_zh = StringField(_l("Title (Chinese)"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the Chinese title.")), Length(max=200)])
    description_zh = TextAreaField(_l("Description (Chinese)"), validators=[Length(max=1000)])
    body_zh = TextAreaField(_l("Text (Chinese, optional)"), validators=[Length(max=BODY_MAX)])
    title_en = StringField(_l("Title (English)"), filters=[single_line],
                           validators=[Length(max=300)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Length(max=2000)])
    body_en = TextAreaField(_l("Text (English, optional)"), validators=[Length(max=BODY_MAX)])
    files = MultipleFileField(_l("Add files"))
    remove_files = MultiCheckboxField(_l("Remove files"), coerce=int, validate_choice=False)

    TEXT_FIELDS = ("category_id", "title_zh", "description_zh", "body_zh", "title_en",
                   "description_en", "body_en")

    def material_data(self) -> dict:
        data = {name: getattr(self, name).data for name in self.TEXT_FIELDS}
        return {**data, "audience": self.audience_data()}

    def fill_from(self, material) -> None:
        for name in self.TEXT_FIELDS:
            getattr(self, name).data = getattr(material, name)
        self.fill_audience(material.audience)


class CategoryForm(FlaskForm):
    name_zh = StringField(_l("Name (Chinese)"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the Chinese name.")), Length(max=60)])
    name_en = StringField(_l("Name (English)"), filters=[single_line],
                          validators=[Length(max=120)])
    position = IntegerField(_l("Position in lists"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=999)])


class MaterialFilterForm(FilterForm):
    category = SelectField(_l("Category"), coerce=str, validate_choice=False)
    status = SelectField(_l("Status"), choices=[("", _l("All statuses")), *STATUSES.items()],
                         validate_choice=False)
    q = SearchField(_l("Keywords"), filters=[single_line], validators=[Length(max=100)])
