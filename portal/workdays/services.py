"""Working days and working hours on the holiday calendar, and the admins' changes to it.

A working day is a Monday to Friday that the calendar does not mark as a holiday, or a
Saturday or Sunday that it marks as a make-up working day (调休上班). Working hours are
WORKDAY_START to WORKDAY_END (portal/config.py) of each working day, in the site's time
zone (Asia/Shanghai). Deadlines end when the working hours of their last day end.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, select

from portal.audit.services import record_event
from portal.dates import SHANGHAI
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.workdays.models import KINDS, CalendarDay

WINDOW = 62  # days of calendar read at a time while counting forward


class CalendarRuleBroken(PortalError):
    pass


def working_hours() -> tuple[time, time]:
    """(start, end) of a working day, local time, from the settings."""
    start = time.fromisoformat(str(current_app.config["WORKDAY_START"]))
    end = time.fromisoformat(str(current_app.config["WORKDAY_END"]))
    if end <= start:
        raise RuntimeError("WORKDAY_END must be later than WORKDAY_START")
    return start, end


def local_date(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def _at(day: date, clock: time) -> datetime:
    """The UTC moment of a local (Asia/Shanghai) clock time on a day."""
    return datetime.combine(day, clock, SHANGHAI).astimezone(UTC)


def special_days(first: date, last: date) -> dict[date, bool]:
    """{day: is a working day} for the calendar's entries from first to last, inclusive."""
    rows = db.session.execute(select(CalendarDay.day, CalendarDay.kind)
                              .where(CalendarDay.day.between(first, last)))
    return {day: kind == "workday" for day, kind in rows}


def is_working_day(day: date, special: dict[date, bool] | None = None) -> bool:
    if special is None:
        special = special_days(day, day)
    if day in special:
        return special[day]
    return day.weekday() < 5


def _days_after(day: date) -> Iterator[tuple[date, bool]]:
    """(day, is working) for each day after `day`, reading the calendar a window at a time."""
    while True:
        special = special_days(day + timedelta(days=1), day + timedelta(days=WINDOW))
        for offset in range(1, WINDOW + 1):
            current = day + timedelta(days=offset)
            yield current, is_working_day(current, special)
        day += timedelta(days=WINDOW)


def working_day_after(day: date, count: int) -> date:
    """The count-th working day after `day` (`day` itself does not count); count >= 1."""
    if count < 1:
        raise ValueError("count must be at least 1")
    found = 0
    for current, working in _days_after(day):
        found += working
        if found == count:
            return current
    raise AssertionError("unreachable")


def deadline(received: datetime, days: int) -> datetime:
    """When something received at `received` is due with `days` working days: the end of
    working hours on the days-th working day after the (local) day it arrived. The day of
    arrival never counts, so what arrives late on a Friday has its full days all the same."""
    return _at(working_day_after(local_date(received), max(days, 1)), working_hours()[1])


def end_of_today(now: datetime) -> datetime:
    """The last moment of the local day of `now` (for "due today")."""
    return _at(local_date(now) + timedelta(days=1), time(0))


def working_minutes_between(start: datetime, end: datetime) -> int:
    """Minutes of working hours from start to end (0 when end is not after start)."""
    if end <= start:
        return 0
    opens, closes = working_hours()
    first, last = local_date(start), local_date(end)
    special = special_days(first, last)
    total = timedelta()
    day = first
    while day <= last:
        if is_working_day(day, special):
            low, high = max(_at(day, opens), start), min(_at(day, closes), end)
            if high > low:
                total += high - low
        day += timedelta(days=1)
    return int(total.total_seconds() // 60)


# The admins' calendar (/staff/holidays/) -------------------------------------------------------

def calendar_year(year: int) -> list[CalendarDay]:
    return list(db.session.scalars(select(CalendarDay).where(
        extract("year", CalendarDay.day) == year).order_by(CalendarDay.day)))


def calendar_years() -> list[int]:
    """The years the calendar has entries for, newest first."""
    days = db.session.scalars(select(CalendarDay.day).order_by(CalendarDay.day.desc()))
    return sorted({day.year for day in days}, reverse=True)


def _upsert(day: date, kind: str, name: str) -> tuple[CalendarDay, bool]:
    if kind not in KINDS:
        raise CalendarRuleBroken(_l("Unknown kind of day."))
    entry = db.session.scalar(select(CalendarDay).where(CalendarDay.day == day))
    changed = entry is None or (entry.kind, entry.name) != (kind, name)
    if entry is None:
        entry = CalendarDay(day=day, kind=kind, name=name)
        db.session.add(entry)
    else:
        entry.kind, entry.name = kind, name
    return entry, changed


def set_day(actor, day: date, kind: str, name: str = "") -> CalendarDay:
    """Mark a day as a holiday or a make-up working day (replacing what it was). For admins
    (the view checks). Raises CalendarRuleBroken for an unknown kind."""
    entry, changed = _upsert(day, kind, (name or "")[:60])
    db.session.flush()
    if changed:
        record_event(actor, "calendar.day_set", entry, day=day.isoformat(), kind=kind,
                     name=entry.name)
    return entry


def remove_day(actor, entry_id: int) -> date:
    """Let a day follow the plain week again. Raises NotFound."""
    entry = db.session.get(CalendarDay, entry_id)
    if entry is None:
        raise NotFound()
    day = entry.day
    db.session.delete(entry)
    db.session.flush()
    record_event(actor, "calendar.day_removed", None, day=day.isoformat(), kind=entry.kind)
    return day


def import_days(actor, entries: list[tuple[date, str, str]]) -> int:
    """Set every (day, kind, name) of a checked list (calendar_import.parse_dates); returns
    how many days changed."""
    changed = 0
    for day, kind, name in entries:
        changed += _upsert(day, kind, name)[1]
    db.session.flush()
    if entries:
        record_event(actor, "calendar.imported", None, days=len(entries), changed=changed,
                     first=min(e[0] for e in entries).isoformat(),
                     last=max(e[0] for e in entries).isoformat())
    return changed
