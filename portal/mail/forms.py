"""The outgoing-mail list's filter."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from portal.mail.models import STATUSES
from portal.mail.services import UNDELIVERED


class MailFilterForm(FlaskForm):
    """GET filter: one of the undelivered statuses, or all of them ("")."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), default="", validate_choice=False, choices=[
        ("", _l("All undelivered")), *((code, STATUSES[code]) for code in UNDELIVERED)])
