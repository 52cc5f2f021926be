"""A membership's course in time: lapsing (by hand, or at its expiry date) and the renewal
reminders mailed to the primary contacts 60 and 30 days before it expires.

An expired membership already counts as lapsed on read (Enterprise.is_active), so its users
are refused from the day after the expiry date whether or not the daily command has run;
`flask --app portal enterprises lapse` then records the status and the audit event.
`flask --app portal enterprises remind` is safe to run as often as one likes: a reminder is
stored per enterprise, expiry date and threshold under a unique key, so each is sent once;
a renewed membership (a new expiry date) gets its own reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, exists, select
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.dates import today
from portal.enterprises.models import Enterprise, MembershipReminder
from portal.enterprises.services import StatusUnchanged
from portal.extensions import db
from portal.mail.services import external_url, queue_mail

REMINDER_DAYS = (60, 30)  # days before the expiry date, largest first


def lapse_enterprise(actor, enterprise: Enterprise) -> None:
    """Mark the membership as lapsed (not renewed): its users are refused from their next
    request on. Admins only (the view checks). Raises StatusUnchanged when already lapsed."""
    if enterprise.status == "lapsed":
        raise StatusUnchanged()
    old = enterprise.status
    enterprise.status = "lapsed"
    record_event(actor, "enterprise.lapsed", enterprise, old_status=old)


def lapse_expired(on: date | None = None) -> list[Enterprise]:
    """Mark every active membership whose expiry date is before `on` (today) as lapsed, each
    with an audit event by nobody (the system). Returns them; flushes, never commits."""
    on = on or today()
    expired = list(db.session.scalars(
        select(Enterprise).where(Enterprise.status == "active", Enterprise.expires_on < on)
        .order_by(Enterprise.id)))
    for enterprise in expired:
        enterprise.status = "lapsed"
        record_event(None, "enterprise.expired", enterprise,
                     expires_on=enterprise.expires_on.isoformat())
    db.session.flush()
    return expired


@dataclass
class ReminderReport:
    enterprises: int = 0
    mails: int = 0


def due_threshold(expires_on: date, on: date) -> int | None:
    """The smallest reminder threshold reached on day `on`, or None (expired, or too early)."""
    left = (expires_on - on).days
    reached = [days for days in REMINDER_DAYS if 0 <= left <= days]
    return min(reached) if reached else None


def _reminder_candidates(on: date):
    """Active enterprises expiring within the largest threshold that have no reminder for the
    threshold they have reached (worked out per row afterwards) or for a smaller one."""
    sent = exists().where(and_(MembershipReminder.enterprise_id == Enterprise.id,
                               MembershipReminder.expires_on == Enterprise.expires_on,
                               MembershipReminder.days <= min(REMINDER_DAYS)))
    return db.session.scalars(
        select(Enterprise)
        .where(Enterprise.status == "active",
               Enterprise.expires_on.between(on, on + timedelta(days=max(REMINDER_DAYS))),
               ~sent)
        .order_by(Enterprise.expires_on, Enterprise.id)).all()


def send_renewal_reminders(on: date | None = None) -> ReminderReport:
    """Queue a reminder to the active primary contacts of each active membership that has
    reached a threshold (60 or 30 days before expiry) without a reminder for it; one commit
    per enterprise, so a reminder and its mails are stored together or not at all. When a
    run was missed and both thresholds have passed, only the nearer one is sent."""
    on = on or today()
    report = ReminderReport()
    for enterprise in _reminder_candidates(on):
        days = due_threshold(enterprise.expires_on, on)
        if days is None or _already_sent(enterprise, days):
            continue
        contacts = list(db.session.scalars(
            select(User).where(User.enterprise_id == enterprise.id, User.active.is_(True),
                               User.is_primary_contact.is_(True)).order_by(User.id)))
        reminder = MembershipReminder(enterprise_id=enterprise.id, days=days,
                                      expires_on=enterprise.expires_on, recipients=len(contacts))
        db.session.add(reminder)
        try:
            db.session.flush()
        except IntegrityError:  # another run got there first: its reminder stands
            db.session.rollback()
            continue
        for contact in contacts:
            queue_mail(contact.email, "membership_reminder", contact.language,
                       name=contact.name, enterprise=enterprise, days=days,
                       expires_on=enterprise.expires_on, link=external_url("accounts.login"))
        record_event(None, "enterprise.reminded", enterprise, days=days,
                     expires_on=enterprise.expires_on.isoformat(), recipients=len(contacts))
        db.session.commit()
        report.enterprises += 1
        report.mails += len(contacts)
    current_app.logger.info("renewal reminders: %d enterprises, %d mails",
                            report.enterprises, report.mails)
    return report


def _already_sent(enterprise: Enterprise, days: int) -> bool:
    """A reminder for this expiry date at this threshold or a nearer one exists."""
    return db.session.scalar(select(MembershipReminder.id).where(
        MembershipReminder.enterprise_id == enterprise.id,
        MembershipReminder.expires_on == enterprise.expires_on,
        MembershipReminder.days <= days).limit(1)) is not None
