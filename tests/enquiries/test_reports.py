"""Reports: the figures per department and month, the exports, and who may see them."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import time_machine
from openpyxl import load_workbook

from portal.dates import SHANGHAI
from portal.enquiries import lifecycle
from portal.extensions import db
from portal.workdays.demo import load_demo as load_calendar
from tests.enquiries.conftest import new_key


def local(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI).astimezone(UTC)


def submit_at(app, desk, moment, category=None, member=None):
    from portal.accounts.models import User
    from portal.enquiries.submission import submit_enquiry

    with time_machine.travel(moment, tick=False), app.test_request_context():
        actor = db.session.get(User, (member or desk.member).id)
        reference = submit_enquiry(actor, key=new_key(), category_id=category, subject="问",
                                   body="内容", channel="portal").enquiry.reference
        db.session.commit()
    return reference


def test_the_figures_of_a_month(app, desk, as_user):
    """March 2026, legal department (5 working days): four enquiries.
    A: answered after 2 working hours, on time, rated satisfied.
    B: answered after 7 working days, late, rated unsatisfied.
    C: not answered, past its deadline.  D: not answered, still within its deadline."""
    from portal.enquiries.reports import monthly_report

    with app.app_context():
        load_calendar()
        db.session.commit()
    legal = desk.categories.legal
    a = submit_at(app, desk, local(2026, 3, 2, 10, 0), legal)
    b = submit_at(app, desk, local(2026, 3, 3, 10, 0), legal)
    submit_at(app, desk, local(2026, 3, 4, 10, 0), legal)
    submit_at(app, desk, local(2026, 3, 31, 10, 0), legal)
    submit_at(app, desk, local(2026, 4, 1, 10, 0))  # April, general affairs
    with time_machine.travel(local(2026, 3, 2, 12, 0), tick=False):
        as_user(desk.lawyer, lifecycle.reply_to_enquiry, a, "答复")
        as_user(desk.lawyer, lifecycle.close_enquiry, a)
    with time_machine.travel(local(2026, 3, 12, 11, 0), tick=False):
        as_user(desk.lawyer, lifecycle.reply_to_enquiry, b, "答复")
        as_user(desk.lawyer, lifecycle.close_enquiry, b)
    as_user(desk.member, lifecycle.rate_enquiry, a, "satisfied")
    as_user(desk.member, lifecycle.rate_enquiry, b, "unsatisfied")
    with app.app_context():
        report = monthly_report(2026, now=local(2026, 4, 2, 9, 0))
        (month, department, march), (april_month, april_department, april) = report.rows
        assert (month, department.id, april_month, april_department.id) == (
            3, desk.legal.id, 4, desk.general.id)
        assert (march.volume, march.answered, march.judged, march.on_time) == (4, 2, 3, 1)
        assert (march.reply_rate, march.on_time_rate, march.satisfaction_rate) == (50.0, 33.3,
                                                                                    50.0)
        assert march.minutes == [120, 7 * 480 + 120 - 60]  # b: Mar 3 10:00 to Mar 12 11:00
        assert march.median_hours == round((120 + 3420) / 2 / 60, 1)
        assert (april.volume, april.reply_rate, april.satisfaction_rate) == (1, 0.0, None)
        assert report.total.volume == 5
        only_legal = monthly_report(2026, desk.legal.id, now=local(2026, 4, 2, 9, 0))
        assert only_legal.total.volume == 4 and [r[0] for r in only_legal.rows] == [3]


def test_the_page_and_the_downloads(app, client, login, desk):
    submit_at(app, desk, local(2026, 5, 6, 10, 0), desk.categories.legal)
    login(desk.lawyer)
    page = client.get("/staff/reports/?year=2026").get_data(as_text=True)
    assert 'id="report-table"' in page and "data-chart='" in page
    assert "chart.umd.min." in page and "<script>" not in page
    download = client.get("/staff/reports/export.csv?year=2026")
    assert download.headers["Content-Type"].startswith("text/csv")
    text = download.data.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:3] == ["Month", "Department", "Enquiries"]
    assert lines[1][:3] == ["2026-05", "Legal Services", "1"]
    workbook = load_workbook(io.BytesIO(client.get("/staff/reports/export.xlsx?year=2026").data))
    sheet = workbook["2026"]
    assert [cell.value for cell in sheet[2]][:3] == ["2026-05", "Legal Services", 1]
    assert client.get("/staff/reports/export.pdf").status_code == 404
    assert client.get("/staff/reports/?year=99999&department=abc").status_code == 200


def test_spreadsheet_cells_cannot_be_formulas(app, desk):
    from portal.enquiries.reports import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("@SUM") == "'@SUM" and _safe(12.5) == 12.5 and _safe(None) == ""


def test_editors_and_members_have_no_reports(client, make_client, login, desk):
    login(desk.editor)
    assert client.get("/staff/reports/").status_code == 403
    member = make_client()
    login(desk.member, client=member)
    assert member.get("/staff/reports/").status_code == 403
