"""The `flask --app portal …` commands: each feature's own (portal/features.py), and `demo`,
which loads them all."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.extensions import db
from portal.features import each


def register_cli(app) -> None:
    for command in each("commands", app):
        app.cli.add_command(command)
    app.cli.add_command(demo_command)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@click.option("--articles", type=click.IntRange(min=1), metavar="N",
              help="Add N synthetic published articles (bulk insert, for benchmarks); the demo "
                   "content is loaded first when the database is empty.")
@with_appcontext
def demo_command(if_empty: bool, articles: int | None) -> None:
    """Load the demo departments, enterprises, accounts, settings and news (development only)."""
    from portal.accounts.models import User
    from portal.demo import DEMO_PASSWORD, load_demo

    if current_app.config["ENV"] not in ("development", "testing"):
        raise click.ClickException("Refusing to load demo content outside development.")
    empty = db.session.scalar(select(User.id).limit(1)) is None
    if articles:
        from portal.news.demo_content import load_synthetic_articles

        if empty:
            load_demo()
        made = load_synthetic_articles(articles)
        db.session.commit()
        click.echo(f"Added {made} synthetic articles.")
        _reindex()
        return
    if if_empty and not empty:
        click.echo("The database already has content; demo content not loaded.")
        return
    load_demo()
    db.session.commit()
    click.echo(f"Demo content loaded. Every demo account's password is {DEMO_PASSWORD}.")
    _reindex()


def _reindex() -> None:
    """Demo content is written in bulk, around the services that index it: index it all now."""
    from portal.search.cli import reindex_command

    click.get_current_context().invoke(reindex_command)
