"""New enquiries: from members (/members/enquiries/new) and from visitors (the contact
page). Routing, the deadline, the reference, attachments and the first mails, in the
transaction of the submission.

Idempotency: each form carries a one-time key, unique in the database. A double click or a
re-sent form finds the enquiry the key already made and returns it (found before writing,
or, when both arrive at once, after the unique index refused the second: the attempt's
rows are undone in a savepoint and the first one's enquiry is returned). The files of a
submission are written, checked and moved into place before their rows are added
(files.services.save_upload), so a failure leaves at most an unused blob, never a row
without its file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.database import utcnow
from portal.departments.services import default_department
from portal.enquiries import notifications
from portal.enquiries.models import (
    Enquiry,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryMessage,
    MessageAttachment,
)
from portal.enquiries.references import next_reference
from portal.enquiries.visibility import FILE_PURPOSE
from portal.errors import PortalError
from portal.extensions import db
from portal.files.services import save_upload
from portal.workdays.services import deadline

log = logging.getLogger(__name__)

ATTACHMENT_KINDS = ("pdf", "office", "image")
# Working days to answer what has no category (visitors' messages, "not sure").
UNCATEGORISED_DEADLINE_DAYS = 5


class SubmissionRefused(PortalError):
    message = _l("This form could not be accepted. Please send it again.")


@dataclass
class Submitted:
    enquiry: Enquiry
    created: bool  # False: the form had been sent before, and this is what it made


def active_categories() -> list[EnquiryCategory]:
    return list(db.session.scalars(select(EnquiryCategory).where(
        EnquiryCategory.active.is_(True)).order_by(EnquiryCategory.position,
                                                   EnquiryCategory.id)))


def route(category: EnquiryCategory | None) -> tuple[int, int]:
    """(department id, working days to answer) for a category, or for none."""
    if category is not None and category.department_id is not None:
        return category.department_id, category.deadline_days
    department = default_department()
    if department is None:
        raise SubmissionRefused(_l("The secretariat has no department to receive enquiries "
                                   "yet. Please call the service hotline."))
    days = category.deadline_days if category is not None else UNCATEGORISED_DEADLINE_DAYS
    return department.id, days


def _by_key(key: str) -> Enquiry | None:
    return db.session.scalar(select(Enquiry).where(Enquiry.submission_key == key))


def _same_sender(enquiry: Enquiry, author_id: int | None, guest_email: str) -> Enquiry:
    if enquiry.author_id != author_id or (author_id is None
                                          and enquiry.guest_email != guest_email):
        # Another sender's key (it cannot be guessed): say nothing about their enquiry.
        raise SubmissionRefused()
    return enquiry


def store_uploads(actor, uploads) -> list:
    """Store each upload (checked by extension and content) as a StoredFile. Raises
    files.services.UploadRejected / FileTooLarge."""
    return [save_upload(actor, upload, ATTACHMENT_KINDS, FILE_PURPOSE) for upload in uploads]


def attach_files(actor, message: EnquiryMessage, uploads) -> None:
    """Store the uploads and attach them to the message."""
    for stored in store_uploads(actor, uploads):
        message.attachments.append(MessageAttachment(file=stored))


def _create(actor, *, key: str, fields: dict, body: str, uploads, category) -> Submitted:
    author_id = getattr(actor, "id", None)
    guest_email = fields.get("guest_email", "")
    existing = _by_key(key)
    if existing is not None:
        return Submitted(_same_sender(existing, author_id, guest_email), False)
    department_id, days = route(category)
    now = utcnow()
    due = deadline(now, days)
    # The files first: written, checked and in place before the enquiry's rows are written.
    stored = store_uploads(actor, uploads)
    try:
        with db.session.begin_nested():
            enquiry = Enquiry(submission_key=key, category_id=getattr(category, "id", None),
                              department_id=department_id, author_id=author_id,
                              status="submitted", submitted_at=now, updated_at=now,
                              first_due_at=due, due_at=due, **fields)
            message = EnquiryMessage(author_id=author_id, body=body, created_at=now,
                                     author_kind="member" if author_id else "guest",
                                     attachments=[MessageAttachment(file=f) for f in stored])
            enquiry.messages.append(message)
            enquiry.events.append(EnquiryEvent(actor_id=author_id, kind="submitted",
                                               created_at=now))
            # Last: the counter row stays locked until the commit, so take it late.
            enquiry.reference = next_reference(now)
            db.session.add(enquiry)
            db.session.flush()
    except IntegrityError:
        existing = _by_key(key)
        if existing is None:
            raise
        log.info("submission key seen twice at once; returning %s", existing.reference)
        for unused in stored:  # this attempt's copies; the first one's enquiry has its own
            db.session.delete(unused)
        return Submitted(_same_sender(existing, author_id, guest_email), False)
    notifications.acknowledge(enquiry)
    notifications.announce_new(enquiry)
    return Submitted(enquiry, True)


def submit_enquiry(actor, *, key: str, category_id: int | None, subject: str, body: str,
                   channel: str, phone: str = "", uploads=()) -> Submitted:
    """A member's enquiry for their enterprise, routed by its category (none: the default
    department). Only these fields come from the form: status, department, enterprise and
    author are the portal's. Raises SubmissionRefused, UploadRejected."""
    if not getattr(actor, "is_member", False):
        raise SubmissionRefused()
    category = None
    if category_id:
        category = db.session.get(EnquiryCategory, category_id)
        if category is None or not category.active:
            raise SubmissionRefused(_l("Please choose a category from the list."))
    fields = dict(enterprise_id=actor.enterprise_id, subject=subject, channel=channel,
                  phone=phone or "", language=actor.language or "zh_CN")
    return _create(actor, key=key, fields=fields, body=body, uploads=uploads, category=category)


def submit_guest_enquiry(*, key: str, name: str, email: str, phone: str, subject: str,
                         body: str, language: str) -> Submitted:
    """A visitor's message from the contact page: a guest enquiry in the default
    department's queue, answered by mail. Raises SubmissionRefused."""
    fields = dict(guest_name=name, guest_email=email.strip().casefold(), phone=phone or "",
                  subject=subject, channel="email", language=language)
    return _create(None, key=key, fields=fields, body=body, uploads=(), category=None)
