"""What the rest of the portal uses of enquiries: the areas' dashboards and the contact
page (portal/staff, portal/members, portal/pages), and the setup hook. The rules themselves
live in submission.py, lifecycle.py, visibility.py, queues.py and reports.py."""

from __future__ import annotations

from portal.dates import SHANGHAI
from portal.enquiries.lifecycle import EnquiryRuleBroken
from portal.enquiries.queues import admin_dashboard, agent_dashboard, member_summary
from portal.enquiries.submission import SubmissionRefused, Submitted, submit_guest_enquiry
from portal.enquiries.visibility import FILE_PURPOSE, can_download_file, get_enquiry_for

__all__ = [
    "EnquiryRuleBroken", "SubmissionRefused", "Submitted", "admin_dashboard",
    "agent_dashboard", "get_enquiry_for", "member_summary", "setup", "staff_dashboard",
    "submit_guest_enquiry",
]


def staff_dashboard(user) -> dict | None:
    """The enquiry figures of a staff user's /staff/: the secretariat's for an admin, their
    queue's for an agent, None for staff who do not handle enquiries."""
    if user.has_role("admin"):
        return {"admin": True, **admin_dashboard()}
    if user.has_role("agent"):
        return {"admin": False, **agent_dashboard(user)}
    return None


def clock(moment) -> str:
    """The local (Asia/Shanghai) time of day, 17:00: deadlines are shown as a day (the
    `day` filter, formatted once per day and language) and this."""
    return moment.astimezone(SHANGHAI).strftime("%H:%M")


def setup(app) -> None:
    """Register the attachments' access check and the timeline's template helpers."""
    from portal.enquiries.thread import author_name, describe_event, timeline
    from portal.files.services import register_access_check

    register_access_check(FILE_PURPOSE, can_download_file)
    app.jinja_env.globals.update(enquiry_timeline=timeline, enquiry_author=author_name,
                                 enquiry_event=describe_event)
    app.jinja_env.filters["clock"] = clock
