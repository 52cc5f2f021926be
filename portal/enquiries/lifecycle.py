"""An enquiry's steps after submission: accepting, handling, replying, internal notes, a
member's reply (which reopens an answered enquiry), closing, rating, assignment and
transfer. Each step is recorded on the timeline (EnquiryEvent or the message itself) with
who and when, and sends its mails.

已提交 submitted → 已受理 accepted → 办理中 in progress → 已答复 answered → 已办结 closed.
The caller loads the enquiry with get_enquiry_for(user, reference, for_update=True), which
has already answered NotFound to anyone who may not see it; each step checks again what
the actor may do (writes are checked apart from reads) and raises NotFound or
EnquiryRuleBroken.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from portal.accounts.models import User
from portal.database import utcnow
from portal.departments.models import Department
from portal.enquiries import notifications
from portal.enquiries.models import RATINGS, Enquiry, EnquiryEvent, EnquiryMessage
from portal.enquiries.submission import UNCATEGORISED_DEADLINE_DAYS, attach_files
from portal.enquiries.visibility import can_see, is_secretariat
from portal.errors import Conflict, NotFound
from portal.extensions import db
from portal.workdays.services import deadline, working_minutes_between


class EnquiryRuleBroken(Conflict):
    """A step the enquiry's state does not allow (the message says which)."""


def _staff(actor, enquiry: Enquiry) -> None:
    if not (is_secretariat(actor) and can_see(actor, enquiry)):
        raise NotFound()


def _member(actor, enquiry: Enquiry) -> None:
    if not (getattr(actor, "is_member", False) and can_see(actor, enquiry)):
        raise NotFound()


def _event(enquiry: Enquiry, actor, kind: str, *, internal: bool = False, **details):
    now = utcnow()
    enquiry.events.append(EnquiryEvent(actor_id=getattr(actor, "id", None), kind=kind,
                                       internal=internal, details=details, created_at=now))
    enquiry.updated_at = now
    return now


def _names(department: Department) -> dict:
    return {"zh": department.name_zh, "en": department.name_en}


def _not_closed(enquiry: Enquiry) -> None:
    if enquiry.status == "closed":
        raise EnquiryRuleBroken(_l("This enquiry is closed."))


def _existing_message(enquiry: Enquiry, key: str | None) -> EnquiryMessage | None:
    """The message a re-sent form already made (same key, same enquiry), else None."""
    if not key:
        return None
    message = db.session.scalar(select(EnquiryMessage).where(EnquiryMessage.submission_key == key))
    if message is not None and message.enquiry_id != enquiry.id:
        raise EnquiryRuleBroken(_l("This form could not be accepted. Please send it again."))
    return message


def _add_message(enquiry: Enquiry, actor, kind: str, body: str, uploads, key, internal=False):
    now = utcnow()
    message = EnquiryMessage(author_id=getattr(actor, "id", None), author_kind=kind,
                             internal=internal, body=body, created_at=now,
                             submission_key=key or None)
    attach_files(actor, message, uploads)
    enquiry.messages.append(message)
    enquiry.updated_at = now
    db.session.flush()
    return message


def accept_enquiry(actor, enquiry: Enquiry) -> None:
    """A new enquiry is accepted (已受理); the agent who accepts it takes it unless it is
    assigned already."""
    _staff(actor, enquiry)
    if enquiry.status != "submitted":
        raise EnquiryRuleBroken(_l("Only a new enquiry can be accepted."))
    enquiry.status = "accepted"
    _event(enquiry, actor, "accepted")
    if (enquiry.assignee_id is None and "agent" in actor.role_set
            and actor.department_id == enquiry.department_id):
        enquiry.assignee = getattr(actor, "_get_current_object", lambda: actor)()
        _event(enquiry, actor, "assigned", internal=True, assignee=actor.name)
    db.session.flush()


def start_enquiry(actor, enquiry: Enquiry) -> None:
    """Work begins (办理中)."""
    _staff(actor, enquiry)
    if enquiry.status not in ("submitted", "accepted"):
        raise EnquiryRuleBroken(_l("This enquiry is already being handled."))
    enquiry.status = "in_progress"
    _event(enquiry, actor, "started")
    db.session.flush()


def reply_to_enquiry(actor, enquiry: Enquiry, body: str, uploads=(), key=None) -> EnquiryMessage:
    """The secretariat's answer (已答复): the member sees it and is told by mail. The first
    answer's time is kept for the reports, in working minutes."""
    _staff(actor, enquiry)
    if (message := _existing_message(enquiry, key)) is not None:
        return message
    _not_closed(enquiry)
    message = _add_message(enquiry, actor, "staff", body, uploads, key)
    enquiry.status = "answered"
    if enquiry.first_answered_at is None:
        enquiry.first_answered_at = message.created_at
        enquiry.first_response_minutes = working_minutes_between(enquiry.submitted_at,
                                                                 message.created_at)
    db.session.flush()
    notifications.announce_answer(enquiry, message)
    return message


