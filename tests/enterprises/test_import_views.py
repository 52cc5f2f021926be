"""The staff import screen: upload, dry run listing every bad row, confirm."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.enterprises.importfiles import (
    GOOD_ROWS,
    HEADER,
    bad_check,
    code,
    csv_bytes,
    xlsx_bytes,
)


def upload(client, data: bytes, filename: str):
    return client.post("/staff/enterprises/import", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def enterprise_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Enterprise.id)))


def confirm_token(page: str) -> str:
    marker = 'name="token" type="hidden" value="'
    start = page.index(marker) + len(marker)
    return page[start:page.index('"', start)]


@pytest.mark.parametrize("filename, data", [
    ("会员企业.csv", csv_bytes(GOOD_ROWS, "utf-8")),
    ("会员企业.csv", csv_bytes(GOOD_ROWS, "utf-8-sig")),
    ("会员企业.csv", csv_bytes(GOOD_ROWS, "gb18030")),
    ("会员企业.xlsx", xlsx_bytes(GOOD_ROWS)),
])
def test_clean_file_is_previewed_then_imported_on_confirmation(app, admin_client, filename,
                                                              data):
    response = upload(admin_client, data, filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "add 4 new enterprises" in page and "update 0 existing enterprises" in page
    assert "苏州青禾精密机械有限公司" in page
    assert enterprise_count(app) == 0  # a dry run first

    response = admin_client.post("/staff/enterprises/import/confirm",
                                 data={"token": confirm_token(page)})
    assert response.status_code == 302
    assert "Import done: 4 new, 0 updated, 0 unchanged enterprises; 0 invitations sent." in (
        admin_client.get(response.headers["Location"]).get_data(as_text=True))
    with app.app_context():
        names = set(db.session.scalars(select(Enterprise.name_zh)))
    assert names == {row[0] for row in GOOD_ROWS}


def test_file_with_bad_rows_shows_each_and_imports_nothing(app, admin_client, make_enterprise):
    existing = make_enterprise()
    rows = [GOOD_ROWS[0],
            ["", "", code(21), "", "", ""],
            ["乙公司", "", bad_check(22), "", "", ""],
            ["丙公司", "", code(1), "", "", ""],
            ["丁公司", "", existing.credit_code, "", "", ""],  # an update: no problem
            ["戊公司", "", code(23), "荣誉单位", "", ""],
            ["己公司", "", code(24), "", "2025-02-29", ""]]
    page = upload(admin_client, csv_bytes(rows, "gb18030"), "bad.csv").get_data(as_text=True)
    assert "5 problems were found in the file. Nothing has been imported" in page
    assert '<tr data-row="6">' not in page
    for row in (3, 4, 5, 7, 8):
        assert f'<tr data-row="{row}">' in page
    assert '<tr data-row="2">' not in page
    assert "The same credit code is already in row 2 of this file." in page
    assert "荣誉单位" in page  # the value as typed
    assert 'id="confirm-import"' not in page
    assert enterprise_count(app) == 1


def test_unreadable_file_error_is_next_to_the_field(admin_client):
    page = upload(admin_client, b"not a workbook", "list.xlsx").get_data(as_text=True)
    assert 'id="file-errors"' in page
    assert "could not be read as CSV or Excel" in page


def test_wrong_extension_and_missing_file(admin_client):
    page = upload(admin_client, b"a,b", "list.txt").get_data(as_text=True)
    assert "Please choose a .csv or .xlsx file." in page
    page = admin_client.post("/staff/enterprises/import", data={}).get_data(as_text=True)
    assert "Please choose a file." in page


def test_confirmation_rechecks_the_file(app, admin_client, make_user):
    header = [*HEADER, "主要联系人", "主要联系人邮箱"]
    rows = [[*GOOD_ROWS[0], "王芳", "wang@example.com"]]
    page = upload(admin_client, csv_bytes(rows, header=header), "ok.csv").get_data(as_text=True)
    assert "invite 1 contact as primary contact" in page
    token = confirm_token(page)
    make_user(kind="staff", email="wang@example.com")  # the address is taken in between
    response = admin_client.post("/staff/enterprises/import/confirm", data={"token": token})
    assert "This address belongs to an account of another enterprise or of the secretariat." in (
        response.get_data(as_text=True))
    assert enterprise_count(app) == 0


def test_confirmation_needs_this_admins_token(app, admin_client, make_client, login,
                                             make_user):
    page = upload(admin_client, csv_bytes(GOOD_ROWS), "ok.csv").get_data(as_text=True)
    token = confirm_token(page)
    other = make_client()
    login(make_user(kind="staff", roles=("admin",)), client=other)
    response = other.post("/staff/enterprises/import/confirm", data={"token": token},
                          follow_redirects=True)
    assert "no longer waiting" in response.get_data(as_text=True)
    for forged in ("../../etc/passwd", "0" * 32, ""):
        admin_client.post("/staff/enterprises/import/confirm", data={"token": forged})
    assert enterprise_count(app) == 0
    # the real one still works, once
    assert admin_client.post("/staff/enterprises/import/confirm",
                             data={"token": token}).status_code == 302
    assert enterprise_count(app) == 4
    again = admin_client.post("/staff/enterprises/import/confirm", data={"token": token},
                              follow_redirects=True)
    assert "no longer waiting" in again.get_data(as_text=True)
    assert enterprise_count(app) == 4


def test_template_csv_has_the_chinese_header(admin_client):
    response = admin_client.get("/staff/enterprises/import/template.csv")
    assert response.headers["Content-Disposition"].startswith("attachment")
    text = response.get_data().decode("utf-8-sig")
    assert text.startswith("企业名称,英文名称,统一社会信用代码,会员级别,入会日期,到期日期")
