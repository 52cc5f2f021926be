"""Reading a pasted list of dates for the holiday calendar (the State Council's notice each
year, or a spreadsheet column), one day or range a line:

    2026-10-01~2026-10-07 国庆节
    2026-10-10 班 国庆节调休
    2026/1/1,休,元旦

A line is a date or a range (~ ～ 至 .. between two dates), then optionally the kind
(休 / 假 / holiday, or 班 / workday; otherwise the kind chosen in the form), then a name.
Every bad line is reported with its number and nothing is imported until all are good.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

MAX_LINES = 400
MAX_RANGE_DAYS = 31
YEARS = range(2000, 2101)
KIND_WORDS = {"休": "holiday", "假": "holiday", "holiday": "holiday", "off": "holiday",
              "班": "workday", "workday": "workday", "work": "workday"}
RANGE = re.compile(r"\s*(?:~|～|至|\.\.|–|—)\s*")
DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def _date(text: str) -> date:
    match = DATE.fullmatch(text)
    if not match:
        raise ValueError(_l("“%(text)s” is not a date like 2026-10-01.", text=text[:30]))
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(_l("“%(text)s” is not a date in the calendar.", text=text)) from None
    if day.year not in YEARS:
        raise ValueError(_l("%(year)d is outside the years the calendar keeps.", year=day.year))
    return day


def _days(text: str) -> list[date]:
    parts = RANGE.split(text)
    if len(parts) == 1:
        return [_date(parts[0])]
    if len(parts) != 2:
        raise ValueError(_l("A range has two dates, like 2026-10-01~2026-10-07."))
    first, last = _date(parts[0]), _date(parts[1])
    if last < first:
        raise ValueError(_l("The range ends before it begins."))
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValueError(_l("A range can be at most %(days)d days long.", days=MAX_RANGE_DAYS))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def parse_dates(text: str, default_kind: str) -> tuple[list[tuple[date, str, str]],
                                                        list[tuple[int, str]]]:
    """(entries (day, kind, name), errors (line number, message)) of the pasted text."""
    entries: list[tuple[date, str, str]] = []
    errors: list[tuple[int, str]] = []
    lines = (text or "").splitlines()
    if len(lines) > MAX_LINES:
        return [], [(MAX_LINES + 1, str(_l("At most %(lines)d lines at a time.",
                                           lines=MAX_LINES)))]
    for number, line in enumerate(lines, start=1):
        line = line.replace("，", " ").replace(",", " ").replace("\t", " ").strip()
        if not line or line.startswith("#"):
            continue
        line = RANGE.sub("~", line)
        head, _, rest = line.partition(" ")
        words = rest.split()
        kind = default_kind
        if words and words[0].casefold() in KIND_WORDS:
            kind = KIND_WORDS[words.pop(0).casefold()]
        try:
            days = _days(head)
        except ValueError as error:
            errors.append((number, str(error)))
            continue
        entries += [(day, kind, " ".join(words)[:60]) for day in days]
    if not entries and not errors:
        errors.append((1, str(_l("Please paste at least one date."))))
    return entries, errors
