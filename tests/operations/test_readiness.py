"""/readyz: ready when the database answers and the file store takes files; /healthz as ever."""

from __future__ import annotations

from portal import create_app
from portal.extensions import db


def test_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ready\n"
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/healthz").get_data(as_text=True) == "ok"


def test_a_file_store_that_cannot_take_files(app, client, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app.config["STORAGE_PATH"] = str(blocker / "files")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "not ready: file store not writable\n"


def test_a_store_not_made_yet_is_ready_when_it_can_be(app, client, tmp_path):
    app.config["STORAGE_PATH"] = str(tmp_path / "new" / "files")
    assert client.get("/readyz").status_code == 200


def test_no_database(tmp_path):
    for url in (f"sqlite:///{tmp_path / 'missing' / 'portal.db'}",  # cannot be opened
                f"sqlite:///{tmp_path / 'empty.db'}"):  # opened, but no portal in it
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "STORAGE_PATH": str(tmp_path)})
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        assert response.get_data(as_text=True) == (
            "not ready: database not answering (OperationalError)\n")
        assert app.test_client().get("/healthz").status_code == 200
        with app.app_context():
            db.engine.dispose()
