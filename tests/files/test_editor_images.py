"""The rich-text editor's image upload (/staff/files/images/<purpose>)."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.files.models import StoredFile
from portal.files.samples import png_image
from tests.conftest import PASSWORD

URL = "/staff/files/images/article"


def image(name="会场.png", data=None):
    return {"image": (io.BytesIO(png_image() if data is None else data), name)}


@pytest.fixture
def editor_client(client, login, make_user):
    login(make_user(kind="staff", roles=("editor",)))
    return client


def test_an_editor_uploads_an_image_of_the_purpose(app, editor_client, client):
    response = editor_client.post(URL, data=image())
    assert response.status_code == 201
    body = response.get_json()
    with app.app_context():
        stored = db.session.get(StoredFile, body["id"])
        assert (stored.purpose, stored.content_type, stored.original_name) == (
            "article", "image/png", "会场.png")
    assert body["url"] == f"/files/{stored.id}/%E4%BC%9A%E5%9C%BA.png"
    assert body["name"] == "会场.png"
    download = editor_client.get(body["url"], buffered=True)
    assert download.status_code == 200 and download.data == png_image()


def test_an_image_in_no_text_yet_is_not_served_to_others(app, editor_client, make_client):
    url = editor_client.post(URL, data=image()).get_json()["url"]
    assert make_client().get(url).status_code == 404


@pytest.mark.parametrize("data, name, status, message", [
    (b"<html><script>alert(1)</script>", "photo.png", 400, "does not match its type"),
    (b"%PDF-1.4 ...", "notice.pdf", 400, "not accepted"),
    (b"", "empty.png", 400, "empty"),
])
def test_what_is_not_an_image_is_refused_and_recorded(app, editor_client, data, name, status,
                                                       message):
    response = editor_client.post(URL, data=image(name, data))
    assert response.status_code == status
    assert message in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalars(select(StoredFile)).all() == []
        assert db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()[-1] \
            == "file.rejected"


def test_no_file_is_a_clear_error(editor_client):
    response = editor_client.post(URL, data={})
    assert response.status_code == 400
    assert response.get_json()["error"] == "Please choose an image file."


@pytest.mark.parametrize("app_config", [{"UPLOAD_MAX_BYTES": 40}])
def test_an_image_over_the_limit_is_413(app, editor_client):
    response = editor_client.post(URL, data=image())
    assert response.status_code == 413
    assert "larger than" in response.get_json()["error"]


def test_a_purpose_that_takes_no_editor_images_is_404(app, editor_client):
    assert editor_client.post("/staff/files/images/enquiry", data=image()).status_code == 404
    with app.app_context():
        assert db.session.scalars(select(StoredFile)).all() == []


@pytest.mark.parametrize("kind, roles, status", [
    ("staff", ("agent",), 403), ("member", (), 403), (None, (), 302)])
def test_only_editors_upload(app, client, login, make_user, kind, roles, status):
    if kind:
        login(make_user(kind=kind, roles=roles))
    assert client.post(URL, data=image()).status_code == status
    with app.app_context():
        assert db.session.scalars(select(StoredFile)).all() == []


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(URL).status_code == 405


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    @staticmethod
    def signed_in(client, user):
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        client.post("/login", data={"email": user.email, "password": PASSWORD,
                                    "csrf_token": token})
        page = client.get("/staff/news/new").get_data(as_text=True)
        return re.search(r'data-csrf="([^"]+)"', page).group(1)

    def test_the_token_comes_in_the_header(self, app, client, make_user):
        token = self.signed_in(client, make_user(kind="staff", roles=("editor",)))
        assert client.post(URL, data=image()).status_code == 400
        response = client.post(URL, data=image(), headers={"X-CSRFToken": token})
        assert response.status_code == 201
