"""An enquiry's timeline as a page shows it: its messages and steps in order, without the
internal ones for members and visitors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from portal.enquiries.models import RATINGS, Enquiry, EnquiryEvent, EnquiryMessage


@dataclass
class Entry:
    when: datetime
    message: EnquiryMessage | None = None
    event: EnquiryEvent | None = None

    @property
    def internal(self) -> bool:
        return (self.message or self.event).internal


def timeline(enquiry: Enquiry, *, staff: bool) -> list[Entry]:
    """Messages and steps by time (a step before a message of the same moment)."""
    entries = [Entry(m.created_at, message=m) for m in enquiry.messages if staff or not m.internal]
    entries += [Entry(e.created_at, event=e) for e in enquiry.events if staff or not e.internal]
    return sorted(entries, key=lambda e: (e.when, e.message is not None,
                                          (e.message or e.event).id))


def author_name(message: EnquiryMessage, language: str) -> str:
    """Who wrote a message: a member's or visitor's name, or the agent and department."""
    if message.author is None:
        return message.enquiry.guest_name if message.author_kind == "guest" else _("Secretariat")
    if message.author_kind == "staff" and message.author.department is not None:
        return f"{message.author.name} · {message.author.department.display_name(language)}"
    return message.author.name


def describe_event(event: EnquiryEvent, language: str) -> str:
    """One line of the timeline for a step, in the current language."""
    who = event.actor.name if event.actor else (
        event.enquiry.guest_name or _("The portal"))
    details = event.details or {}
    if event.kind == "submitted":
        return _("%(who)s submitted the enquiry.", who=who)
    if event.kind == "accepted":
        return _("Accepted by %(who)s.", who=who)
    if event.kind == "started":
        return _("%(who)s began handling the enquiry.", who=who)
    if event.kind == "assigned":
        return _("Assigned to %(assignee)s by %(who)s.", assignee=details.get("assignee", ""),
                 who=who)
    if event.kind == "transferred":
        def name(names):
            names = names or {}
            return names.get("en") if language == "en" and names.get("en") else names.get("zh", "")
        return _("Transferred from %(source)s to %(target)s.", source=name(details.get("from")),
                 target=name(details.get("to")))
    if event.kind == "transfer_reason":
        return _("Reason for the transfer (%(who)s): %(reason)s", who=who,
                 reason=details.get("reason", ""))
    if event.kind == "reopened":
        return _("%(who)s replied after the answer; the enquiry is open again.", who=who)
    if event.kind == "closed":
        return _("Closed by %(who)s.", who=who)
    if event.kind == "rated":
        rating = RATINGS.get(details.get("rating"), "")
        return _("Rated “%(rating)s” by %(who)s.", rating=rating, who=who)
    return event.kind
