"""Form pieces shared by every feature: the single-line filter, the e-mail field, dates, a
list of checkboxes, a list's filter form and its valid values, and the check of images in
rich text."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectMultipleField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.richtext import image_problems, sanitise_html

FIRST_YEAR, LAST_YEAR = 1900, 2999
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f\u00a0\u2028\u2029\u3000]+")


def single_line(value):
    """One line of text: control characters (CR/LF, NUL …) and runs of spaces become one
    space, and the ends are trimmed.

    Single-line values end up in e-mail headers, CSV cells and XML feeds, where a line break
    splits them and a control character breaks the document.
    """
    if value is None:
        return None
    return _CONTROL_OR_SPACE.sub(" ", str(value)).strip()


def upper_code(value):
    """A code typed by hand: no spaces, capitals (credit codes, postcodes)."""
    return single_line(value).replace(" ", "").upper() if value else value


REQUIRED_EMAIL = _l("Please enter an e-mail address.")


def email_field(label=None, *, required=REQUIRED_EMAIL) -> EmailField:
    """An e-mail address on one line: checked for its form, at most 254 characters.
    `required` is the message for an empty field; None makes the field optional."""
    validators = [
        Email(_l("Please enter a valid e-mail address."), check_deliverability=False),
        Length(max=254, message=_l("The e-mail address is too long.")),
    ]
    validators.insert(0, Optional() if required is None else DataRequired(required))
    return EmailField(label or _l("E-mail"), filters=[single_line], validators=validators)


class MultiCheckboxField(SelectMultipleField):
    """A choice of several values shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LocalDateField(DateField):
    """A date field (YYYY-MM-DD) whose parse error is one of our translated messages.

    Rendered as <input type="date">, which may only carry a valid date: browsers never send
    anything else from it, and a hand-made bad value is shown as an empty field with the error.
    """

    def _value(self):
        value = super()._value()
        if self.raw_data and self.data is None:
            return ""
        return value

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Please enter a date as YYYY-MM-DD.")) from error
        # Days far from now overflow when moved between time zones (a 500 in the audit log).
        if self.data is not None and not FIRST_YEAR <= self.data.year <= LAST_YEAR:
            self.data = None
            raise ValueError(_l("Please enter a date between the years %(first)d and %(last)d.",
                                first=FIRST_YEAR, last=LAST_YEAR))


class FilterForm(FlaskForm):
    """The filters above a list: a GET form read from the query string
    (`SomeFilterForm(request.args)`), without a CSRF token since it changes nothing."""

    class Meta:
        csrf = False


def valid_filters(form, names) -> dict:
    """Validate a list's filter form (GET) and return the named fields' values that passed:
    a bad filter is left out of the query and its message shown next to its field."""
    form.validate()
    return {name: form[name].data for name in names if not form[name].errors}


def rich_text_images(form, field) -> None:
    """A validator for rich-text fields (the editor of templates/_macros/editor.html): every
    image that the cleaner keeps has its text alternative and was uploaded through the editor."""
    without_alt, foreign = image_problems(sanitise_html(field.data))
    if without_alt:
        raise ValidationError(_l("Every image needs a description (alt text) for readers who "
                                 "cannot see it: click the image in the editor to add one."))
    if foreign:
        raise ValidationError(_l("Images must be added with the editor's image button: pictures "
                                 "from other sites cannot be shown."))
