"""save_upload(): size and type checked by extension AND content; names kept (SECURITY "Files")."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.files import storage
from portal.files.models import StoredFile
from portal.files.samples import docx_document, pdf_document, png_image
from portal.files.services import (
    FileTooLarge,
    UploadRejected,
    record_rejection,
    register_access_check,
    save_bytes,
    save_upload,
)

ALL = ("pdf", "image", "office")


def english(app):
    return app.test_request_context("/members/", headers={"Accept-Language": "en"})


def upload(name, data):
    return FileStorage(io.BytesIO(data), filename=name)


def test_pdf_is_stored_under_its_hash_with_its_chinese_name(app):
    with english(app):
        stored = save_upload(None, upload("会员学习资料.pdf", pdf_document("学习")), ALL, "test")
        db.session.commit()
        assert stored.original_name == "会员学习资料.pdf"
        assert stored.content_type == "application/pdf"
        path = storage.blob_path(stored.sha256)
        assert path.read_bytes() == pdf_document("学习")
        assert path.is_relative_to(app.config["STORAGE_PATH"])
        assert list((storage.storage_root() / "tmp").iterdir()) == []


@pytest.mark.parametrize("name, data, kind, content_type", [
    ("photo.png", png_image(), "image", "image/png"),
    ("报告.docx", docx_document("内容"), "office",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_allowed_types_get_a_server_chosen_content_type(app, name, data, kind, content_type):
    with english(app):
        assert save_upload(None, upload(name, data), (kind,), "test").content_type == content_type


@pytest.mark.parametrize("name, data", [
    ("notice.pdf", b"<html><script>alert(1)</script></html>"),
    ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ("photo.jpg", pdf_document("not an image")),
    ("sheet.xlsx", docx_document("a Word file named .xlsx")),
    ("plain.docx", b"PK\x03\x04 not really a zip"),
    ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("page.html", b"<html></html>"),
    ("script", b"#!/bin/sh"),
    ("empty.pdf", b""),
])
def test_wrong_or_disguised_types_are_refused_and_nothing_is_stored(app, name, data):
    with english(app):
        with pytest.raises(UploadRejected) as raised:
            save_upload(None, upload(name, data), ALL, "test")
        db.session.rollback()
        record_rejection(None, raised.value)
        db.session.commit()
        assert db.session.scalars(select(StoredFile)).all() == []
        assert list(storage.iter_blobs()) == []
        assert list(storage.temp_dir().iterdir()) == []
        event = db.session.scalars(select(AuditEvent)).one()
        assert event.action == "file.rejected"
        assert event.details["name"] == name


def test_a_zip_without_office_parts_is_not_a_docx(app):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.html", "<script>")
    with english(app), pytest.raises(UploadRejected):
        save_upload(None, upload("a.docx", out.getvalue()), ALL, "test")


def test_kind_not_allowed_for_this_use(app):
    with english(app), pytest.raises(UploadRejected, match="not accepted"):
        save_upload(None, upload("a.pdf", pdf_document("x")), ("image",), "test")


@pytest.mark.parametrize("app_config", [{"UPLOAD_MAX_BYTES": 1000}])
def test_too_large_is_refused_with_413_and_nothing_kept(app):
    with english(app):
        with pytest.raises(FileTooLarge) as raised:
            save_upload(None, upload("big.pdf", pdf_document("x") + b"0" * 2000), ALL, "test")
        assert raised.value.status == 413
        assert list(storage.temp_dir().iterdir()) == []
        assert list(storage.iter_blobs()) == []


def test_same_content_is_stored_once(app):
    with english(app):
        first = save_bytes(None, "a.pdf", pdf_document("same"), ALL, "test")
        second = save_bytes(None, "b.pdf", pdf_document("same"), ALL, "test")
        assert first.id != second.id and first.sha256 == second.sha256
        assert len(list(storage.iter_blobs())) == 1


def test_path_in_the_uploaded_name_is_dropped(app):
    with english(app):
        stored = save_bytes(None, "../../etc/通知.pdf", pdf_document("x"), ALL, "test")
        assert stored.original_name == "通知.pdf"


def test_orphans_command_lists_and_deletes_blobs_without_rows(app):
    with english(app):
        kept = save_bytes(None, "kept.pdf", pdf_document("kept"), ALL, "test")
        orphan = save_bytes(None, "orphan.pdf", pdf_document("orphan"), ALL, "test")
        db.session.rollback()  # a failed commit: the blobs stay, the rows are gone
        kept = save_bytes(None, "kept.pdf", pdf_document("kept"), ALL, "test")
        db.session.commit()
        orphan_path = storage.blob_path(orphan.sha256)
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["files", "orphans"])
    assert "1 orphan file(s) found" in listed.output
    assert str(orphan_path) in listed.output
    assert orphan_path.exists()
    deleted = runner.invoke(args=["files", "orphans", "--delete"])
    assert "1 orphan file(s) removed" in deleted.output
    assert not orphan_path.exists()
    with english(app):
        assert storage.blob_path(kept.sha256).exists()


# Download view -------------------------------------------------------------------------------

register_access_check("test-public", lambda stored, user: True)
register_access_check("test-private", lambda stored, user: False)


def stored_file(app, name, data, purpose="test-public"):
    with english(app):
        stored = save_bytes(None, name, data, ALL, purpose)
        db.session.commit()
        return stored.id


def test_download_office_file_is_an_attachment_with_utf8_name(app, client):
    file_id = stored_file(app, "会员名录.docx", docx_document("x"))
    response = client.get(f"/files/{file_id}/{quote('会员名录.docx')}", buffered=True)
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=UTF-8''" + quote("会员名录.docx") in disposition
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.data == docx_document("x")


def test_pdf_and_images_are_served_inline(app, client):
    pdf_id = stored_file(app, "a.pdf", pdf_document("x"))
    png_id = stored_file(app, "a.png", png_image())
    for url in (f"/files/{pdf_id}/a.pdf", f"/files/{png_id}/a.png"):
        response = client.get(url, buffered=True)
        assert response.headers["Content-Disposition"].startswith("inline")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    # Chromium will not show a PDF in a sandboxed document; every other file is sandboxed.
    png = client.get(f"/files/{png_id}/a.png", buffered=True)
    assert "sandbox" in png.headers["Content-Security-Policy"]


def test_download_denied_by_the_feature_is_404_like_a_missing_id(app, client):
    file_id = stored_file(app, "secret.pdf", pdf_document("x"), purpose="test-private")
    assert client.get(f"/files/{file_id}/secret.pdf").status_code == 404
    assert client.get("/files/999999/secret.pdf").status_code == 404


def test_download_of_a_purpose_without_a_check_is_404(app, client):
    file_id = stored_file(app, "x.pdf", pdf_document("x"), purpose="nobody-registered")
    assert client.get(f"/files/{file_id}/x.pdf").status_code == 404


@pytest.mark.parametrize("tail", ["..%2F..%2Fportal.db", "../../config.py", "%2Fetc%2Fpasswd"])
def test_path_tricks_reach_nothing(app, client, tail):
    file_id = stored_file(app, "a.pdf", pdf_document("x"))
    response = client.get(f"/files/{file_id}/{tail}", follow_redirects=True, buffered=True)
    assert response.status_code in (200, 404)
    if response.status_code == 200:  # redirected to the file's own name: nothing else
        assert response.request.path == f"/files/{file_id}/a.pdf"
        assert response.data == pdf_document("x")


def test_a_wrong_name_redirects_to_the_real_one(app, client):
    file_id = stored_file(app, "通知.pdf", pdf_document("x"))
    response = client.get(f"/files/{file_id}/other.pdf", buffered=True)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/files/{file_id}/{quote('通知.pdf')}")
