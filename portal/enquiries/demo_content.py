"""Loads the demo enquiries (portal/enquiries/demo_stories.py): categories, canned replies
and some thirty enquiries across states and departments, some overdue, some rated.

The rows are written as the services would have written them at the stories' times
(references in order, deadlines on the holiday calendar, working minutes to the first
answer), but without mail: loading the demo sends nobody anything.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.database import utcnow
from portal.dates import SHANGHAI
from portal.departments.models import Department
from portal.enquiries.demo_stories import CANNED, CATEGORIES, STORIES, Story
from portal.enquiries.models import (
    CannedReply,
    Enquiry,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryMessage,
    MessageAttachment,
)
from portal.enquiries.references import next_reference
from portal.enquiries.submission import ATTACHMENT_KINDS, route
from portal.enquiries.visibility import FILE_PURPOSE
from portal.extensions import db
from portal.files.samples import pdf_document
from portal.files.services import save_bytes
from portal.workdays.services import deadline, working_minutes_between


def _submitted_at(story: Story, now: datetime) -> datetime:
    day = now.astimezone(SHANGHAI).date() - timedelta(days=story.days_ago)
    return datetime.combine(day, time.fromisoformat(story.time), SHANGHAI).astimezone(UTC)


class _Builder:
    def __init__(self, enquiry: Enquiry, users: dict, departments: dict, days: int):
        self.enquiry, self.users, self.departments, self.days = enquiry, users, departments, days

    def event(self, at, who, kind, internal=False, **details):
        self.enquiry.events.append(EnquiryEvent(actor_id=getattr(who, "id", None), kind=kind,
                                                internal=internal, details=details,
                                                created_at=at))

    def message(self, at, who, kind, text, internal=False):
        message = EnquiryMessage(author_id=getattr(who, "id", None), author_kind=kind,
                                 internal=internal, body=text, created_at=at)
        self.enquiry.messages.append(message)
        return message

    def step(self, at, kind, who, *args):
        enquiry = self.enquiry
        if kind == "accept":
            enquiry.status = "accepted"
            self.event(at, who, "accepted")
            if enquiry.assignee is None and "agent" in who.role_set:
                enquiry.assignee = who
                self.event(at, who, "assigned", internal=True, assignee=who.name)
        elif kind == "start":
            enquiry.status = "in_progress"
            self.event(at, who, "started")
        elif kind == "reply":
            self.message(at, who, "staff", args[0])
            enquiry.status = "answered"
            if enquiry.first_answered_at is None:
                enquiry.first_answered_at = at
                enquiry.first_response_minutes = working_minutes_between(enquiry.submitted_at, at)
        elif kind == "note":
            self.message(at, who, "staff", args[0], internal=True)
        elif kind == "member":
            self.message(at, who, "member", args[0])
            if enquiry.status == "answered":
                enquiry.status = "in_progress"
                enquiry.due_at = deadline(at, self.days)
                self.event(at, who, "reopened")
        elif kind == "transfer":
            source, target = enquiry.department, self.departments[args[0]]
            enquiry.department, enquiry.assignee = target, None
            names = [{"zh": d.name_zh, "en": d.name_en} for d in (source, target)]
            self.event(at, who, "transferred", **{"from": names[0], "to": names[1]})
            self.event(at, who, "transfer_reason", internal=True, reason=args[1])
        elif kind == "close":
            enquiry.status, enquiry.closed_at = "closed", at
            self.event(at, who, "closed")
        elif kind == "rate":
            enquiry.rating, enquiry.rating_comment, enquiry.rated_at = args[0], args[1], at
            self.event(at, who, "rated", rating=args[0])
        enquiry.updated_at = at


def _enquiry(story: Story, now, users, departments, categories) -> Enquiry:
    submitted = _submitted_at(story, now)
    category = categories.get(story.category)
    department_id, days = route(category)
    due = deadline(submitted, days)
    if isinstance(story.sender, tuple):
        _, name, email, language = story.sender
        author = None
        fields = dict(guest_name=name, guest_email=email, language=language, channel="email")
    else:
        author = users[story.sender]
        fields = dict(enterprise_id=author.enterprise_id, author=author, channel=story.channel,
                      language=author.language or "zh_CN")
    enquiry = Enquiry(reference=next_reference(submitted), category=category,
                      department=db.session.get(Department, department_id), subject=story.subject,
                      status="submitted", submitted_at=submitted, updated_at=submitted,
                      first_due_at=due, due_at=due, **fields)
    builder = _Builder(enquiry, users, departments, days)
    builder.event(submitted, author, "submitted")
    first = builder.message(submitted, author, "member" if author else "guest", story.body)
    if story.attachment:
        document = pdf_document(story.subject, [story.body[:40]])
        stored = save_bytes(author, story.attachment, document, ATTACHMENT_KINDS, FILE_PURPOSE)
        first.attachments.append(MessageAttachment(file=stored))
    for hours, kind, who, *args in story.steps:
        at = submitted + timedelta(hours=hours)
        if at >= now:
            break  # a story told too close to the demo's loading stops at the present
        builder.step(at, kind, users.get(who), *args)
    return enquiry


def load_demo() -> None:
    now = utcnow()
    users = {u.email: u for u in db.session.scalars(select(User))}
    departments = {d.name_zh: d for d in db.session.scalars(select(Department))}
    categories = {}
    for position, (name_zh, name_en, department, days) in enumerate(CATEGORIES):
        categories[name_zh] = EnquiryCategory(
            name_zh=name_zh, name_en=name_en, deadline_days=days, position=position,
            department=departments.get(department) if department else None)
        db.session.add(categories[name_zh])
    for department, title, body in CANNED:
        db.session.add(CannedReply(department=departments[department], title=title, body=body))
    db.session.flush()
    stories = sorted(STORIES, key=lambda story: _submitted_at(story, now))
    for story in stories:
        db.session.add(_enquiry(story, now, users, departments, categories))
        db.session.flush()

