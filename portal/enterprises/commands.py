"""`flask --app portal enterprises …`: the command-line import, and the two daily jobs of
memberships (`lapse` records the ones past their expiry date, `remind` mails the renewal
reminders; both are safe to run as often as one likes)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.extensions import db


@click.group("enterprises", cls=AppGroup)
def enterprises_command() -> None:
    """Member enterprises."""


@enterprises_command.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report; import nothing.")
def import_command(path: Path, dry_run: bool) -> None:
    """Import member enterprises from a CSV or XLSX file.

    Every row is checked first; when any row has a problem, each is listed with its row
    number and nothing is imported (exit status 1).
    """
    with force_locale("en"):  # messages for the operator's terminal; no request to ask
        _import(path, dry_run)


def _import(path: Path, dry_run: bool) -> None:
    from portal.enterprises.importing import ImportFileError, check_rows, import_rows, read_table

    try:
        table = read_table(path.name, path.read_bytes())
    except ImportFileError as error:
        raise click.ClickException(str(error.message)) from error
    with click.progressbar(table.rows, label="Checking") as rows:
        check = check_rows(rows)
    if check.problems:
        for problem in check.problems:
            click.echo(f"row {problem.row}: {problem.column_label}: {problem.message}"
                       + (f" ({problem.value})" if problem.value else ""), err=True)
        raise click.ClickException(
            f"{len(check.problems)} problem(s) in {path.name}; nothing imported.")
    if dry_run:
        click.echo(f"{len(check.rows)} rows are correct; nothing imported (dry run).")
        return
    with click.progressbar(check.rows, label="Importing") as rows:
        count = import_rows(None, rows, filename=path.name)
    db.session.commit()
    click.echo(f"Imported {count} enterprises from {path.name}.")


@enterprises_command.command("lapse")
def lapse_command() -> None:
    """Mark active memberships past their expiry date as lapsed (run daily)."""
    from portal.enterprises.membership import lapse_expired

    expired = lapse_expired()
    db.session.commit()
    click.echo(f"{len(expired)} membership(s) lapsed.")


@enterprises_command.command("remind")
def remind_command() -> None:
    """Mail the primary contacts of memberships expiring in 60 and in 30 days (run daily;
    each reminder is sent once)."""
    from portal.enterprises.membership import send_renewal_reminders

    report = send_renewal_reminders()
    click.echo(f"Reminders queued for {report.enterprises} enterprise(s), "
               f"{report.mails} mail(s).")
