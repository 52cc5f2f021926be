"""The `flask --app portal …` commands beyond Flask-Migrate's `db`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.enterprises.commands import enterprises_command
from portal.extensions import db
from portal.files.cli import files_cli
from portal.operations.cli import register_operations_cli
from portal.search.cli import search_cli


def register_cli(app) -> None:
    from portal.mail.cli import mail_cli

    app.cli.add_command(mail_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(enterprises_command)
    app.cli.add_command(files_cli)
    app.cli.add_command(search_cli)
    register_operations_cli(app)  # backup, restore, doctor, import-articles


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@click.option("--articles", type=click.IntRange(min=1), metavar="N",
              help="Add N synthetic published articles (bulk insert, for benchmarks); the demo "
                   "content is loaded first when the database is empty.")
@with_appcontext
def demo_command(if_empty: bool, articles: int | None) -> None:
    """Load the demo departments, enterprises, accounts, settings and news (development only)."""
    from portal.accounts.models import User
    from portal.demo import load_demo

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
    click.echo("Demo content loaded. Every demo account's password is portal-demo-2026.")
    _reindex()


def _reindex() -> None:
    """Demo content is written in bulk, around the services that index it: index it all now."""
    from portal.search.cli import reindex_command

    click.get_current_context().invoke(reindex_command)


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--kind", type=click.Choice(["staff", "member"]), default="staff", show_default=True)
@click.option("--role", "roles", multiple=True, type=click.Choice(["agent", "editor", "admin"]),
              help="Staff role; repeat for several.")
@click.option("--department", help="Staff department, by its Chinese or English name.")
@click.option("--enterprise", help="Member enterprise, by its unified social credit code.")
@click.option("--primary-contact", is_flag=True, help="Make the member a primary contact.")
@click.option("--language", type=click.Choice(["zh_CN", "en"]))
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create_user_command(email, name, kind, roles, department, enterprise, primary_contact,
                        language, password) -> None:
    """Create a staff or member user who can sign in at once."""
    from portal.accounts.models import Department
    from portal.accounts.passwords import password_problem
    from portal.accounts.services import create_user
    from portal.enterprises.models import Enterprise
    from portal.errors import PortalError

    problem = password_problem(password)
    if problem:
        raise click.BadParameter(str(problem), param_hint="--password")
    dept = ent = None
    if department:
        dept = db.session.scalars(select(Department).where(
            (Department.name_zh == department) | (Department.name_en == department))).first()
        if dept is None:
            raise click.BadParameter(f"no department named {department!r}",
                                     param_hint="--department")
    if enterprise:
        ent = db.session.scalars(
            select(Enterprise).where(Enterprise.credit_code == enterprise.strip().upper())).first()
        if ent is None:
            raise click.BadParameter(f"no enterprise with code {enterprise!r}",
                                     param_hint="--enterprise")
    try:
        user = create_user(email=email, name=name, kind=kind, password=password, roles=roles,
                           department=dept, enterprise=ent, is_primary_contact=primary_contact,
                           language=language)
    except (PortalError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.kind} user {user.email} (id {user.id}).")
