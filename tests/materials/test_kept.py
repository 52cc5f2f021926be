"""The dashboard's newest materials and the member's 已学 marks, which each worker keeps between
requests (portal/materials/reading.py, portal/kept.py): whatever an editor or a member changes
shows at once in another worker, and a worker that keeps them does not read them again."""

from __future__ import annotations

from tests.conftest import client_of, count_statements
from tests.materials.test_materials import _post_material
from tests.notices.test_unread_count import titles


def newest(member) -> list[str]:
    page = member.get("/members/").get_data(as_text=True)
    return titles(page, "materials-heading")


def material_id(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].removesuffix("/edit").rsplit("/", 1)[1])


def test_the_newest_materials_follow_the_editors_in_every_worker(
        client, login, editor, category, make_user, make_enterprise, second_worker):
    member = make_user(enterprise=make_enterprise(level="member"))
    elsewhere = client_of(second_worker)
    login(member, client=elsewhere)
    login(editor)
    first = material_id(_post_material(client, category, title_zh="第一份资料"))
    assert newest(elsewhere) == ["第一份资料"]  # kept by that worker now

    second = material_id(_post_material(client, category, title_zh="第二份资料"))
    assert newest(elsewhere) == ["第二份资料", "第一份资料"]

    # The second is given to presidents only: gone from a member unit's dashboard.
    assert client.post(f"/staff/materials/{second}/edit", data={
        "category_id": str(category.id), "title_zh": "第二份资料", "description_zh": "",
        "audience_scope": "levels", "audience_levels": ["president"], "action": "save",
    }).status_code == 302
    assert newest(elsewhere) == ["第一份资料"]

    assert client.post(f"/staff/materials/{first}/unpublish").status_code == 302
    assert newest(elsewhere) == []
    assert "No study materials yet." in elsewhere.get("/members/").get_data(as_text=True)


def test_a_studied_mark_shows_at_once_in_another_worker(
        app, client, make_client, login, editor, category, make_user, second_worker):
    login(editor)
    studied = material_id(_post_material(client, category, title_zh="已学的资料"))
    member = make_user()
    here, elsewhere = make_client(), client_of(second_worker)
    login(member, client=here)
    login(member, client=elsewhere)
    assert "Studied" not in elsewhere.get("/members/").get_data(as_text=True)
    assert "Studied" not in elsewhere.get("/members/materials/").get_data(as_text=True)

    assert here.post(f"/members/materials/{studied}/studied").status_code == 302
    assert "Studied" in elsewhere.get("/members/").get_data(as_text=True)
    assert "Studied" in elsewhere.get("/members/materials/").get_data(as_text=True)


def test_a_worker_that_keeps_them_reads_neither_again(
        app, client, make_client, login, editor, category, make_user):
    login(editor)
    _post_material(client, category, title_zh="资料")
    member = make_client()
    login(make_user(), client=member)

    def material_reads():
        with count_statements(app) as statements:
            assert member.get("/members/").status_code == 200
        return [s for s in statements if "FROM material" in s]

    first = material_reads()  # the newest materials and the member's marks, read once
    assert any("FROM materials" in s for s in first), first
    assert any("FROM material_studies" in s for s in first), first
    assert material_reads() == []
