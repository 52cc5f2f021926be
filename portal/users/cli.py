"""`flask --app portal create-user`: a staff or member user who can sign in at once."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.extensions import db


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
    from portal.accounts.services import create_user
    from portal.departments.models import Department
    from portal.enterprises.models import Enterprise
    from portal.errors import PortalError
    from portal.passwords import password_problem

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
