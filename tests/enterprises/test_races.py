"""Ten admins creating one credit code at once (real threads, either database): one is
created, the others are told it exists, none gives a 500."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.enterprises import services
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db
from tests.threads import signed_in_like, statuses, together, widened


def test_ten_creates_of_one_credit_code(app, client, login, staff_admin, monkeypatch):
    login(staff_admin)
    monkeypatch.setattr(services, "code_taken", widened(services.code_taken))
    browsers = signed_in_like(app, client, 10)
    code = complete_code("91440300MA5FABCDE")

    responses = together(10, lambda i: browsers[i].post("/staff/enterprises/new", data={
        "name_zh": f"深圳同码科技有限公司{i}", "name_en": "", "credit_code": code,
        "level": "member", "joined_on": "", "expires_on": ""}))

    assert statuses(responses) == [200] * 9 + [302]
    for response in responses:
        if response.status_code == 200:
            text = response.get_data(as_text=True)
            assert "An enterprise with this credit code already exists." in text
            assert "深圳同码科技有限公司" in text  # what was typed is still in the form
    with app.app_context():
        assert db.session.scalar(select(func.count(Enterprise.id)).where(
            Enterprise.credit_code == code)) == 1


def test_two_edits_to_one_credit_code_at_once(app, client, login, staff_admin, make_enterprise,
                                             monkeypatch):
    first, second = make_enterprise(), make_enterprise()
    login(staff_admin)
    monkeypatch.setattr(services, "code_taken", widened(services.code_taken))
    browsers = signed_in_like(app, client, 2)
    code = complete_code("91440300MA5FXY123")

    responses = together(2, lambda i: browsers[i].post(
        f"/staff/enterprises/{(first, second)[i].id}/edit", data={
            "name_zh": (first, second)[i].name_zh, "name_en": "", "credit_code": code,
            "level": "member", "joined_on": "", "expires_on": ""}))

    assert statuses(responses) == [200, 302]
    with app.app_context():
        assert db.session.scalar(select(func.count(Enterprise.id)).where(
            Enterprise.credit_code == code)) == 1


def test_two_admins_confirming_one_file_at_once(app, make_user, make_client, login):
    """Both checked the same file; both confirm together: one imports it; the other is told
    that the codes were added meanwhile, or (its plan made again after the first finished)
    finds every row already there and changes nothing. Nothing is imported twice."""
    import io

    from tests.enterprises.importfiles import GOOD_ROWS, xlsx_bytes
    from tests.enterprises.test_import_views import confirm_token

    browsers = []
    for _ in range(2):
        browser = make_client()
        login(make_user(kind="staff", roles=("admin",)), client=browser)
        page = browser.post("/staff/enterprises/import", content_type="multipart/form-data",
                            data={"file": (io.BytesIO(xlsx_bytes(GOOD_ROWS)), "会员企业.xlsx")})
        browsers.append((browser, confirm_token(page.get_data(as_text=True))))

    responses = together(2, lambda i: browsers[i][0].post(
        "/staff/enterprises/import/confirm", data={"token": browsers[i][1]}))

    codes = statuses(responses)
    assert codes in ([200, 302], [302, 409], [302, 302])
    if codes != [302, 302]:  # told by the second check, or by the insert
        other = next(r for r in responses if r.status_code != 302).get_data(as_text=True)
        assert ("already exists" in other or "was added in the meantime" in other)
    with app.app_context():
        assert db.session.scalar(select(func.count(Enterprise.id))) == len(GOOD_ROWS)
