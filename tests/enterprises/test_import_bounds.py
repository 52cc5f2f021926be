"""Import files built to exhaust the server are refused within a second, memory bounded, with
a clear message; an honest workbook that merely declares a large range is read as it is."""

from __future__ import annotations

import io
import time
import tracemalloc

import pytest
from sqlalchemy import func, select

from portal.enterprises import workbooks
from portal.enterprises.importing import ImportFileError, read_table
from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.enterprises.hostilefiles import (
    SHEET,
    many_parts,
    rebuilt,
    sheet,
    value_row,
    with_shared_strings,
)
from tests.enterprises.importfiles import code

FAR_VALUE = rebuilt({SHEET: sheet(value_row(2) + value_row(1_048_576))})
FAR_RIGHT = rebuilt({SHEET: sheet(b"".join(value_row(n, b"XFD") for n in range(2, 400)))})
COMPRESSED_STRINGS = with_shared_strings(b"<si><t>" + b"A" * 60_000_000 + b"</t></si>")
MANY_STRINGS = with_shared_strings(b"<si><t>x</t></si>" * 500_000)

HOSTILE = {
    "a value at the last row a sheet can declare": (FAR_VALUE, "beyond row 10000"),
    "values in the last column of every row": (FAR_RIGHT, "or column AX"),
    "60 MB of shared strings in a few KB": (COMPRESSED_STRINGS, "more than 40 MB"),
    "a million tiny shared strings": (MANY_STRINGS, "too large to import"),
    "a thousand parts": (many_parts(1000), "too large to import"),
}


def refused(data: bytes) -> tuple[str, float]:
    """(message, seconds) of read_table refusing the file."""
    started = time.monotonic()
    with pytest.raises(ImportFileError) as error:
        read_table("hostile.xlsx", data)
    return str(error.value.message), time.monotonic() - started


def peak_memory(data: bytes) -> int:
    """The most memory allocated at once while read_table refuses the file."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError):
            read_table("hostile.xlsx", data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_workbooks_are_refused_within_a_second(app, name):
    data, message = HOSTILE[name]
    assert len(data) < 300_000  # small files, all of them
    with app.test_request_context("/staff/", headers={"Accept-Language": "en"}):
        text, seconds = refused(data)
        assert message in text
        assert seconds < 1
        assert peak_memory(data) < 30 * 1024 * 1024


def test_a_declared_huge_range_alone_is_read_as_the_rows_it_has(app):
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c>'
        b'<c r="B%d" t="inlineStr"><is><t>%s</t></is></c><c r="XFD%d" s="1"/></row>'
        % (n, n, f"企业{n}".encode(), n, code(n).encode(), n) for n in range(2, 5))
    data = rebuilt({SHEET: sheet(rows + b'<row r="1048576"><c r="XFD1048576" s="1"/></row>')})
    started = time.monotonic()
    with app.test_request_context("/staff/", headers={"Accept-Language": "en"}):
        table = read_table("declared.xlsx", data)
    assert time.monotonic() - started < 1
    assert [number for number, _ in table.rows] == [2, 3, 4]
    assert table.rows[0][1]["credit_code"] == code(2)


def test_a_workbook_past_the_time_limit_is_refused(app, monkeypatch):
    from tests.enterprises.importfiles import GOOD_ROWS, xlsx_bytes

    monkeypatch.setattr(workbooks, "TIME_LIMIT", 0)
    with app.test_request_context("/staff/", headers={"Accept-Language": "en"}), \
            pytest.raises(ImportFileError, match="took too long"):
        read_table("slow.xlsx", xlsx_bytes(GOOD_ROWS * 100))


def test_the_import_screen_says_why_and_imports_nothing(app, client, login, staff_admin):
    login(staff_admin)
    response = client.post("/staff/enterprises/import", data={
        "file": (io.BytesIO(FAR_VALUE), "会员企业.xlsx")}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "The sheet has values beyond row 10000 or column AX." in response.get_data(
        as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Enterprise.id))) == 0


def test_csv_files_are_bounded_too(app):
    from tests.enterprises.importfiles import HEADER, csv_bytes

    wide = csv_bytes([["企业", code(1)] + [""] * 60], header=HEADER + ["x"] * 60)
    big = csv_bytes([["企业", code(1), "x" * 1000]] * 6000)
    with app.test_request_context("/staff/", headers={"Accept-Language": "en"}):
        with pytest.raises(ImportFileError, match="more than 50 columns"):
            read_table("wide.csv", wide)
        with pytest.raises(ImportFileError, match="larger than 5 MB"):
            read_table("big.csv", big)
