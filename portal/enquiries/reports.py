"""Reports per department and month (/staff/reports/): volume, reply rate (回复率), on-time
reply rate (按时答复率), satisfaction rate (满意率) and the median first-response time in
working hours; as tables, chart data, CSV and an Excel workbook.

Enquiries count in the (local) month they were submitted, under the department that holds
them now. Reply rate: answered of all. On-time rate: first answered by the first deadline,
of those answered or past that deadline (one still within it is not yet judged).
Satisfaction: 满意 and 基本满意 of all rated. First response: working hours (WORKDAY_START
to WORKDAY_END on working days) from submission to the first answer, kept when it is given.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal.database import utcnow
from portal.dates import SHANGHAI
from portal.departments.models import Department
from portal.enquiries.models import Enquiry
from portal.extensions import db

SATISFIED = ("satisfied", "fairly_satisfied")


@dataclass
class Figures:
    volume: int = 0
    answered: int = 0
    judged: int = 0  # answered, or past the first deadline
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    minutes: list[int] = field(default_factory=list)

    def add(self, first_due_at, first_answered_at, minutes, rating, now) -> None:
        self.volume += 1
        if first_answered_at is not None:
            self.answered += 1
            self.judged += 1
            self.on_time += first_answered_at <= first_due_at
            if minutes is not None:
                self.minutes.append(minutes)
        elif first_due_at < now:
            self.judged += 1
        if rating is not None:
            self.rated += 1
            self.satisfied += rating in SATISFIED

    def merge(self, other: Figures) -> None:
        for name in ("volume", "answered", "judged", "on_time", "rated", "satisfied"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.minutes += other.minutes

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def reply_rate(self):
        return self._rate(self.answered, self.volume)

    @property
    def on_time_rate(self):
        return self._rate(self.on_time, self.judged)

    @property
    def satisfaction_rate(self):
        return self._rate(self.satisfied, self.rated)

    @property
    def median_hours(self):
        return round(statistics.median(self.minutes) / 60, 1) if self.minutes else None


@dataclass
class Report:
    year: int
    departments: list[Department]
    rows: list[tuple[int, Department, Figures]]  # (month, department, figures), with data
    months: dict[int, Figures]  # 1..12, every department together
    total: Figures


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    start = datetime(year, 1, 1, tzinfo=SHANGHAI).astimezone(UTC)
    return start, datetime(year + 1, 1, 1, tzinfo=SHANGHAI).astimezone(UTC)


def monthly_report(year: int, department_id: int | None = None, now=None) -> Report:
    """The year's figures per month and department (two queries)."""
    now = now or utcnow()
    start, end = _year_bounds(year)
    query = select(Enquiry.department_id, Enquiry.submitted_at, Enquiry.first_due_at,
                   Enquiry.first_answered_at, Enquiry.first_response_minutes,
                   Enquiry.rating).where(Enquiry.submitted_at >= start,
                                         Enquiry.submitted_at < end)
    if department_id is not None:
        query = query.where(Enquiry.department_id == department_id)
    cells: dict[tuple[int, int], Figures] = defaultdict(Figures)
    for dept, submitted, due, answered, minutes, rating in db.session.execute(query):
        cells[(submitted.astimezone(SHANGHAI).month, dept)].add(due, answered, minutes,
                                                                 rating, now)
    departments = list(db.session.scalars(select(Department).order_by(Department.name_zh)))
    by_id = {d.id: d for d in departments}
    rows = [(month, by_id[dept], figures) for (month, dept), figures in cells.items()
            if dept in by_id]
    rows.sort(key=lambda row: (row[0], row[1].name_zh))
    months = {month: Figures() for month in range(1, 13)}
    total = Figures()
    for month, _department, figures in rows:
        months[month].merge(figures)
        total.merge(figures)
    shown = [d for d in departments if department_id is None or d.id == department_id]
    return Report(year, shown, rows, months, total)


def month_label(month: int, language: str) -> str:
    return f"{month}月" if language == "zh_CN" else datetime(2000, month, 1).strftime("%b")


def chart_data(report: Report, language: str) -> dict:
    """What static/js/reports.js draws: volume per month stacked by department, and the
    three rates per month."""
    labels = [month_label(m, language) for m in range(1, 13)]
    volume = []
    for department in report.departments:
        counts = defaultdict(int)
        for month, dept, figures in report.rows:
            if dept.id == department.id:
                counts[month] = figures.volume
        if any(counts.values()):
            volume.append({"label": department.display_name(language),
                           "data": [counts[m] for m in range(1, 13)]})
    months = [report.months[m] for m in range(1, 13)]
    rates = [{"label": _("Reply rate"), "data": [f.reply_rate for f in months]},
             {"label": _("On-time reply rate"), "data": [f.on_time_rate for f in months]},
             {"label": _("Satisfaction rate"), "data": [f.satisfaction_rate for f in months]}]
    return {"labels": labels, "volume": volume, "rates": rates,
            "volumeTitle": _("Enquiries per month"), "ratesTitle": _("Rates per month (%)")}


def headings() -> list[str]:
    return [_("Month"), _("Department"), _("Enquiries"), _("Answered"), _("Reply rate (%)"),
            _("On-time reply rate (%)"), _("Rated"), _("Satisfaction rate (%)"),
            _("Median first response (working hours)")]


def table_rows(report: Report, language: str) -> list[list]:
    """The export's rows: one per month and department, then the year's total."""
    def cells(month, department, f: Figures):
        return [month, department, f.volume, f.answered, f.reply_rate, f.on_time_rate, f.rated,
                f.satisfaction_rate, f.median_hours]

    rows = [cells(f"{report.year}-{month:02d}", d.display_name(language), f)
            for month, d, f in report.rows]
    rows.append(cells(str(report.year), _("All departments"), report.total))
    return rows


def _safe(value):
    """A spreadsheet cell that cannot run as a formula (= + - @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def as_csv(report: Report, language: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [headings(), *table_rows(report, language)]:
        writer.writerow([_safe(value) for value in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM: Excel in China reads it as UTF-8


def as_xlsx(report: Report, language: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(report.year))
    for row in [headings(), *table_rows(report, language)]:
        sheet.append([_safe(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
