"""Importing member enterprises from a CSV or XLSX file: read (import_files.py, passed on
from here), check every row, then import.

Shared by the staff screen and `flask enterprises import`. Nothing is imported while any row
has a problem. What an import does with rows whose credit code exists already (update them)
and with the contacts it names (invite them) is decided in import_plan.py, on top of this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select

from portal.audit.services import record_event
from portal.database import duplicates_as
from portal.enterprises.creditcode import ALPHABET, is_valid_code, normalise_code
from portal.enterprises.import_files import (  # noqa: F401  (read_table … passed on)
    COLUMNS,
    MAX_ROWS,
    ImportFileError,
    read_table,
)
from portal.enterprises.models import Enterprise
from portal.errors import Conflict
from portal.extensions import db
from portal.forms import single_line
from portal.sorting import pinyin_key
from portal.spreadsheets import restore

INSERT_BATCH = 1000

ENTERPRISE_FIELDS = ("name_zh", "name_en", "credit_code", "level", "joined_on", "expires_on")

LEVEL_NAMES = {
    "president": "president", "会长单位": "president", "president unit": "president",
    "vice_president": "vice_president", "副会长单位": "vice_president",
    "vice-president unit": "vice_president", "vice president unit": "vice_president",
    "director": "director", "理事单位": "director", "council member unit": "director",
    "member": "member", "会员单位": "member", "member unit": "member",
}
DEFAULT_LEVEL = "member"
DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


class ImportConflict(Conflict):
    message = _l("An enterprise with one of these credit codes was added in the meantime, so "
                 "nothing was imported. Please upload the file again to see which.")


@dataclass
class Problem:
    row: int  # as numbered in the spreadsheet: the header is row 1
    column: str  # a key of COLUMNS
    message: str
    value: str = ""

    @property
    def column_label(self) -> str:
        return str(COLUMNS[self.column][0])


@dataclass
class CheckedRow:
    row: int
    fields: dict
    filled: frozenset[str] = frozenset()  # the columns with a value in this row


@dataclass
class ImportCheck:
    rows: list[CheckedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems


# Checking -----------------------------------------------------------------------------------

def parse_date(text: str) -> date | None:
    """A date written 2026-11-26, 2026/11/26, 2026.11.26 or 2026年11月26日; raises ValueError."""
    match = DATE_PATTERN.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    return date(*(int(part) for part in match.groups()))


def _check_row(number: int, raw: dict[str, str], problems: list[Problem]) -> dict:
    values = {name: single_line(restore(raw.get(name, ""))) for name in COLUMNS}

    def problem(column, message):
        problems.append(Problem(number, column, str(message), values[column]))

    for name, (_, _, longest) in COLUMNS.items():
        if len(values[name]) > longest:
            problem(name, _l("At most %(max)d characters.", max=longest))
    if not values["name_zh"]:
        problem("name_zh", _l("The Chinese name is missing."))
    code = normalise_code(values["credit_code"].replace(" ", ""))
    if not code:
        problem("credit_code", _l("The credit code is missing."))
    elif len(code) != 18 or any(ch not in ALPHABET for ch in code):
        problem("credit_code", _l(
            "A unified social credit code has 18 characters: digits and capital letters "
            "other than I, O, S, V and Z."))
    elif not is_valid_code(code):
        problem("credit_code", _l("The check digit of this credit code is wrong."))
    level = LEVEL_NAMES.get(values["level"].casefold()) if values["level"] else DEFAULT_LEVEL
    if level is None:
        problem("level", _l("Unknown membership level. Use 会长单位, 副会长单位, 理事单位 or "
                            "会员单位 (or president, vice_president, director, member)."))
    dates = {}
    for name in ("joined_on", "expires_on"):
        try:
            dates[name] = parse_date(values[name]) if values[name] else None
        except ValueError:
            problem(name, _l("Not a date. Write it as YYYY-MM-DD."))
    if dates.get("joined_on") and dates.get("expires_on") and \
            dates["expires_on"] < dates["joined_on"]:
        problem("expires_on", _l("The expiry date cannot be before the joining date."))
    contact_email = values["contact_email"].casefold()
    if contact_email and not _is_email(contact_email):
        problem("contact_email", _l("Not an e-mail address."))
    if contact_email and not values["contact_name"]:
        problem("contact_name", _l("The contact's name is missing."))
    if values["contact_name"] and not contact_email:
        problem("contact_email", _l("The contact's e-mail address is missing."))
    return {"name_zh": values["name_zh"], "name_en": values["name_en"], "credit_code": code,
            "level": level, **dates, "contact_name": values["contact_name"],
            "contact_email": contact_email}


def _is_email(text: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def check_rows(rows: Iterable[tuple[int, dict[str, str]]], *,
               allow_existing: bool = False) -> ImportCheck:
    """Every row checked: names, credit codes (check digit, repeats in the file and in the
    database, unless allow_existing: rows that update an enterprise), levels, dates and the
    contact's name and address. Reads the existing codes in one query."""
    existing = set(db.session.scalars(select(Enterprise.credit_code)))
    seen: dict[str, int] = {}
    check = ImportCheck()
    for number, raw in rows:
        before = len(check.problems)
        fields = _check_row(number, raw, check.problems)
        code = fields["credit_code"]
        code_ok = not any(p.row == number and p.column == "credit_code"
                          for p in check.problems[before:])
        if code_ok and code in seen:
            check.problems.append(Problem(number, "credit_code", str(_l(
                "The same credit code is already in row %(row)d of this file.",
                row=seen[code])), code))
        elif code_ok and code in existing and not allow_existing:
            check.problems.append(Problem(number, "credit_code", str(_l(
                "An enterprise with this credit code already exists.")), code))
        if code_ok:
            seen.setdefault(code, number)
        check.rows.append(CheckedRow(number, fields, frozenset(
            name for name, text in raw.items() if text.strip())))
    return check


def check_file(filename: str, data: bytes, *, allow_existing: bool = False) -> ImportCheck:
    """read_table() then check_rows(); raises ImportFileError."""
    return check_rows(read_table(filename, data).rows, allow_existing=allow_existing)


# Importing ----------------------------------------------------------------------------------

def import_rows(actor, rows: Iterable[CheckedRow], *, filename: str = "") -> int:
    """Add the enterprises of rows that passed check_rows() (active); never commits.

    The caller must not pass rows of a check with problems. Records one audit event. Rows go
    in batches of plain INSERTs (no ORM objects, no ids returned), everything worked out
    before the first: the write lock is held briefly. Raises ImportConflict when a credit code
    was added since the check.
    """
    # Plain INSERTs skip the model's validators: the pinyin sort keys are made here, all of
    # them before the first INSERT takes the write lock (about 0.2 ms a name).
    values = [{"status": "active", "name_sort": pinyin_key(row.fields["name_zh"]),
               **{name: row.fields[name] for name in ENTERPRISE_FIELDS}} for row in rows]
    with duplicates_as(ImportConflict, "uq_enterprises_credit_code"):
        for start in range(0, len(values), INSERT_BATCH):
            db.session.execute(insert(Enterprise), values[start:start + INSERT_BATCH])
    record_event(actor, "enterprise.imported", count=len(values), file=filename[:200])
    return len(values)
