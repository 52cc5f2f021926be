"""The list as Excel, read back by the import: one changed cell updates one enterprise; named
contacts are invited; the lookup the invitation form asks as one types."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from portal.accounts.models import User
from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.conftest import mails_to
from tests.enterprises.test_import_views import confirm_token, upload


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    data = response.get_data()
    response.close()  # the spooled file under the streamed download
    return response, data


def rows_of(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_export_follows_the_filters_sorts_by_pinyin_and_neutralises(
        app, admin_client, make_enterprise, make_user, audit_actions):
    make_enterprise(name_zh="远帆跨境物流股份有限公司", level="director")
    qinghe = make_enterprise(name_zh="青禾智能装备有限公司", name_en="=cmd|' /C calc'!A0")
    make_enterprise(name_zh="明川新材料集团有限公司", status="suspended")
    make_user(enterprise=qinghe, is_primary_contact=True, name="李明", email="li@example.com")
    response, data = download(admin_client, "/staff/enterprises/export.xlsx?status=active")
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = rows_of(data)
    assert rows[0][:6] == ["Chinese name", "English name", "Unified social credit code",
                           "Membership level", "Joined on", "Membership expires on"]
    assert [row[0] for row in rows[1:]] == ["青禾智能装备有限公司", "远帆跨境物流股份有限公司"]
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][8:] == ["李明", "li@example.com"]
    assert rows[2][3] == "Council member unit"
    assert audit_actions()[-1][0] == "enterprise.exported"


def test_the_list_sorts_chinese_names_by_pinyin(admin_client, make_enterprise):
    for name in ("重庆银行股份有限公司", "阿里商贸有限公司", "青海矿业有限公司",
                 "长城电子有限公司"):
        make_enterprise(name_zh=name)
    page = admin_client.get("/staff/enterprises/").get_data(as_text=True)
    order = sorted(("重庆", "阿里", "青海", "长城"), key=page.index)
    assert order == ["阿里", "长城", "重庆", "青海"]  # a, chang, chong, qing


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_an_exported_file_with_one_change_updates_that_enterprise_only(
        app, make_client, login, staff_admin, make_enterprise, audit_actions, language):
    first = make_enterprise(name_zh="青禾智能装备有限公司", level="member",
                            expires_on=date(2027, 3, 11))
    second = make_enterprise(name_zh="远帆跨境物流股份有限公司")
    client = make_client(language)
    login(staff_admin, client=client)
    _, data = download(client, "/staff/enterprises/export.xlsx")
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.cell(2, 1).value == "青禾智能装备有限公司"
    sheet.cell(2, 6).value = date(2028, 3, 11)  # renewed for a year
    edited = io.BytesIO()
    book.save(edited)

    page = upload(client, edited.getvalue(), "企业名单.xlsx").get_data(as_text=True)
    assert 'data-action="update"' in page and 'data-action="create"' not in page
    assert page.count('data-action="update"') == 1
    response = client.post("/staff/enterprises/import/confirm",
                           data={"token": confirm_token(page)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Enterprise, first.id).expires_on == date(2028, 3, 11)
        assert db.session.get(Enterprise, first.id).level == "member"
        assert db.session.get(Enterprise, second.id).name_en == second.name_en
        assert db.session.scalar(select(db.func.count(Enterprise.id))) == 2
    updates = [(target, details) for action, _, target, details in audit_actions()
               if action == "enterprise.updated"]
    assert updates == [(first.id, {"changes": {"expires_on": ["2027-03-11", "2028-03-11"]}})]


def test_import_invites_named_contacts_as_primary_contacts(app, admin_client, make_enterprise,
                                                          make_user):
    from tests.enterprises.importfiles import HEADER, code, csv_bytes

    existing = make_enterprise(name_zh="青禾智能装备有限公司")
    make_user(enterprise=existing, email="li@example.com")
    header = [*HEADER, "主要联系人", "主要联系人邮箱"]
    rows = [["苏州新企业有限公司", "", code(31), "", "", "", "王芳", "Wang.Fang@Example.com"],
            ["青禾智能装备有限公司", "", existing.credit_code, "", "", "", "李明",
             "li@example.com"]]
    page = upload(admin_client, csv_bytes(rows, header=header), "c.csv").get_data(as_text=True)
    assert "invite 1 contact as primary contact" in page
    assert "Invite 王芳 (wang.fang@example.com)" in page
    admin_client.post("/staff/enterprises/import/confirm", data={"token": confirm_token(page)})
    with app.app_context():
        invited = db.session.scalars(select(User).where(
            User.email == "wang.fang@example.com")).one()
        assert invited.is_primary_contact and invited.password_hash is None
        assert invited.enterprise.name_zh == "苏州新企业有限公司"
        assert invited.language == "zh_CN"
    [mail] = mails_to(app, "wang.fang@example.com")
    assert mail.template == "invitation"


def test_contact_problems_are_reported_per_row(admin_client, make_user):
    from tests.enterprises.importfiles import HEADER, code, csv_bytes

    make_user(kind="staff", email="staff@example.com")
    header = [*HEADER, "主要联系人", "主要联系人邮箱"]
    rows = [["甲公司", "", code(41), "", "", "", "甲", "staff@example.com"],
            ["乙公司", "", code(42), "", "", "", "乙", "not-an-address"],
            ["丙公司", "", code(43), "", "", "", "", "c@example.com"],
            ["丁公司", "", code(44), "", "", "", "丁", "d@example.com"],
            ["戊公司", "", code(45), "", "", "", "戊", "d@example.com"]]
    page = upload(admin_client, csv_bytes(rows, header=header), "c.csv").get_data(as_text=True)
    assert "4 problems were found" in page
    for message in ("belongs to an account of another enterprise", "Not an e-mail address.",
                    "The contact&#39;s name is missing.", "already in row 5 of this file"):
        assert message in page


def test_lookup_answers_matches_by_pinyin(admin_client, client, make_enterprise):
    make_enterprise(name_zh="青禾智能装备有限公司", name_en="Qinghe Equipment")
    make_enterprise(name_zh="苏州青禾精密机械有限公司")
    found = admin_client.get("/staff/enterprises/lookup?q=青禾").get_json()
    assert [e["name_zh"] for e in found] == ["青禾智能装备有限公司", "苏州青禾精密机械有限公司"]
    assert found[0]["label"].startswith("青禾智能装备有限公司 · ")
    assert admin_client.get("/staff/enterprises/lookup?q=equip").get_json()[0]["name"] == (
        "Qinghe Equipment")
    assert admin_client.get("/staff/enterprises/lookup?q=").get_json() == []
    assert admin_client.get("/staff/enterprises/lookup?q=%25").get_json() == []
