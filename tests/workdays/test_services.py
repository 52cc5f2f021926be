"""Working days on the 2026 calendar: deadlines, working minutes, and the calendar's import."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.dates import SHANGHAI
from portal.extensions import db
from portal.workdays import services
from portal.workdays.calendar_import import parse_dates
from portal.workdays.demo import calendar_2026, load_demo


@pytest.fixture
def calendar(app):
    with app.app_context():
        load_demo()
        db.session.commit()


def at(*parts) -> datetime:
    """A local (Asia/Shanghai) time as UTC."""
    return datetime(*parts, tzinfo=SHANGHAI).astimezone(UTC)


def test_the_2026_calendar_has_the_announced_days():
    days = {day: kind for day, kind, _name in calendar_2026()}
    assert sum(kind == "holiday" for kind in days.values()) == 33
    assert [day for day, kind in sorted(days.items()) if kind == "workday"] == [
        date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
        date(2026, 9, 20), date(2026, 10, 10)]


@pytest.mark.parametrize("received, days, due", [
    # A Monday: the day itself does not count.
    (at(2026, 3, 2, 10, 0), 3, at(2026, 3, 5, 17, 0)),
    # Late on a Friday: Monday is the first working day.
    (at(2026, 3, 6, 16, 59), 1, at(2026, 3, 9, 17, 0)),
    # On a Saturday.
    (at(2026, 3, 7, 9, 0), 2, at(2026, 3, 10, 17, 0)),
    # Before the Spring Festival: Sat 14 Feb is a make-up working day, 15-23 Feb are off.
    (at(2026, 2, 12, 11, 0), 3, at(2026, 2, 24, 17, 0)),
    # The National Day week: 1-7 Oct off, Sat 10 Oct is worked.
    (at(2026, 9, 30, 15, 0), 3, at(2026, 10, 10, 17, 0)),
    # New Year: 1-3 Jan off, Sun 4 Jan is worked.
    (at(2025, 12, 31, 9, 0), 1, at(2026, 1, 4, 17, 0)),
])
def test_deadlines_count_working_days_on_the_calendar(app, calendar, received, days, due):
    with app.app_context():
        assert services.deadline(received, days) == due


def test_without_a_calendar_only_weekends_are_off(app):
    with app.app_context():
        assert services.deadline(at(2026, 10, 1, 10, 0), 1) == at(2026, 10, 2, 17, 0)


@pytest.mark.parametrize("start, end, minutes", [
    (at(2026, 3, 2, 10, 0), at(2026, 3, 2, 11, 30), 90),
    (at(2026, 3, 2, 8, 0), at(2026, 3, 2, 18, 0), 480),  # only 9:00-17:00 counts
    (at(2026, 3, 6, 16, 0), at(2026, 3, 9, 10, 0), 120),  # Friday evening to Monday morning
    (at(2026, 4, 3, 16, 0), at(2026, 4, 7, 9, 30), 90),  # over the Qingming holiday
    (at(2026, 2, 13, 16, 0), at(2026, 2, 14, 10, 0), 120),  # the make-up Saturday works
    (at(2026, 3, 2, 12, 0), at(2026, 3, 2, 11, 0), 0),
])
def test_working_minutes_between_two_moments(app, calendar, start, end, minutes):
    with app.app_context():
        assert services.working_minutes_between(start, end) == minutes


def test_working_hours_come_from_the_settings(app, calendar):
    app.config.update(WORKDAY_START="08:30", WORKDAY_END="17:30")
    with app.app_context():
        assert services.deadline(at(2026, 3, 2, 10, 0), 1) == at(2026, 3, 3, 17, 30)
        assert services.working_minutes_between(at(2026, 3, 2, 8, 0), at(2026, 3, 2, 9, 0)) == 30


def test_parse_dates_reads_days_ranges_kinds_and_names():
    entries, errors = parse_dates(
        "2026-10-01~2026-10-03 国庆节\n"
        "2026/10/10 班 国庆节调休\n"
        "# a comment\n\n"
        "2026-01-01，休，元旦\n"
        "2026年5月1日 至 2026年5月2日 劳动节\n", "holiday")
    assert errors == []
    assert entries == [
        (date(2026, 10, 1), "holiday", "国庆节"), (date(2026, 10, 2), "holiday", "国庆节"),
        (date(2026, 10, 3), "holiday", "国庆节"), (date(2026, 10, 10), "workday", "国庆节调休"),
        (date(2026, 1, 1), "holiday", "元旦"), (date(2026, 5, 1), "holiday", "劳动节"),
        (date(2026, 5, 2), "holiday", "劳动节")]


def test_parse_dates_lists_every_bad_line():
    entries, errors = parse_dates("2026-02-30\nsoon\n2026-10-07~2026-10-01\n"
                                  "2026-01-01~2026-03-01\n1999-01-01\n2026-05-01", "holiday")
    assert [number for number, _message in errors] == [1, 2, 3, 4, 5]
    assert entries == [(date(2026, 5, 1), "holiday", "")]


def test_admin_imports_sets_and_removes_days(app, client, login, staff_admin, audit_actions):
    from portal.workdays.models import CalendarDay

    login(staff_admin)
    response = client.post("/staff/holidays/import", data={
        "import-dates": "2026-10-01~2026-10-07 国庆节\n2026-10-10 班 国庆节调休",
        "import-kind": "holiday"})
    assert response.status_code == 302
    page = client.get("/staff/holidays/?year=2026").get_data(as_text=True)
    assert page.count('data-day="2026-10-') == 8 and "国庆节调休" in page
    bad = client.post("/staff/holidays/import", data={"import-dates": "2026-13-01",
                                                        "import-kind": "holiday"})
    assert bad.status_code == 400 and "Line 1" in bad.get_data(as_text=True)
    assert client.post("/staff/holidays/day", data={
        "day-day": "2026-10-10", "day-kind": "holiday", "day-name": "改"}).status_code == 302
    with app.app_context():
        entry = db.session.scalar(select(CalendarDay).where(CalendarDay.day == date(2026, 10, 10)))
        assert (entry.kind, entry.name) == ("holiday", "改")
        entry_id = entry.id
    assert client.post(f"/staff/holidays/{entry_id}/remove").status_code == 302
    assert client.post(f"/staff/holidays/{entry_id}/remove").status_code == 404
    assert [a[0] for a in audit_actions() if a[0].startswith("calendar.")] == [
        "calendar.imported", "calendar.day_set", "calendar.day_removed"]


def test_only_admins_keep_the_calendar(client, login, make_user):
    login(make_user(kind="staff", roles=("agent",)))
    assert client.get("/staff/holidays/").status_code == 403
