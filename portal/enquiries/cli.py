"""`flask --app portal enquiries remind`: the daily overdue reminders (cron, on working days
or every day: days off are skipped; running twice sends nothing twice)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.database import utcnow
from portal.enquiries.reminders import send_overdue_reminders
from portal.extensions import db

enquiries_cli = AppGroup("enquiries", help="Enquiries: reminders.")


@enquiries_cli.command("remind")
def remind_command() -> None:
    """Mail each agent the enquiries past their deadline (once a day)."""
    sent, skipped = send_overdue_reminders(utcnow())
    db.session.commit()
    click.echo(f"Reminders queued: {sent}; agents already reminded today: {skipped}.")
