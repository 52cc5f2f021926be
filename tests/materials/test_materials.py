"""Study materials: audiences, files (types, refusals, inline or download), studied marks and
the staff's records."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.files.samples import docx_document, pdf_document, png_image


def status(client, url) -> int:
    response = client.get(url)
    response.close()
    return response.status_code


def _post_material(client, category, files=(), **fields):
    data = {"category_id": str(category.id), "title_zh": "民营经济促进法学习资料",
            "description_zh": "条文解读", "audience_scope": "all", "action": "publish",
            **fields}
    data["files"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post("/staff/materials/new", data=data, content_type="multipart/form-data")


def _files(app):
    from portal.files.models import StoredFile

    with app.app_context():
        return db.session.scalars(select(StoredFile).order_by(StoredFile.id)).all()


def test_member_reads_a_material_and_its_files_visitors_get_nothing(
        app, client, make_client, login, editor, category, make_user):
    login(editor)
    response = _post_material(client, category, files=[
        ("会员学习资料.pdf", pdf_document("会员学习资料")), ("表格.docx", docx_document("表格")),
        ("图.png", png_image())])
    assert response.status_code == 302, response.get_data(as_text=True)
    pdf, docx, png = _files(app)
    member = make_client()
    login(make_user(), client=member)
    listing = member.get("/members/materials/").get_data(as_text=True)
    assert "民营经济促进法学习资料" in listing
    material_url = response.headers["Location"].replace("/staff/materials/", "/members/materials/"
                                                         ).replace("/edit", "")
    page = member.get(material_url).get_data(as_text=True)
    assert "会员学习资料.pdf" in page and "PDF" in page and "KB" in page
    download = member.get(f"/files/{pdf.id}/会员学习资料.pdf")
    assert download.status_code == 200
    assert "inline" in download.headers["Content-Disposition"]
    assert "filename*=UTF-8''%E4%BC%9A%E5%91%98" in download.headers["Content-Disposition"]
    download.close()
    word = member.get(f"/files/{docx.id}/表格.docx")
    assert word.headers["Content-Disposition"].startswith("attachment")
    word.close()
    visitor = make_client()
    for stored in (pdf, docx, png):
        assert status(visitor, f"/files/{stored.id}/{stored.original_name}") == 404


def test_a_material_for_one_level(app, client, make_client, login, editor, category,
                                  make_user, make_enterprise):
    login(editor)
    _post_material(client, category, files=[("a.pdf", pdf_document("a"))],
                   audience_scope="levels", audience_levels=["president"])
    [pdf] = _files(app)
    outsider = make_client()
    login(make_user(enterprise=make_enterprise(level="member")), client=outsider)
    assert "民营经济促进法" not in outsider.get("/members/materials/").get_data(as_text=True)
    assert status(outsider, f"/files/{pdf.id}/a.pdf") == 404
    insider = make_client()
    login(make_user(enterprise=make_enterprise(level="president")), client=insider)
    assert "民营经济促进法" in insider.get("/members/materials/").get_data(as_text=True)
    assert status(insider, f"/files/{pdf.id}/a.pdf") == 200


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize("name, content", [
    ("课件.zip", _zip({"a.txt": "x"})), ("讲义.wps", OLE), ("表.et", OLE), ("演示.dps", OLE),
    ("旧文档.doc", OLE), ("旧表格.xls", OLE),
])
def test_more_kinds_are_accepted(app, client, login, editor, category, name, content):
    login(editor)
    response = _post_material(client, category, files=[(name, content)])
    assert response.status_code == 302, response.get_data(as_text=True)
    [stored] = _files(app)
    assert stored.original_name == name


@pytest.mark.parametrize("name, content, message", [
    ("程序.pdf", b"MZ\x90\x00" + b"\x00" * 200, "does not match"),
    ("网页.pdf", b"<html><script>alert(1)</script></html>", "does not match"),
    ("图标.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not accepted"),
    ("程序.zip", b"MZ\x90\x00" + b"\x00" * 200, "does not match"),
    ("程序.exe", b"MZ\x90\x00", "not accepted"),
    ("假文档.doc", b"MZ\x90\x00" + b"\x00" * 200, "does not match"),
])
def test_bad_files_are_refused_and_nothing_is_stored(app, client, login, editor, category,
                                                     name, content, message):
    login(editor)
    response = _post_material(client, category, files=[(name, content)])
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    from portal.materials.models import Material

    with app.app_context():
        assert db.session.scalar(select(func.count(Material.id))) == 0
    assert _files(app) == []


def test_an_oversized_file_is_refused(app, client, login, editor, category):
    app.config["UPLOAD_MAX_BYTES"] = 1000
    login(editor)
    response = _post_material(client, category, files=[("大.pdf", pdf_document("x" * 10)
                                                        + b"0" * 2000)])
    assert response.status_code == 413
    assert "larger than" in response.get_data(as_text=True)
    assert _files(app) == []


def test_studied_marks_and_the_staff_records(app, client, make_client, login, editor,
                                             category, make_user):
    login(editor)
    response = _post_material(client, category)
    material_id = int(response.headers["Location"].rstrip("/edit").rsplit("/", 1)[1])
    member = make_client()
    login(make_user(name="Zhao Jing"), client=member)
    assert member.post(f"/members/materials/{material_id}/studied").status_code == 302
    member.post(f"/members/materials/{material_id}/studied")
    assert "You marked this material as studied" in member.get(
        f"/members/materials/{material_id}").get_data(as_text=True)
    page = client.get(f"/staff/materials/{material_id}/studies").get_data(as_text=True)
    assert "Zhao Jing" in page
    xlsx = client.get(f"/staff/materials/{material_id}/studies.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    by_enterprise = client.get("/staff/materials/by-enterprise.csv").get_data(as_text=True)
    assert by_enterprise.startswith("\ufeff") and ",1,1," in by_enterprise


def test_only_admins_edit_categories(client, login, editor, make_user):
    login(editor)
    assert client.get("/staff/materials/categories/").status_code == 403
    login(make_user(kind="staff", roles=("admin",)))
    response = client.post("/staff/materials/categories/", data={
        "name_zh": "培训课件", "name_en": "Training slides", "position": "2"})
    assert response.status_code == 302
    assert "培训课件" in client.get("/staff/materials/categories/").get_data(as_text=True)


def test_a_category_added_or_renamed_shows_at_once_in_the_members_filter(
        client, make_client, login, make_user, category):
    member = make_client()
    login(make_user(), client=member)
    assert ">Policies</option>" in member.get("/members/materials/").get_data(as_text=True)
    login(make_user(kind="staff", roles=("admin",)))
    client.post("/staff/materials/categories/", data={
        "name_zh": "培训课件", "name_en": "Training slides", "position": "2"})
    client.post(f"/staff/materials/categories/{category.id}", data={
        "name_zh": "政策法规", "name_en": "Laws and policies", "position": "1"})
    page = member.get("/members/materials/").get_data(as_text=True)
    assert ">Training slides</option>" in page and ">Laws and policies</option>" in page
    assert ">Policies</option>" not in page


def test_spreadsheet_cells_are_neutralised():
    from portal.spreadsheets import neutralise

    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("+1") == "'+1" and neutralise("-1") == "'-1" and neutralise("@a") == "'@a"
    assert neutralise("商会") == "商会" and neutralise(3) == 3