def add_note(actor, enquiry: Enquiry, body: str, uploads=(), key=None) -> EnquiryMessage:
    """An internal note: for the secretariat only, never shown or mailed to the member."""
    _staff(actor, enquiry)
    if (message := _existing_message(enquiry, key)) is not None:
        return message
    return _add_message(enquiry, actor, "staff", body, uploads, key, internal=True)


def member_reply(actor, enquiry: Enquiry, body: str, uploads=(), key=None) -> EnquiryMessage:
    """A member's message. After an answer it reopens the enquiry (办理中 again, with a new
    deadline of the category's working days) and tells the agent."""
    _member(actor, enquiry)
    if (message := _existing_message(enquiry, key)) is not None:
        return message
    if enquiry.status == "closed":
        raise EnquiryRuleBroken(_l("This enquiry is closed. Please submit a new enquiry."))
    message = _add_message(enquiry, actor, "member", body, uploads, key)
    if enquiry.status == "answered":
        enquiry.status = "in_progress"
        days = enquiry.category.deadline_days if enquiry.category else None
        enquiry.due_at = deadline(message.created_at, days or UNCATEGORISED_DEADLINE_DAYS)
        _event(enquiry, actor, "reopened")
        db.session.flush()
        notifications.announce_reopened(enquiry, message)
    return message


def close_enquiry(actor, enquiry: Enquiry) -> None:
    """Closed (已办结) by the secretariat or by a member of the enterprise; the member is
    asked for a rating when the secretariat closes it."""
    if getattr(actor, "is_member", False):
        _member(actor, enquiry)
    else:
        _staff(actor, enquiry)
    _not_closed(enquiry)
    enquiry.status = "closed"
    enquiry.closed_at = _event(enquiry, actor, "closed")
    db.session.flush()
    if not getattr(actor, "is_member", False):
        notifications.announce_closed(enquiry)


def rate_enquiry(actor, enquiry: Enquiry, rating: str, comment: str = "") -> None:
    """One rating per closed enquiry, by a member of the enterprise (or the visitor who
    asked: actor None, reached through their signed link)."""
    if actor is not None:
        _member(actor, enquiry)
    elif not enquiry.is_guest:
        raise NotFound()
    if rating not in RATINGS:
        raise EnquiryRuleBroken(_l("Please choose a rating."))
    if enquiry.status != "closed":
        raise EnquiryRuleBroken(_l("An enquiry can be rated once it is closed."))
    now = utcnow()
    # One statement decides, so two ratings sent at the same moment cannot both count.
    rated = db.session.execute(
        update(Enquiry).where(Enquiry.id == enquiry.id, Enquiry.rating.is_(None))
        .values(rating=rating, rating_comment=comment or "", rated_at=now)
        .execution_options(synchronize_session=False))
    if rated.rowcount != 1:
        raise EnquiryRuleBroken(_l("This enquiry has already been rated."))
    for name, value in (("rating", rating), ("rating_comment", comment or ""), ("rated_at", now)):
        set_committed_value(enquiry, name, value)
    _event(enquiry, actor, "rated", rating=rating)
    db.session.flush()


def assignable_agents(enquiry: Enquiry) -> list[User]:
    """The active agents of the enquiry's department."""
    return [user for user in db.session.scalars(select(User).where(
        User.kind == "staff", User.active.is_(True), User.department_id == enquiry.department_id,
        User.roles.contains("agent")).order_by(User.name, User.id)) if "agent" in user.role_set]


def assign_enquiry(actor, enquiry: Enquiry, assignee_id: int) -> User:
    """Give the enquiry to an agent of its department (oneself included)."""
    _staff(actor, enquiry)
    _not_closed(enquiry)
    assignee = next((a for a in assignable_agents(enquiry) if a.id == assignee_id), None)
    if assignee is None:
        raise EnquiryRuleBroken(_l("Please choose an agent of the enquiry's department."))
    if enquiry.assignee_id != assignee.id:
        enquiry.assignee = assignee
        _event(enquiry, actor, "assigned", internal=True, assignee=assignee.name)
        db.session.flush()
    return assignee


def transfer_enquiry(actor, enquiry: Enquiry, department_id: int, reason: str) -> Department:
    """Hand the enquiry to another department, with the reason (for the secretariat only);
    it leaves its agent, keeps its deadline, and the new department's agents are told."""
    _staff(actor, enquiry)
    _not_closed(enquiry)
    target = db.session.get(Department, department_id)
    if target is None or target.id == enquiry.department_id:
        raise EnquiryRuleBroken(_l("Please choose another department."))
    source = enquiry.department
    enquiry.department_id, enquiry.department = target.id, target
    enquiry.assignee = None
    _event(enquiry, actor, "transferred", **{"from": _names(source), "to": _names(target)})
    _event(enquiry, actor, "transfer_reason", internal=True, reason=reason)
    db.session.flush()
    notifications.announce_transfer(enquiry, source, reason)
    return target
