"""`flask --app portal mail send [--loop]`: deliver queued mail once, or keep doing so;
`mail purge [--days N]`: empty the bodies of old mail (the retention rule)."""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from portal.extensions import db
from portal.mail.sender import run_sender_loop, send_pending
from portal.mail.services import DEFAULT_RETENTION_DAYS, purge_bodies

mail_cli = AppGroup("mail", help="Outgoing mail (the outbox).")


@mail_cli.command("send")
@click.option("--loop", is_flag=True, help="Keep running, sending due mail every --interval.")
@click.option("--interval", type=float, default=5.0, show_default=True,
              help="Seconds between rounds with --loop.")
def send_command(loop: bool, interval: float) -> None:
    """Deliver the queued mail that is due (retries included)."""
    if not loop:
        report = send_pending()
        click.echo(f"Sent {report.sent}, to retry {report.retried}, failed {report.failed}.")
        return
    app = current_app._get_current_object()
    stop = threading.Event()
    # SIGTERM (systemd, docker stop) ends the loop between messages, never in the middle.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(f"Sending queued mail every {interval:g} s; Ctrl-C to stop.")
    try:
        run_sender_loop(app, interval, stop)
    except KeyboardInterrupt:
        stop.set()
    click.echo("Mail sender stopped.")


@mail_cli.command("purge")
@click.option("--days", type=click.IntRange(min=1), default=DEFAULT_RETENTION_DAYS,
              show_default=True, help="Keep the bodies of this many days.")
def purge_command(days: int) -> None:
    """Delete the text of mail sent or failed more than --days days ago.

    The log keeps each mail's recipient, subject, state, attempts and times; only the bodies
    (which hold personal links) go. Queued mail is never touched. Safe to run daily.
    """
    count = purge_bodies(days)
    db.session.commit()
    click.echo(f"Deleted the text of {count} mail(s) older than {days} days.")
