"""`flask enterprises import FILE [--dry-run]`."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.enterprises.importfiles import GOOD_ROWS, bad_check, csv_bytes, xlsx_bytes


def count(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Enterprise.id)))


def test_dry_run_imports_nothing(app, tmp_path):
    path = tmp_path / "会员企业.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS, "gb18030"))
    result = app.test_cli_runner().invoke(args=["enterprises", "import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "4 rows are correct; nothing imported (dry run)." in result.output
    assert count(app) == 0


def test_import_of_a_workbook(app, tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_bytes(xlsx_bytes(GOOD_ROWS))
    result = app.test_cli_runner().invoke(args=["enterprises", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 4 enterprises from members.xlsx." in result.output
    assert count(app) == 4


def test_bad_rows_are_listed_and_nothing_is_imported(app, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([*GOOD_ROWS, ["", "", bad_check(40), "x", "", ""]], "utf-8-sig"))
    result = app.test_cli_runner().invoke(args=["enterprises", "import", str(path)])
    assert result.exit_code == 1
    assert "row 6: Chinese name: The Chinese name is missing." in result.output
    assert "row 6: Unified social credit code: The check digit" in result.output
    assert "row 6: Membership level: Unknown membership level." in result.output
    assert "3 problem(s) in bad.csv; nothing imported." in result.output
    assert count(app) == 0


def test_unreadable_file(app, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"nope")
    result = app.test_cli_runner().invoke(args=["enterprises", "import", str(path)])
    assert result.exit_code == 1
    assert "could not be read" in result.output
