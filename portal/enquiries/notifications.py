"""The mails an enquiry's steps send, through the outbox (in the caller's transaction), each
rendered in its recipient's language: acknowledgement, new in a department's queue,
transferred, answered, reopened, closed (with the rating link), and the overdue reminder.

A visitor's mails carry a signed link to their enquiry instead of a sign-in; a reply's text
goes in the mail itself to visitors and to members who asked for an answer by e-mail.
Internal notes never reach any mail: only reply messages are passed in.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.enquiries.models import Enquiry, EnquiryMessage
from portal.enquiries.visibility import guest_token
from portal.extensions import db
from portal.mail.services import external_url, queue_mail


def department_agents(department_id: int) -> list[User]:
    """The active agents of a department; when it has none, the active admins, so that a
    new enquiry is never announced to nobody."""
    staff = select(User).where(User.kind == "staff", User.active.is_(True)).order_by(User.id)
    agents = [user for user in db.session.scalars(staff.where(
        User.department_id == department_id, User.roles.contains("agent")))
        if "agent" in user.role_set]
    if agents:
        return agents
    return [user for user in db.session.scalars(staff.where(User.roles.contains("admin")))
            if "admin" in user.role_set]


def submitter_recipients(enquiry: Enquiry) -> list[tuple[str, str, str | None]]:
    """(address, name, language) of whom the secretariat answers: the visitor, the member
    who asked, or (when that account has gone) the enterprise's primary contacts."""
    if enquiry.is_guest:
        return [(enquiry.guest_email, enquiry.guest_name, enquiry.language)]
    author = enquiry.author
    if author is not None and author.active:
        return [(author.email, author.name, author.language)]
    contacts = db.session.scalars(select(User).where(
        User.enterprise_id == enquiry.enterprise_id, User.active.is_(True),
        User.is_primary_contact.is_(True)).order_by(User.id))
    return [(user.email, user.name, user.language) for user in contacts]


def submitter_link(enquiry: Enquiry) -> str:
    if enquiry.is_guest:
        return external_url("enquiries.thread", token=guest_token(enquiry))
    return external_url("members.enquiries.detail", reference=enquiry.reference)


def staff_link(enquiry: Enquiry) -> str:
    return external_url("staff.enquiries.detail", reference=enquiry.reference)


def _to_submitter(enquiry: Enquiry, template: str, **context) -> None:
    link = submitter_link(enquiry)
    for address, name, language in submitter_recipients(enquiry):
        queue_mail(address, template, language, name=name, enquiry=enquiry, link=link,
                   guest=enquiry.is_guest, **context)


def _to_staff(users, enquiry: Enquiry, template: str, **context) -> None:
    link = staff_link(enquiry)
    for user in users:
        queue_mail(user.email, template, user.language, name=user.name, enquiry=enquiry,
                   link=link, **context)


def acknowledge(enquiry: Enquiry) -> None:
    _to_submitter(enquiry, "enquiry_received")


def announce_new(enquiry: Enquiry) -> None:
    _to_staff(department_agents(enquiry.department_id), enquiry, "enquiry_new")


def announce_transfer(enquiry: Enquiry, from_department, reason: str) -> None:
    _to_staff(department_agents(enquiry.department_id), enquiry, "enquiry_transferred",
              from_department=from_department, reason=reason)


def announce_answer(enquiry: Enquiry, reply: EnquiryMessage) -> None:
    if reply.internal:
        raise ValueError("an internal note is never mailed")
    with_text = enquiry.is_guest or enquiry.channel == "email"
    _to_submitter(enquiry, "enquiry_answered", reply=reply if with_text else None)


def announce_reopened(enquiry: Enquiry, message: EnquiryMessage) -> None:
    assignee = enquiry.assignee
    users = ([assignee] if assignee is not None and assignee.active
             else department_agents(enquiry.department_id))
    _to_staff(users, enquiry, "enquiry_reopened", message=message)


def announce_closed(enquiry: Enquiry) -> None:
    _to_submitter(enquiry, "enquiry_closed")


def send_reminder(agent: User, enquiries: list[Enquiry]) -> None:
    queue_mail(agent.email, "enquiry_overdue", agent.language, name=agent.name,
               enquiries=[(enquiry, staff_link(enquiry)) for enquiry in enquiries],
               queue_link=external_url("staff.enquiries.index", overdue="y"))
