"""Acknowledgements (回执): a member acknowledges a notice for their enterprise, once; editors
remind the enterprises that have not (at most once in REMINDER_INTERVAL per notice).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from portal.audit.services import record_event
from portal.database import utcnow
from portal.enterprises.models import Enterprise
from portal.errors import Conflict
from portal.extensions import db
from portal.kept import move_version_on
from portal.mail.services import start_mailing
from portal.notices.models import Notice, NoticeAcknowledgement
from portal.notices.queries import forget_acknowledgements
from portal.notices.services import NoticeRuleBroken, get_notice_for

REMINDER_MAIL = "notice.reminder"
REMINDER_INTERVAL = timedelta(hours=24)


class AlreadyAcknowledged(Conflict):
    message = _l("Your enterprise has already acknowledged this notice.")


def acknowledgement_of(notice: Notice, enterprise) -> NoticeAcknowledgement | None:
    return db.session.scalars(_ACKNOWLEDGEMENT, {"notice_id": notice.id,
                                                 "enterprise_id": enterprise.id}).first()


_ACKNOWLEDGEMENT = select(NoticeAcknowledgement).options(
    joinedload(NoticeAcknowledgement.user)).where(
    NoticeAcknowledgement.notice_id == bindparam("notice_id"),
    NoticeAcknowledgement.enterprise_id == bindparam("enterprise_id"))


def acknowledge_notice(user, notice_id: int) -> NoticeAcknowledgement:
    """The member acknowledges the notice for their enterprise (once per enterprise, after
    the deadline too: the report shows it late). Raises NotFound outside the audience,
    NoticeRuleBroken when no acknowledgement is asked for, AlreadyAcknowledged."""
    notice = get_notice_for(user, notice_id)
    if not notice.ack_required:
        raise NoticeRuleBroken(_l("This notice does not ask for an acknowledgement."))
    if acknowledgement_of(notice, user.enterprise) is not None:
        raise AlreadyAcknowledged()
    ack = NoticeAcknowledgement(notice_id=notice.id, enterprise_id=user.enterprise_id,
                                user_id=user.id, acknowledged_at=utcnow())
    try:
        with db.session.begin_nested():  # a colleague at the same moment: theirs counts
            db.session.add(ack)
    except IntegrityError as error:
        raise AlreadyAcknowledged() from error
    # Retires the acknowledgements workers keep of the enterprise (portal/kept.py) when it
    # commits (the session's record keeps the old version until then, as mark_studied's).
    move_version_on(db.session, Enterprise.notice_acks_version, user.enterprise_id)
    forget_acknowledgements(user)
    record_event(user, "notice.acknowledged", notice, enterprise_id=user.enterprise_id)
    return ack


# Reminding --------------------------------------------------------------------------------------

def remind_notice(actor, notice: Notice, now: datetime | None = None) -> Notice:
    """Mail the members of the enterprises that have not acknowledged yet (sent in batches);
    at most once in REMINDER_INTERVAL per notice. Raises NoticeRuleBroken."""
    now = now or utcnow()
    if not notice.ack_required:
        raise NoticeRuleBroken(_l("This notice does not ask for an acknowledgement."))
    if not notice.article.is_published(now):
        raise NoticeRuleBroken(_l("Only a published notice can be reminded of."))
    if notice.reminded_at and now - notice.reminded_at < REMINDER_INTERVAL:
        raise NoticeRuleBroken(_l("A reminder was sent less than a day ago. Please try again "
                                  "tomorrow."))
    notice.reminded_at = now
    start_mailing(REMINDER_MAIL, notice.id)
    record_event(actor, "notice.reminded", notice)
    db.session.flush()
    return notice
