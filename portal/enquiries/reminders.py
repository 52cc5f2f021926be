"""The daily overdue reminder: one mail per agent listing the enquiries past their deadline
in their care (assigned to them, or in their department's queue unassigned; an enquiry whose
agent has left or moved to another department goes to the department's agents).

Safe to run more than once a day: the mail to an agent is sent only together with a row
(agent, local day) under a unique constraint, so a second run, even at the same moment,
adds nothing. No reminders on a day off.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.enquiries import notifications
from portal.enquiries.models import Enquiry, ReminderSent, waiting
from portal.extensions import db
from portal.workdays.services import is_working_day, local_date


def overdue_by_agent(now: datetime) -> dict[User, list[Enquiry]]:
    """Each agent's overdue enquiries, nearest deadline first."""
    overdue = db.session.scalars(select(Enquiry).where(
        waiting(), Enquiry.due_at < now)
        .options(joinedload(Enquiry.assignee), joinedload(Enquiry.enterprise))
        .order_by(Enquiry.due_at, Enquiry.id)).all()
    agents_of: dict[int, list[User]] = {}
    found: dict[User, list[Enquiry]] = defaultdict(list)
    for enquiry in overdue:
        assignee = enquiry.assignee
        if (assignee is not None and assignee.active
                and assignee.department_id == enquiry.department_id):
            found[assignee].append(enquiry)
            continue
        if enquiry.department_id not in agents_of:
            agents_of[enquiry.department_id] = notifications.department_agents(
                enquiry.department_id)
        for agent in agents_of[enquiry.department_id]:
            found[agent].append(enquiry)
    return found


def send_overdue_reminders(now: datetime) -> tuple[int, int]:
    """Queue today's reminders not yet sent; (mails queued, agents already reminded today).
    Flushes; the caller commits."""
    day = local_date(now)
    if not is_working_day(day):
        return 0, 0
    sent = skipped = 0
    for agent, enquiries in sorted(overdue_by_agent(now).items(), key=lambda item: item[0].id):
        try:
            with db.session.begin_nested():
                db.session.add(ReminderSent(user_id=agent.id, day=day, sent_at=now))
                db.session.flush()
        except IntegrityError:
            skipped += 1
            continue
        notifications.send_reminder(agent, enquiries)
        sent += 1
    return sent, skipped
