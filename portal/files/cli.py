"""`flask --app portal files …`: upkeep of the file store."""

from __future__ import annotations

import click
from flask.cli import AppGroup

files_cli = AppGroup("files", help="The uploaded-file store.")


@files_cli.command("orphans")
@click.option("--delete", is_flag=True, help="Remove the orphan blobs and stale temporary files.")
def orphans_command(delete: bool) -> None:
    """List blobs no database row points at (left by failed commits) and rows missing a blob."""
    from portal.files.services import find_orphans

    orphans, missing = find_orphans()
    for path in orphans:
        click.echo(f"orphan {path}")
        if delete:
            path.unlink(missing_ok=True)
    for stored in missing:
        click.echo(f"missing blob for file {stored.id} ({stored.original_name}) {stored.sha256}",
                   err=True)
    verb = "removed" if delete else "found"
    click.echo(f"{len(orphans)} orphan file(s) {verb}; {len(missing)} row(s) missing a blob.")
