"""Reading and checking import files (portal/enterprises/importing.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.enterprises.importing import (
    MAX_ROWS,
    ImportFileError,
    check_file,
    import_rows,
    parse_date,
    read_table,
)
from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.enterprises.importfiles import GOOD_ROWS, bad_check, code, csv_bytes, xlsx_bytes


@pytest.fixture
def ctx(app):
    with app.test_request_context("/members/", headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_in_every_encoding_keeps_chinese(ctx, encoding):
    check = check_file("会员.csv", csv_bytes(GOOD_ROWS, encoding))
    assert check.problems == []
    assert [row.fields["name_zh"] for row in check.rows] == [r[0] for r in GOOD_ROWS]
    first = check.rows[0].fields
    assert first["level"] == "president"
    assert first["joined_on"] == date(2020, 1, 15)
    assert check.rows[1].fields["expires_on"] == date(2027, 5, 31)
    assert check.rows[2].fields["joined_on"] == date(2022, 3, 8)
    assert check.rows[3].fields["level"] == "member"
    assert [row.row for row in check.rows] == [2, 3, 4, 5]


def test_gb18030_really_is_not_utf8(ctx):
    data = csv_bytes(GOOD_ROWS, "gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_xlsx_with_date_cells(ctx):
    check = check_file("会员.xlsx", xlsx_bytes(GOOD_ROWS))
    assert check.problems == []
    assert check.rows[0].fields["joined_on"] == date(2020, 1, 15)
    assert check.rows[0].fields["name_en"] == "Suzhou Qinghe Precision Machinery Co., Ltd."


def test_english_headers_and_level_codes(ctx):
    header = ["name_zh", "credit_code", "level", "Expires on"]
    check = check_file("x.csv", csv_bytes([["甲公司", code(9), "vice_president", "2027-01-01"]],
                                          header=header))
    assert check.ok
    assert check.rows[0].fields["level"] == "vice_president"
    assert check.rows[0].fields["expires_on"] == date(2027, 1, 1)


def test_every_bad_row_is_reported_with_its_number(app, ctx, make_enterprise):
    existing = make_enterprise()
    rows = [
        GOOD_ROWS[0],                                                   # row 2: fine
        ["", "", code(11), "会员单位", "", ""],                          # 3: no name
        ["乙公司", "", bad_check(12), "会员单位", "", ""],                 # 4: check digit
        ["丙公司", "", code(1), "会员单位", "", ""],                       # 5: repeats row 2
        ["丁公司", "", existing.credit_code, "会员单位", "", ""],          # 6: in the database
        ["戊公司", "", code(13), "名誉会长单位", "", ""],                   # 7: unknown level
        ["己公司", "", code(14), "会员单位", "2024-02-30", ""],             # 8: bad date
        ["庚公司", "", "", "", "", ""],                                    # 9: no code
        ["", "", "", "", "", ""],                                        # blank: skipped
        ["辛公司", "", code(15), "理事单位", "2025-01-01", "2024-01-01"],   # 11: expiry first
    ]
    check = check_file("bad.csv", csv_bytes(rows))
    found = {(p.row, p.column) for p in check.problems}
    assert found == {(3, "name_zh"), (4, "credit_code"), (5, "credit_code"), (6, "credit_code"),
                     (7, "level"), (8, "joined_on"), (9, "credit_code"), (11, "expires_on")}
    messages = {p.row: p.message for p in check.problems}
    assert messages[3] == "The Chinese name is missing."
    assert messages[4] == "The check digit of this credit code is wrong."
    assert messages[5] == "The same credit code is already in row 2 of this file."
    assert messages[6] == "An enterprise with this credit code already exists."
    assert messages[7].startswith("Unknown membership level.")
    assert messages[8] == "Not a date. Write it as YYYY-MM-DD."
    assert messages[9] == "The credit code is missing."
    assert not check.ok


@pytest.mark.parametrize("filename, data, message", [
    ("x.txt", b"a,b", "Please choose a .csv or .xlsx file."),
    ("x.csv", b"", "The file is empty."),
    ("x.csv", "英文名称,会员级别\r\nA,B\r\n".encode(), "missing: Chinese name, Unified social"),
    ("x.csv", "企业名称,统一社会信用代码\r\n".encode(), "no rows below its header"),
    ("x.xlsx", b"PK\x03\x04 not really a zip", "could not be read"),
    ("x.xlsx", b"plain text", "could not be read"),
])
def test_unusable_files_are_refused_as_a_whole(ctx, filename, data, message):
    with pytest.raises(ImportFileError) as error:
        read_table(filename, data)
    assert message in str(error.value.message)


def test_too_many_rows_are_refused(ctx):
    rows = [[f"公司{i}", "", code(i), "", "", ""] for i in range(MAX_ROWS + 1)]
    with pytest.raises(ImportFileError, match="more than"):
        read_table("big.csv", csv_bytes(rows))


@pytest.mark.parametrize("text, expected", [
    ("2026-11-26", date(2026, 11, 26)), ("2026/1/5", date(2026, 1, 5)),
    ("2026.01.05", date(2026, 1, 5)), ("2026年11月26日", date(2026, 11, 26)),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["26/11/2026", "2026-02-30", "tomorrow", "45000"])
def test_bad_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_import_rows_adds_active_enterprises_and_one_audit_event(ctx):
    from portal.audit.models import AuditEvent

    check = check_file("ok.csv", csv_bytes(GOOD_ROWS, "utf-8-sig"))
    assert import_rows(None, check.rows, filename="ok.csv") == 4
    db.session.commit()
    assert db.session.scalar(select(func.count(Enterprise.id))) == 4
    saved = db.session.scalars(select(Enterprise).where(Enterprise.credit_code == code(2))).one()
    assert (saved.name_zh, saved.level, saved.status) == ("南通远帆纺织股份有限公司",
                                                          "vice_president", "active")
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "enterprise.imported"
    assert event.details == {"count": 4, "file": "ok.csv"}
