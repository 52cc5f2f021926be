"""The operations commands: backup (and --verify), restore, doctor."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


@click.command("backup")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the archives (default: instance/backups, or PORTAL_BACKUP_DIR).")
@click.option("--keep", type=click.IntRange(min=1), metavar="N",
              help="Afterwards, remove all but the newest N archives in that folder.")
@click.option("--verify", "archive", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="ARCHIVE", help="Check an archive's checksums instead of making one.")
@with_appcontext
def backup_command(folder: Path | None, keep: int | None, archive: Path | None) -> None:
    """Back up the database and the file store into one archive (safe while serving)."""
    from portal.operations.archive import ArchiveError, verify_archive
    from portal.operations.backup import make_backup
    from portal.operations.databases import OperationsError

    try:
        if archive is not None:
            manifest = verify_archive(archive)
            click.echo(f"{archive}: good. Made {manifest['created_at']} by portal "
                       f"{manifest['portal_version']} ({manifest['database']['dialect']}, "
                       f"migration {manifest['migration_revision'] or 'none'}); "
                       f"{manifest['file_count']} files; every checksum matches.")
            return
        result = make_backup(folder, keep)
    except (ArchiveError, OperationsError) as error:
        raise click.ClickException(f"{archive}: {error}" if archive else str(error)) from error
    click.echo(f"Backup written: {result.path} ({human_size(result.size)}, database at "
               f"migration {result.revision or 'none'}, {result.file_count} files) "
               f"in {result.seconds:.1f} s.")
    for sha256 in result.missing:
        click.echo(f"warning: a database row points at file {sha256}, which is not in the "
                   "file store (see `flask --app portal files orphans`)", err=True)
    for path in result.removed:
        click.echo(f"Removed the older archive {path.name}.")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Restore even though the database or the file store is not empty: the "
                   "database's contents are replaced; files already stored stay.")
@with_appcontext
def restore_command(archive: Path, force: bool) -> None:
    """Restore a backup archive into an empty database and file store (stop the portal
    first); checks every checksum first, then upgrades the schema."""
    import time

    from portal.operations.archive import ArchiveError
    from portal.operations.databases import OperationsError
    from portal.operations.restore import restore_archive

    started = time.monotonic()
    try:
        result = restore_archive(archive, force)
    except ArchiveError as error:
        raise click.ClickException(f"{archive} is damaged, nothing was restored: "
                                   f"{error}") from error
    except OperationsError as error:
        raise click.ClickException(str(error)) from error
    manifest = result.manifest
    click.echo(f"Restored {archive} (made {manifest['created_at']}): the database and "
               f"{result.file_count} files in {time.monotonic() - started:.1f} s; schema "
               f"migrated from {result.revision_before or 'none'} to {result.revision_after}.")


@click.command("doctor")
@with_appcontext
def doctor_command() -> None:
    """Check configuration, database, migrations, file store, mail server, Redis and
    translations; exit with status 1 when something stops the portal working."""
    from flask import current_app

    from portal.operations.doctor import PROBLEM, WARNING, run_checks

    click.echo(f"Checking the portal (PORTAL_ENV={current_app.config['ENV']}):")
    findings = run_checks()
    labels = {PROBLEM: "PROBLEM", WARNING: "warning"}
    for finding in findings:
        label = labels.get(finding.status, finding.status)
        click.echo(f"  {label:<8} {finding.subject:<14} {finding.message}")
    problems = sum(f.status == PROBLEM for f in findings)
    warnings = sum(f.status == WARNING for f in findings)
    if problems:
        click.echo(f"{problems} problem(s), {warnings} warning(s): the portal cannot work "
                   "properly until the problems are fixed.")
        raise SystemExit(1)
    click.echo(f"No problems; {warnings} warning(s)." if warnings else "All is well.")
