"""Who sees which enquiry, decided in one place (ARCHITECTURE.md, "Access to one object").

Members: their own enterprise's enquiries (every user of the enterprise). Agents: their
department's enquiries, which holds all that is assigned to them (an enquiry is only ever
assigned to an agent of its department, and a transfer takes it from its agent), and what
was transferred to their department. Admins: everything. Anyone else, and
anything else: NotFound, exactly as for a reference that does not exist. Internal notes
are for the secretariat only. Visitors reach their own enquiry through a signed link.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import false, select, true
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import User
from portal.enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage, MessageAttachment
from portal.errors import NotFound
from portal.extensions import db
from portal.files.models import StoredFile

FILE_PURPOSE = "enquiry"


def is_secretariat(user) -> bool:
    """Staff who work on enquiries: agents and admins."""
    return bool(getattr(user, "is_authenticated", False) and user.has_role("agent"))


def visible_to(user):
    """The SQL condition "the user may see this enquiry"."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return false()
    if user.is_member:
        return Enquiry.enterprise_id == user.enterprise_id
    if user.has_role("admin"):
        return true()
    if user.has_role("agent") and user.department_id is not None:
        # One column, so that each queue is read along an index in its order; an OR with
        # the assignee made every list sort all of a department's enquiries.
        return Enquiry.department_id == user.department_id
    return false()


def can_see(user, enquiry: Enquiry) -> bool:
    """The Python twin of visible_to()."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if user.is_member:
        return enquiry.enterprise_id is not None and enquiry.enterprise_id == user.enterprise_id
    if user.has_role("admin"):
        return True
    return (user.has_role("agent") and user.department_id is not None
            and enquiry.department_id == user.department_id)


def _page_options():
    """What an enquiry page shows, loaded in a fixed number of queries."""
    return (joinedload(Enquiry.category), joinedload(Enquiry.department),
            joinedload(Enquiry.assignee), joinedload(Enquiry.author),
            joinedload(Enquiry.enterprise),
            selectinload(Enquiry.messages).options(
                joinedload(EnquiryMessage.author).joinedload(User.department),
                selectinload(EnquiryMessage.attachments).joinedload(MessageAttachment.file)),
            selectinload(Enquiry.events).joinedload(EnquiryEvent.actor))


def get_enquiry_for(user, reference: str, *, for_update: bool = False) -> Enquiry:
    """The enquiry with this reference if the user may see it, with everything its page
    shows; NotFound otherwise. for_update: locked for a change (the caller writes)."""
    query = select(Enquiry).where(Enquiry.reference == (reference or "")[:20], visible_to(user))
    if for_update:
        # Lock the row first (PostgreSQL refuses FOR UPDATE beside outer joins), then load.
        query = query.with_for_update(of=Enquiry)
        enquiry = db.session.scalars(query).first()
        if enquiry is None:
            raise NotFound()
        return enquiry
    enquiry = db.session.scalars(query.options(*_page_options())).unique().first()
    if enquiry is None:
        raise NotFound()
    return enquiry


def attachment_for(enquiry: Enquiry, file_id: int, *, staff: bool) -> StoredFile:
    """A file attached to one of this enquiry's messages (not an internal note's, unless
    staff); NotFound for any other id, such as another enquiry's attachment."""
    query = (select(StoredFile).join(MessageAttachment, MessageAttachment.file_id == StoredFile.id)
             .join(EnquiryMessage, EnquiryMessage.id == MessageAttachment.message_id)
             .where(StoredFile.id == file_id, EnquiryMessage.enquiry_id == enquiry.id))
    if not staff:
        query = query.where(EnquiryMessage.internal.is_(False))
    stored = db.session.scalar(query)
    if stored is None:
        raise NotFound()
    return stored


def can_download_file(stored: StoredFile, user) -> bool:
    """/files/<id>/<name> for enquiry attachments: whoever may see the enquiry, except an
    internal note's files, which only the secretariat may download."""
    row = db.session.execute(
        select(Enquiry, EnquiryMessage.internal)
        .join(EnquiryMessage, EnquiryMessage.enquiry_id == Enquiry.id)
        .join(MessageAttachment, MessageAttachment.message_id == EnquiryMessage.id)
        .where(MessageAttachment.file_id == stored.id)).first()
    if row is None:
        return False
    enquiry, internal = row
    if internal and not is_secretariat(user):
        return False
    return can_see(user, enquiry)


# Visitors' links -------------------------------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="portal.enquiry-thread")


def guest_token(enquiry: Enquiry) -> str:
    """The signed token of a visitor's link to their enquiry (GUEST_LINK_MAX_AGE)."""
    return _serializer().dumps([enquiry.id, enquiry.reference])


def get_guest_enquiry(token: str) -> Enquiry:
    """The guest enquiry a valid, unexpired token names; NotFound for anything else."""
    try:
        enquiry_id, reference = _serializer().loads(
            token, max_age=int(current_app.config["GUEST_LINK_MAX_AGE"]))
    except (BadData, ValueError, TypeError):
        raise NotFound() from None
    if not isinstance(enquiry_id, int) or not isinstance(reference, str):
        raise NotFound()
    enquiry = db.session.scalars(select(Enquiry).where(
        Enquiry.id == enquiry_id, Enquiry.reference == reference,
        Enquiry.enterprise_id.is_(None)).options(*_page_options())).unique().first()
    if enquiry is None:
        raise NotFound()
    return enquiry
