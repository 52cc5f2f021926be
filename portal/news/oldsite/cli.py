"""`flask --app portal import-articles PATH…`: the old website's saved pages as articles."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from portal.extensions import db


@click.command("import-articles")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--category", "slug", metavar="SLUG",
              help="The category of the imported articles (default: the first category).")
@click.option("--old-url-prefix", metavar="URL",
              help="The old site's address of the folder given, e.g. "
                   "http://www.example.org.cn/html/: a page's old address is this plus its "
                   "path under the folder, when the page does not say where it came from.")
@with_appcontext
def import_articles_command(paths, slug, old_url_prefix) -> None:
    """Import the old website's article pages saved as HTML or as text (files or folders).

    Pages read with confidence are published at their old time; the others become drafts,
    listed at the end. Running it again imports nothing twice.
    """
    from portal.news.oldsite.importing import (
        PageReport,
        collect_pages,
        find_category,
        import_page,
    )

    category = find_category(slug)
    if category is None:
        raise click.ClickException(f"No category {slug!r}." if slug else
                                   "There is no category yet: create one first.")
    click.echo(f"Importing into the category {category.slug} ({category.name_zh}).")
    db.session.rollback()  # no transaction (on SQLite: no write lock) while pages are read
    reports = []
    for page, root in collect_pages(paths):
        try:
            report = import_page(page, root, category, old_url_prefix)
            db.session.commit()
        except Exception as error:  # one broken page must not stop the others
            db.session.rollback()
            report = PageReport(page, "failed", f"{type(error).__name__}: {error}")
        reports.append(report)
        _echo(report)
    _summary(reports)
    if any(r.outcome == "failed" for r in reports):
        raise SystemExit(1)


def _echo(report) -> None:
    if report.outcome in ("imported", "draft"):
        line = f"{report.outcome:<9} {report.path} -> article {report.article_id} «{report.title}»"
        if report.problems:
            line += ": " + "; ".join(report.problems)
    else:
        line = f"{report.outcome:<9} {report.path}: {report.reason}"
    click.echo(line, err=report.outcome == "failed")
    for note in report.notes:
        click.echo(f"{'':<9} note: {note}")


def _summary(reports) -> None:
    counts = {kind: sum(r.outcome == kind for r in reports)
              for kind in ("imported", "draft", "skipped", "failed")}
    click.echo(f"{counts['imported']} imported and published, {counts['draft']} imported as "
               f"drafts, {counts['skipped']} skipped, {counts['failed']} failed.")
    drafts = [r for r in reports if r.outcome == "draft"]
    if drafts:
        click.echo("Drafts to check (Staff > News, status Draft):")
        for report in drafts:
            click.echo(f"  article {report.article_id} from {report.path}: "
                       + "; ".join(report.problems))
