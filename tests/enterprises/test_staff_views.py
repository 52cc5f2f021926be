"""The enterprise administration screens (/staff/enterprises/)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.dates import today
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.conftest import count_statements

GOOD_CODE = complete_code("91110000MA0000001")
BAD_CHECK = GOOD_CODE[:17] + ("0" if GOOD_CODE[17] != "0" else "1")


def form_data(**overrides):
    data = {"name_zh": "新创科技有限公司", "name_en": "Xinchuang Technology Co., Ltd.",
            "credit_code": GOOD_CODE, "level": "director", "joined_on": "2025-03-01",
            "expires_on": "2027-02-28"}
    data.update(overrides)
    return data


def enterprise_by_code(app, code):
    with app.app_context():
        return db.session.scalars(select(Enterprise).where(Enterprise.credit_code == code)).first()


def test_admin_creates_an_enterprise(app, admin_client):
    response = admin_client.post("/staff/enterprises/new", data=form_data(
        credit_code=" " + GOOD_CODE.lower() + " "))
    assert response.status_code == 302
    enterprise = enterprise_by_code(app, GOOD_CODE)
    assert enterprise.name_zh == "新创科技有限公司"
    assert enterprise.level == "director"
    assert enterprise.status == "active"
    assert enterprise.expires_on == date(2027, 2, 28)
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "新创科技有限公司" in page and "has been saved" in page
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "enterprise.created" in actions


@pytest.mark.parametrize("overrides, message", [
    ({"name_zh": ""}, "Please enter the enterprise's Chinese name."),
    ({"credit_code": BAD_CHECK}, "The check digit of this credit code is wrong."),
    ({"credit_code": "91110000MA00001"}, "has 18 characters"),
    ({"credit_code": "I1110000MA0000001"}, "has 18 characters"),
    ({"joined_on": "2025-13-45"}, "Please enter a date as YYYY-MM-DD."),
    ({"expires_on": "2024-01-01"}, "The expiry date cannot be before the joining date."),
    ({"name_zh": "长" * 201}, "At most 200 characters."),
])
def test_bad_input_is_shown_next_to_the_field_and_kept(app, admin_client, overrides, message):
    data = form_data(**overrides)
    response = admin_client.post("/staff/enterprises/new", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "is-invalid" in page
    assert 'value="Xinchuang Technology Co., Ltd."' in page  # what was typed is kept
    with app.app_context():
        assert db.session.scalar(select(Enterprise.id)) is None


def test_duplicate_credit_code_is_refused_next_to_the_field(app, admin_client, make_enterprise):
    existing = make_enterprise()
    response = admin_client.post("/staff/enterprises/new",
                                 data=form_data(credit_code=existing.credit_code))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An enterprise with this credit code already exists." in page
    assert 'id="credit_code-errors"' in page
    assert "新创科技有限公司" in page


def test_error_messages_are_translated(admin_client, app, staff_admin):
    admin_client.post("/lang/zh_CN", data={"next": "/"})
    page = admin_client.post("/staff/enterprises/new", data=form_data(
        credit_code=BAD_CHECK)).get_data(as_text=True)
    assert "统一社会信用代码校验位不正确" in page


def test_admin_edits_an_enterprise_and_status_in_the_post_is_ignored(app, admin_client,
                                                                     make_enterprise):
    enterprise = make_enterprise(name_zh="旧名称有限公司")
    response = admin_client.post(f"/staff/enterprises/{enterprise.id}/edit", data=form_data(
        credit_code=enterprise.credit_code, name_zh="新名称有限公司", status="suspended",
        id="999", created_at="2000-01-01"))
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Enterprise, enterprise.id)
        assert saved.name_zh == "新名称有限公司"
        assert saved.status == "active"
        assert saved.id == enterprise.id
        event_ = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "enterprise.updated")).one()
        assert event_.details["changes"]["name_zh"] == ["旧名称有限公司", "新名称有限公司"]


def test_edit_refuses_another_enterprise_code(admin_client, make_enterprise):
    first, second = make_enterprise(), make_enterprise()
    response = admin_client.post(f"/staff/enterprises/{second.id}/edit",
                                 data=form_data(credit_code=first.credit_code))
    assert "An enterprise with this credit code already exists." in response.get_data(
        as_text=True)


def test_edit_of_unknown_enterprise_is_404(admin_client):
    assert admin_client.get("/staff/enterprises/9999/edit").status_code == 404
    assert admin_client.get("/staff/enterprises/9999").status_code == 404


def test_list_searches_names_and_code(admin_client, make_enterprise):
    make_enterprise(name_zh="青禾智能装备有限公司", name_en="Qinghe Equipment")
    other = make_enterprise(name_zh="远帆物流有限公司", name_en="Yuanfan Logistics")
    for query in ("青禾", "qinghe", "EQUIPMENT"):
        page = admin_client.get("/staff/enterprises/", query_string={"q": query}).get_data(
            as_text=True)
        assert "青禾智能装备有限公司" in page and "远帆物流有限公司" not in page
    page = admin_client.get("/staff/enterprises/", query_string={
        "q": other.credit_code[-8:].lower()}).get_data(as_text=True)
    assert "远帆物流有限公司" in page and "青禾" not in page
    page = admin_client.get("/staff/enterprises/", query_string={"q": "%"}).get_data(
        as_text=True)
    assert "No enterprise matches." in page


def set_expiry(app, enterprise, expires_on):
    with app.app_context():
        db.session.get(Enterprise, enterprise.id).expires_on = expires_on
        db.session.commit()


def test_list_filters_level_status_and_expiry(app, admin_client, make_enterprise):
    make_enterprise(name_zh="会长企业", level="president")
    make_enterprise(name_zh="暂停企业", status="suspended")
    set_expiry(app, make_enterprise(name_zh="将到期企业"), today() + timedelta(days=30))
    set_expiry(app, make_enterprise(name_zh="已过期企业"), today() - timedelta(days=1))

    def names(**args):
        page = admin_client.get("/staff/enterprises/", query_string=args).get_data(as_text=True)
        return {n for n in ("会长企业", "暂停企业", "将到期企业", "已过期企业") if n in page}

    assert names(level="president") == {"会长企业"}
    assert names(status="suspended") == {"暂停企业"}
    assert names(expiring="y") == {"将到期企业"}
    assert names(level="nonsense", status="'; drop table") == {
        "会长企业", "暂停企业", "将到期企业", "已过期企业"}


def test_list_shows_user_counts_in_a_constant_number_of_queries(app, admin_client,
                                                               make_enterprise, make_user):
    def count_queries(url):
        with count_statements(app) as statements:
            page = admin_client.get(url).get_data(as_text=True)
        return len(statements), page

    first = make_enterprise(name_zh="甲企业")
    make_user(enterprise=first)
    make_user(enterprise=first)
    count_queries("/staff/enterprises/")  # warm-up: the worker's copy of the settings
    few, page = count_queries("/staff/enterprises/")
    assert '<td class="text-end">2</td>' in page
    for _ in range(6):
        make_user(enterprise=make_enterprise())
    many, _page = count_queries("/staff/enterprises/")
    assert many == few


def test_list_paginates(admin_client, make_enterprise):
    for _ in range(27):
        make_enterprise()
    first = admin_client.get("/staff/enterprises/").get_data(as_text=True)
    assert first.count("data-enterprise-id=") == 25
    assert "27 in all" in first
    second = admin_client.get("/staff/enterprises/?page=2").get_data(as_text=True)
    assert second.count("data-enterprise-id=") == 2


def test_pager_links_keep_the_filters_and_nothing_url_for_keeps_for_itself(admin_client,
                                                                        make_enterprise):
    for _ in range(27):
        make_enterprise(level="director")
    response = admin_client.get("/staff/enterprises/?level=director&endpoint=x&_anchor=top"
                                "&_external=1&_scheme=javascript")
    assert response.status_code == 200
    links = set(re.findall(r'class="page-link" href="([^"]+)"', response.get_data(as_text=True)))
    assert links == {"/staff/enterprises/?page=2&amp;level=director"}


def test_detail_lists_the_users(admin_client, make_enterprise, make_user):
    enterprise = make_enterprise(name_zh="明川新材料集团有限公司")
    make_user(enterprise=enterprise, name="李明", is_primary_contact=True)
    make_user(enterprise=enterprise, name="赵静")
    make_user(name="Someone Else")
    page = admin_client.get(f"/staff/enterprises/{enterprise.id}").get_data(as_text=True)
    assert "明川新材料集团有限公司" in page
    assert "李明" in page and "赵静" in page and "Someone Else" not in page


def test_suspending_throws_the_signed_in_member_out(app, admin_client, make_client, login,
                                                   make_user):
    member = make_user(name="Member Zhang")
    browser = make_client()
    login(member, client=browser)
    assert browser.get("/members/").status_code == 200

    response = admin_client.post(f"/staff/enterprises/{member.enterprise_id}/suspend")
    assert response.status_code == 302
    assert "is suspended" in admin_client.get(response.headers["Location"]).get_data(
        as_text=True)

    thrown_out = browser.get("/members/")
    assert thrown_out.status_code == 302 and thrown_out.headers["Location"] == "/login"
    assert "membership is suspended" in browser.get("/login").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Enterprise, member.enterprise_id).status == "suspended"
        assert db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "enterprise.suspended")).one()


def test_reactivating_lets_users_sign_in_but_ends_old_sessions(app, admin_client, make_client,
                                                                login, make_user):
    member = make_user()
    thief = make_client()
    login(member, client=thief)
    cookie = thief.get_cookie("session").value
    admin_client.post(f"/staff/enterprises/{member.enterprise_id}/suspend")
    response = admin_client.post(f"/staff/enterprises/{member.enterprise_id}/reactivate")
    assert response.status_code == 302
    copied = make_client()
    copied.set_cookie("session", cookie)
    assert copied.get("/members/").status_code == 302  # the old session stays dead
    fresh = make_client()
    assert login(member, client=fresh).status_code == 302
    assert fresh.get("/members/").status_code == 200


def test_suspending_twice_says_so(admin_client, make_enterprise):
    enterprise = make_enterprise(status="suspended")
    response = admin_client.post(f"/staff/enterprises/{enterprise.id}/suspend",
                                 follow_redirects=True)
    assert "already has this status" in response.get_data(as_text=True)


def test_suspend_needs_post(admin_client, make_enterprise):
    enterprise = make_enterprise()
    assert admin_client.get(f"/staff/enterprises/{enterprise.id}/suspend").status_code == 405
