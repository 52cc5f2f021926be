"""Filters and fields shared by the forms of every feature."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
FIRST_YEAR, LAST_YEAR = 1900, 2999


def single_line(value):
    """Trimmed, with CR/LF and other control characters turned into a space.

    Single-line values end up in e-mail headers and CSV cells, where a line break splits them.
    """
    if value is None:
        return None
    return _CONTROL.sub(" ", str(value)).strip()


def upper_code(value):
    """A code typed by hand: no spaces, capitals (credit codes, postcodes)."""
    return single_line(value).replace(" ", "").upper() if value else value


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
