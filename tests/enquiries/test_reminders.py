"""The daily overdue reminder: one mail per agent, never twice a day, none on a day off."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import time_machine
from sqlalchemy import update

from portal.dates import SHANGHAI
from portal.enquiries import lifecycle
from portal.enquiries.models import Enquiry
from portal.extensions import db
from portal.workdays.demo import load_demo as load_calendar
from tests.enquiries.conftest import outbox
from tests.enquiries.test_queues import make_enquiries


def local(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI).astimezone(UTC)


def remind(app, moment):
    from portal.enquiries.cli import remind_command

    with time_machine.travel(moment, tick=False):
        result = app.test_cli_runner().invoke(remind_command)
    assert result.exit_code == 0, result.output
    return result.output


def reminders(app):
    return [(to, body) for to, template, _subject, body in outbox(app)
            if template == "enquiry_overdue"]


def setup_overdue(app, desk, as_user):
    with app.app_context():
        load_calendar()
        db.session.commit()
    legal = make_enquiries(app, desk, 3, category=desk.categories.legal)
    general = make_enquiries(app, desk, 1)
    as_user(desk.lawyer2, lifecycle.accept_enquiry, legal[1])  # assigned to lawyer2
    with app.app_context():
        db.session.execute(update(Enquiry).values(due_at=local(2026, 3, 2, 17, 0)))
        db.session.execute(update(Enquiry).where(Enquiry.reference == legal[2])
                           .values(due_at=local(2026, 3, 20, 17, 0)))  # not yet due
        db.session.commit()
    return legal, general


def test_each_agent_gets_one_mail_listing_their_overdue_enquiries(app, desk, as_user):
    legal, general = setup_overdue(app, desk, as_user)
    output = remind(app, local(2026, 3, 4, 8, 0))
    assert "Reminders queued: 3" in output
    mails = dict(reminders(app))
    assert set(mails) == {"lawyer@example.org", "lawyer2@example.org", "clerk@example.org"}
    assert legal[0] in mails["lawyer@example.org"] and legal[1] not in mails["lawyer@example.org"]
    assert legal[0] in mails["lawyer2@example.org"] and legal[1] in mails["lawyer2@example.org"]
    assert legal[2] not in mails["lawyer2@example.org"]
    assert general[0] in mails["clerk@example.org"]


def test_a_second_run_the_same_day_sends_nothing_the_next_working_day_again(app, desk,
                                                                            as_user):
    setup_overdue(app, desk, as_user)
    remind(app, local(2026, 3, 4, 8, 0))
    assert "Reminders queued: 0; agents already reminded today: 3" in remind(
        app, local(2026, 3, 4, 16, 0))
    assert len(reminders(app)) == 3
    assert "Reminders queued: 0; agents already reminded today: 0" in remind(
        app, local(2026, 3, 7, 9, 0))  # a Saturday
    remind(app, local(2026, 3, 9, 8, 0))
    assert len(reminders(app)) == 6


def test_two_runs_at_the_same_moment_send_once(app, desk, as_user):
    from portal.enquiries.reminders import send_overdue_reminders

    setup_overdue(app, desk, as_user)
    errors = []
    start = threading.Barrier(2, timeout=30)

    def run():
        try:
            with app.app_context():
                start.wait()
                send_overdue_reminders(local(2026, 3, 4, 8, 0))
                db.session.commit()
        except Exception as error:  # noqa: BLE001 - a failure is the finding
            errors.append(repr(error))
        finally:
            with app.app_context():
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(reminders(app)) == 3, errors
