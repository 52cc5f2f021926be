"""The enquiry forms: submitting (members, and visitors on the contact page), messages,
the staff's steps (assign, transfer), rating, and the queue's filters. A new enquiry and a
message carry a one-time key, so that sending one twice makes it once."""

from __future__ import annotations

import re
import secrets

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from portal.enquiries.models import CHANNELS, RATINGS
from portal.forms import FilterForm, email_field, single_line

SUBJECT_LENGTH = 100
BODY_LENGTH = 5000
MAX_FILES = 5
# Control characters other than tab and line feed (NUL breaks PostgreSQL and XML).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_PHONE = re.compile(r"^[0-9+()\- ]{5,40}$")
TOO_LONG = _l("At most %(max)d characters.")


def multi_line(value):
    """Text of several lines: Windows and old Mac line ends become \\n, other control
    characters go, trailing spaces of each line go, and the ends are trimmed."""
    if value is None:
        return None
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return "\n".join(line.rstrip() for line in value.split("\n")).strip()


def new_key() -> str:
    return secrets.token_urlsafe(24)


def _key_field():
    """The form's one-time key: the service finds the enquiry or message it already made."""
    return HiddenField(default=new_key, validators=[
        DataRequired(), Regexp(r"^[A-Za-z0-9_-]{16,64}$")])


def _subject_field(label):
    return StringField(label, filters=[single_line], validators=[
        DataRequired(_l("Please enter a subject.")), Length(max=SUBJECT_LENGTH, message=TOO_LONG)])


WRITE_MESSAGE = _l("Please write your message.")


def _body_field(label):
    return TextAreaField(label, filters=[multi_line], validators=[
        DataRequired(WRITE_MESSAGE), Length(max=BODY_LENGTH, message=TOO_LONG)])


def _phone_field(label):
    return StringField(label, filters=[single_line], validators=[
        Optional(), Regexp(_PHONE, message=_l("Please enter a telephone number."))])


def _files_field():
    return MultipleFileField(_l("Attachments"))


def uploads_of(field) -> list:
    """The files actually chosen in a file field (browsers send an empty part for none)."""
    return [f for f in (field.data or []) if getattr(f, "filename", "")]


class _WithFiles(FlaskForm):
    attachments = _files_field()

    def validate_attachments(self, field):
        if len(uploads_of(field)) > MAX_FILES:
            raise ValidationError(_l("At most %(count)d files at a time.", count=MAX_FILES))


class EnquiryForm(_WithFiles):
    """A member's new enquiry (/members/enquiries/new)."""

    category_id = SelectField(_l("Enquiry category"), validate_choice=True)
    subject = _subject_field(_l("Subject"))
    body = _body_field(_l("Your question or request"))
    channel = RadioField(_l("How would you like the answer?"), choices=list(CHANNELS.items()),
                         default="portal", validate_choice=True)
    phone = _phone_field(_l("Telephone (for an answer by telephone)"))
    key = _key_field()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.channel.data == "phone" and not self.phone.data and not self.phone.errors:
            # Here, not in a field validator: the field's Optional() ends its own checks.
            self.phone.errors = [_l("Please give a telephone number for an answer by "
                                    "telephone.")]
            return False
        return valid


class GuestEnquiryForm(FlaskForm):
    """A visitor's message on the contact page; it becomes a guest enquiry."""

    name = StringField(_l("Your name"), filters=[single_line], validators=[
        DataRequired(_l("Please enter your name.")), Length(max=100, message=TOO_LONG)])
    email = email_field(_l("Your e-mail address (for our reply)"))
    phone = _phone_field(_l("Telephone (optional)"))
    subject = _subject_field(_l("Subject"))
    body = _body_field(_l("Message"))
    # The honeypot: hidden from people, filled in by robots that fill in every field.
    website = StringField(_l("Leave this field empty"))
    key = _key_field()


class MessageForm(_WithFiles):
    """A member's message in the conversation."""

    body = _body_field(_l("Your message"))
    key = _key_field()


class StaffMessageForm(_WithFiles):
    """A reply to the member, or an internal note (the button says which)."""

    body = _body_field(_l("Message"))
    key = _key_field()


class AssignForm(FlaskForm):
    assignee_id = SelectField(_l("Assign to"), coerce=int, validate_choice=True)


class TransferForm(FlaskForm):
    department_id = SelectField(_l("Transfer to"), coerce=int, validate_choice=True)
    reason = TextAreaField(_l("Reason (for the secretariat only)"), filters=[multi_line],
                           validators=[DataRequired(_l("Please give the reason.")),
                                       Length(max=500, message=TOO_LONG)])


class RatingForm(FlaskForm):
    rating = RadioField(_l("How satisfied are you with the answer?"),
                        choices=list(RATINGS.items()), validate_choice=True,
                        validators=[DataRequired(_l("Please choose a rating."))])
    comment = TextAreaField(_l("Comment (optional)"), filters=[multi_line], validators=[
        Length(max=1000, message=TOO_LONG)])


QUEUE_STATUSES = [
    ("", _l("Waiting for us")),
    ("submitted", _l("New")),
    ("accepted", _l("Accepted")),
    ("in_progress", _l("In progress")),
    ("answered", _l("Answered")),
    ("closed", _l("Closed")),
    ("all", _l("All")),
]


class QueueFilterForm(FilterForm):
    """The staff queue's filters (GET, no CSRF token); unknown values are ignored."""

    status = SelectField(_l("Status"), choices=QUEUE_STATUSES, default="")
    category = SelectField(_l("Enquiry category"), default="")
    department = SelectField(_l("Department"), default="")
    assignee = SelectField(_l("Assignee"), default="")
    overdue = BooleanField(_l("Overdue only"))
    q = SearchField(_l("Reference, subject or enterprise"), filters=[single_line],
                    validators=[Length(max=100)])


class CategoryForm(FlaskForm):
    name_zh = StringField(_l("Chinese name"), filters=[single_line], validators=[
        DataRequired(_l("Please enter the category's Chinese name.")),
        Length(max=60, message=TOO_LONG)])
    name_en = StringField(_l("English name"), filters=[single_line], validators=[
        Length(max=120, message=TOO_LONG)])
    department_id = SelectField(_l("Department that answers"), validate_choice=True)
    deadline_days = IntegerField(_l("Deadline in working days"), default=5, validators=[
        InputRequired(_l("Please enter a number of working days.")),
        NumberRange(1, 60, _l("Between %(min)d and %(max)d working days."))])
    position = IntegerField(_l("Position in the list"), default=0, validators=[
        Optional(), NumberRange(0, 999)])
    active = BooleanField(_l("Offered in the enquiry form"), default=True)


class CannedReplyForm(FlaskForm):
    department_id = SelectField(_l("Department"), coerce=int, validate_choice=True)
    title = StringField(_l("Title"), filters=[single_line], validators=[
        DataRequired(_l("Please enter a title.")), Length(max=100, message=TOO_LONG)])
    body = TextAreaField(_l("Text"), filters=[multi_line], validators=[
        DataRequired(_l("Please enter the text.")), Length(max=BODY_LENGTH, message=TOO_LONG)])


MAX_PAGE = 100_000


def page_argument(args) -> int | None:
    """The list's ?page= (1 when absent); None when it is not a page any list could have
    (negative, or beyond what the database can skip): the view answers 404."""
    page = args.get("page", 1, type=int)
    return page if 1 <= page <= MAX_PAGE else None
