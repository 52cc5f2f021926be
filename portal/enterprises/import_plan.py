"""What an import will do, row by row, and doing it: on top of importing.py's checked rows.

A row whose credit code is new creates an enterprise; a row whose credit code exists updates
that enterprise's fields that differ (an empty cell leaves a field as it is; the status is
never imported: it is set by hand or by expiry); a row naming a contact whose address has no
account invites them as a primary contact of the enterprise. The plan is shown to the admin
before anything is written (the check-then-confirm step), and made again from the file when
they confirm, since the database may have changed in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.models import User
from portal.enterprises.importing import (
    CheckedRow,
    ImportCheck,
    Problem,
    import_rows,
)
from portal.enterprises.models import Enterprise
from portal.enterprises.services import CONTACT_INVITER, update_enterprise
from portal.extensions import db
from portal.i18n import DEFAULT_LANGUAGE

UPDATABLE = ("name_zh", "name_en", "level", "joined_on", "expires_on")


@dataclass
class PlannedRow:
    row: int
    fields: dict
    enterprise: Enterprise | None = None  # the existing one with this credit code
    changes: dict[str, tuple] = field(default_factory=dict)  # field -> (old, new)
    invite: bool = False  # the contact gets an account and an invitation

    @property
    def action(self) -> str:
        """"create", "update" or "unchanged" (an update with nothing but an invitation is
        "unchanged" for the enterprise)."""
        if self.enterprise is None:
            return "create"
        return "update" if self.changes else "unchanged"

    def change_labels(self) -> list[str]:
        from portal.enterprises.importing import COLUMNS

        return [str(COLUMNS[name][0]) for name in self.changes]


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def invitations(self) -> int:
        return sum(1 for row in self.rows if row.invite)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: int = 0


def plan_import(check: ImportCheck) -> ImportPlan:
    """The plan of a check made with allow_existing=True: each row's action, the fields it
    changes, and whether its contact is invited. Contacts whose address belongs to an account
    of another enterprise or of the secretariat, or that the file names twice, are problems.
    Two queries, whatever the number of rows."""
    plan = ImportPlan(problems=list(check.problems))
    codes = {row.fields["credit_code"] for row in check.rows}
    existing = {e.credit_code: e for e in db.session.scalars(
        select(Enterprise).where(Enterprise.credit_code.in_(codes)))} if codes else {}
    emails = {row.fields["contact_email"] for row in check.rows if row.fields["contact_email"]}
    accounts = {u.email: u for u in db.session.scalars(
        select(User).where(User.email.in_(emails)))} if emails else {}
    seen: dict[str, int] = {}
    for checked in check.rows:
        planned = PlannedRow(checked.row, checked.fields,
                             existing.get(checked.fields["credit_code"]))
        if planned.enterprise is not None:
            planned.changes = _changes(planned.enterprise, checked)
        email = checked.fields["contact_email"]
        if email:
            account = accounts.get(email)
            if email in seen:
                plan.problems.append(Problem(checked.row, "contact_email", str(_l(
                    "The same contact is already in row %(row)d of this file.",
                    row=seen[email])), email))
            elif account is None:
                planned.invite = True
            elif planned.enterprise is None or account.enterprise_id != planned.enterprise.id:
                plan.problems.append(Problem(checked.row, "contact_email", str(_l(
                    "This address belongs to an account of another enterprise or of the "
                    "secretariat.")), email))
            seen.setdefault(email, checked.row)
        plan.rows.append(planned)
    return plan


def _changes(enterprise: Enterprise, checked: CheckedRow) -> dict[str, tuple]:
    changes = {}
    for name in UPDATABLE:
        if name not in checked.filled:
            continue  # an empty cell leaves the field alone
        new, old = checked.fields[name], getattr(enterprise, name)
        if new != old:
            changes[name] = (old, new)
    return changes


def apply_plan(actor, plan: ImportPlan, *, filename: str = "") -> ImportResult:
    """Create, update and invite as planned; flushes, never commits. The caller must not pass a
    plan with problems. New enterprises are recorded in one audit event (import_rows), each
    update in its own with its changes, each invitation by the users feature."""
    result = ImportResult()
    new_rows = [row for row in plan.rows if row.action == "create"]
    if new_rows:
        import_rows(actor, [CheckedRow(row.row, row.fields) for row in new_rows],
                    filename=filename)
        result.created = len(new_rows)
    for row in plan.rows:
        if row.action == "update":
            update_enterprise(actor, row.enterprise, **{
                name: new for name, (_, new) in row.changes.items()})
            result.updated += 1
        elif row.action == "unchanged":
            result.unchanged += 1
    if plan.invitations:
        invite = current_app.extensions[CONTACT_INVITER]
        by_code = {e.credit_code: e for e in db.session.scalars(select(Enterprise).where(
            Enterprise.credit_code.in_([row.fields["credit_code"] for row in plan.rows
                                        if row.invite])))}
        for row in plan.rows:
            if row.invite:
                invite(actor, email=row.fields["contact_email"], name=row.fields["contact_name"],
                       kind="member", enterprise=by_code[row.fields["credit_code"]],
                       is_primary_contact=True, language=DEFAULT_LANGUAGE)
                result.invited += 1
    return result
