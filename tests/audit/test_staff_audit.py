"""The audit log screen (/staff/audit/)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db


def add_event(app, action, actor=None, when=None, target=None, **details):
    with app.app_context():
        event = AuditEvent(action=action, actor_id=actor.id if actor else None,
                           target_type=type(target).__name__ if target else "",
                           target_id=target.id if target else None, address="192.0.2.7",
                           details=details)
        if when:
            event.created_at = when
        db.session.add(event)
        db.session.commit()


def rows(page: str) -> list[str]:
    return [chunk.split('"')[0] for chunk in page.split('<tr data-action="')[1:]]


def test_lists_events_newest_first_with_labels_and_target_names(app, admin_client, staff_admin,
                                                               make_enterprise):
    enterprise = make_enterprise(name_zh="青禾智能装备有限公司", name_en="Qinghe Co., Ltd.")
    add_event(app, "enterprise.suspended", staff_admin, datetime(2026, 11, 20, tzinfo=UTC),
              enterprise, old_status="active")
    add_event(app, "settings.updated", staff_admin, datetime(2026, 11, 21, tzinfo=UTC),
              changes={"hotline": ["010-1", "010-2"]})
    page = admin_client.get("/staff/audit/").get_data(as_text=True)
    actions = rows(page)
    assert actions[:2] == ["login.succeeded", "settings.updated"]  # the admin's own sign-in
    assert "enterprise.suspended" in actions
    assert "Enterprise suspended" in page and "Site settings changed" in page
    assert (f'Admin One suspended the membership of <a href="/staff/enterprises/{enterprise.id}">'
            "Qinghe Co., Ltd.</a>") in page
    assert "Admin One changed the site settings" in page
    assert "010-1 → 010-2" in page
    assert "192.0.2.7" in page
    assert "Admin One" in page


def test_filters_by_user_action_and_dates(app, admin_client, staff_admin, make_user):
    other = make_user(kind="staff", roles=("agent",), name="Agent Wu")
    add_event(app, "user.deactivated", other, datetime(2026, 11, 1, 15, 0, tzinfo=UTC))
    add_event(app, "user.deactivated", staff_admin, datetime(2026, 11, 2, 17, 0, tzinfo=UTC))
    add_event(app, "department.created", other, datetime(2026, 11, 3, tzinfo=UTC))

    def get(**args):
        return rows(admin_client.get("/staff/audit/", query_string=args).get_data(as_text=True))

    assert get(user="agent wu") == ["department.created", "user.deactivated"]
    assert get(user=other.email.upper()) == ["department.created", "user.deactivated"]
    assert get(action="user.deactivated") == ["user.deactivated", "user.deactivated"]
    # Beijing days: 2026-11-01 15:00 UTC is 23:00 on the 1st; 11-02 17:00 UTC is the 3rd.
    assert get(date_from="2026-11-01", date_to="2026-11-01") == ["user.deactivated"]
    assert get(date_from="2026-11-03", date_to="2026-11-03") == [
        "department.created", "user.deactivated"]
    assert len(get(action="no.such.action")) == 4  # unknown filter values are ignored


def test_bad_dates_are_shown_next_to_the_field(admin_client):
    page = admin_client.get("/staff/audit/?date_from=2026-99-01&date_to=x").get_data(
        as_text=True)
    assert 'id="date_from-errors"' in page and "Please enter a date as YYYY-MM-DD." in page
    page = admin_client.get("/staff/audit/?date_from=2026-11-05&date_to=2026-11-01").get_data(
        as_text=True)
    assert "The end date cannot be before the start date." in page


def test_secrets_never_show(app, admin_client):
    add_event(app, "login.failed", None, None, email="x@example.com", password="hunter22",
              reset_token="abc123secret", session_cookie="cookie-value")
    page = admin_client.get("/staff/audit/").get_data(as_text=True)
    assert "x@example.com" in page
    for secret in ("hunter22", "abc123secret", "cookie-value"):
        assert secret not in page


def test_paginates(app, admin_client):
    with app.app_context():
        for n in range(60):
            db.session.add(AuditEvent(action="login.failed", details={"n": n}))
        db.session.commit()
    first = admin_client.get("/staff/audit/").get_data(as_text=True)
    assert len(rows(first)) == 50
    assert len(rows(admin_client.get("/staff/audit/?page=2").get_data(as_text=True))) == 11


def test_sentences_in_chinese_with_local_time_and_a_link(app, make_client, login, staff_admin,
                                                          make_user, make_article):
    editor = make_user(kind="staff", roles=("editor",), name="林编辑")
    article = make_article(title_zh="商会召开年度会员大会", title_en="Annual meeting")
    add_event(app, "article.published", editor, datetime(2026, 11, 20, 2, 5, tzinfo=UTC), article)
    chinese = make_client("zh-CN")
    login(staff_admin, client=chinese)
    page = chinese.get("/staff/audit/?action=article.published").get_data(as_text=True)
    assert (f'林编辑 发布了文章<a href="/staff/news/{article.id}/edit">《商会召开年度会员大会》</a>'
            in page)
    assert "2026年11月20日 10:05:00" in page  # 02:05 UTC is 10:05 in Beijing
    english = make_client("en")
    login(staff_admin, client=english)
    page = english.get("/staff/audit/?action=article.published").get_data(as_text=True)
    assert "林编辑 published the article <a" in page and "\u201cAnnual meeting\u201d</a>" in page
    assert "Nov 20, 2026, 10:05:00\u202fAM" in page


def test_a_changed_password_names_its_user_not_a_proxy(app, client, login, make_user,
                                                       staff_admin):
    from tests.conftest import PASSWORD

    user = make_user(kind="staff", roles=("editor",), name="Editor Gao")
    login(user)
    response = client.post("/staff/account/password", data={
        "current_password": PASSWORD, "password": "a much better password 7",
        "confirm": "a much better password 7"})
    assert response.status_code == 302
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "password.changed")).one()
        assert (event.target_type, event.target_id, event.actor_id) == ("User", user.id, user.id)
    client.post("/logout")
    login(staff_admin)
    page = client.get("/staff/audit/?action=password.changed").get_data(as_text=True)
    assert "Editor Gao changed their password" in page
    assert "LocalProxy" not in page


def test_filters_by_kind_and_object(app, admin_client, staff_admin, make_enterprise):
    first, second = make_enterprise(), make_enterprise()
    add_event(app, "enterprise.suspended", staff_admin, None, first)
    add_event(app, "enterprise.reactivated", staff_admin, None, first)
    add_event(app, "enterprise.suspended", staff_admin, None, second)
    add_event(app, "login.failed", None, None, email="who@example.com")

    def get(**args):
        return rows(admin_client.get("/staff/audit/", query_string=args).get_data(as_text=True))

    assert get(kind="security") == ["login.failed"]
    assert len(get(target_type="Enterprise")) == 3
    history = admin_client.get(f"/staff/audit/?target_type=Enterprise&target_id={first.id}")
    assert rows(history.get_data(as_text=True)) == ["enterprise.reactivated",
                                                    "enterprise.suspended"]
    assert 'id="object-history"' in history.get_data(as_text=True)
    assert len(get(target_type="Enterprise", target_id="x")) == 3  # a bad id is ignored
    assert get(kind="nonsense")[:1] == ["login.failed"]  # an unknown kind too


def test_excel_download_follows_the_filters_and_neutralises_formulas(app, admin_client,
                                                                     staff_admin):
    import io

    from openpyxl import load_workbook

    add_event(app, "login.failed", None, datetime(2026, 11, 20, 2, 0, tzinfo=UTC),
              email="=HYPERLINK(\"http://evil.example\")@x.com")
    add_event(app, "settings.updated", staff_admin, None, changes={"hotline": ["1", "2"]})
    response = admin_client.get("/staff/audit/export.xlsx?action=login.failed")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.get_data()
    response.close()  # the spooled file under the streamed download
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:5] == ["Time (Beijing)", "Person", "E-mail", "Action", "What happened"]
    assert len(values) == 2
    time_cell, person, _, label, sentence, target = values[1][:6]
    assert time_cell == datetime(2026, 11, 20, 10, 0)
    assert person == "Someone" and label == "Sign-in failed"
    assert target.startswith("'=HYPERLINK")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert "audit.exported" in rows(admin_client.get("/staff/audit/").get_data(as_text=True))


def test_a_download_holds_at_most_the_newest_events(app, admin_client, monkeypatch):
    import io

    from openpyxl import load_workbook

    from portal.audit import staff_views

    monkeypatch.setattr(staff_views, "MAX_EXPORT_ROWS", 3)
    for n in range(5):
        add_event(app, "login.failed", None, datetime(2026, 11, 20, n, tzinfo=UTC),
                  email=f"n{n}@example.com")
    assert "narrow the dates" in admin_client.get("/staff/audit/").get_data(as_text=True)
    response = admin_client.get("/staff/audit/export.xlsx?action=login.failed")
    data = response.get_data()
    response.close()
    targets = [row[5] for row in load_workbook(io.BytesIO(data)).active.iter_rows(
        min_row=2, values_only=True)]
    assert targets == ["n4@example.com", "n3@example.com", "n2@example.com"]


def test_the_download_link_keeps_the_filters_and_nothing_else(admin_client):
    page = admin_client.get("/staff/audit/?action=login.failed&endpoint=x&_external=1"
                            "&page=1").get_data(as_text=True)
    assert 'href="/staff/audit/export.xlsx?action=login.failed"' in page
