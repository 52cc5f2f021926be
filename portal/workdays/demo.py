"""The demo calendar: 2026's holidays and make-up working days as the State Council
announced them (国务院办公厅关于2026年部分节假日安排的通知)."""

from __future__ import annotations

from datetime import date, timedelta

from portal.extensions import db
from portal.workdays.models import CalendarDay

HOLIDAYS_2026 = [
    # first day, last day, name
    (date(2026, 1, 1), date(2026, 1, 3), "元旦"),
    (date(2026, 2, 15), date(2026, 2, 23), "春节"),
    (date(2026, 4, 4), date(2026, 4, 6), "清明节"),
    (date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
    (date(2026, 6, 19), date(2026, 6, 21), "端午节"),
    (date(2026, 9, 25), date(2026, 9, 27), "中秋节"),
    (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
]
WORKDAYS_2026 = [
    (date(2026, 1, 4), "元旦调休上班"),
    (date(2026, 2, 14), "春节调休上班"),
    (date(2026, 2, 28), "春节调休上班"),
    (date(2026, 5, 9), "劳动节调休上班"),
    (date(2026, 9, 20), "国庆节调休上班"),
    (date(2026, 10, 10), "国庆节调休上班"),
]


def calendar_2026() -> list[tuple[date, str, str]]:
    """(day, kind, name) of every special day of 2026."""
    days = [(first + timedelta(days=n), "holiday", name)
            for first, last, name in HOLIDAYS_2026 for n in range((last - first).days + 1)]
    return days + [(day, "workday", name) for day, name in WORKDAYS_2026]


def load_demo() -> None:
    for day, kind, name in calendar_2026():
        db.session.add(CalendarDay(day=day, kind=kind, name=name))
    db.session.flush()
