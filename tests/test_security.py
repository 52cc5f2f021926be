"""The one way a form on a cacheable public page is protected without a token
(portal/security.py, origin_checked): the browser's Origin, or its Referer, names this site;
and only views so marked are exempt from the token."""

from __future__ import annotations

import pytest
from flask import Blueprint

from portal.security import origin_checked


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "BASE_URL": "https://portal.example.org",
            "TRUSTED_HOSTS": ["portal.example.org", "localhost"]}


@pytest.fixture
def app(app):
    bp = Blueprint("origin_test", __name__)

    @bp.route("/test/anonymous-form", methods=["POST"])
    @origin_checked
    def anonymous_form():
        return "sent"

    app.register_blueprint(bp)
    return app


@pytest.mark.parametrize("headers", [
    {"Origin": "https://portal.example.org"},
    {"Origin": "http://localhost"},
    {"Referer": "https://portal.example.org/contact"},
])
def test_a_post_from_this_site_is_accepted_without_a_token(client, headers):
    assert client.post("/test/anonymous-form", headers=headers).status_code == 200


@pytest.mark.parametrize("headers", [
    {},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Origin": "https://portal.example.org.evil.example"},
    {"Origin": "http://portal.example.org"},
    {"Referer": "https://evil.example/?https://portal.example.org/"},
    {"Origin": "https://evil.example", "Referer": "https://portal.example.org/contact"},
])
def test_a_post_from_elsewhere_or_from_nowhere_is_refused(client, headers):
    assert client.post("/test/anonymous-form", headers=headers).status_code == 403


def test_other_forms_still_need_their_token(client):
    response = client.post("/lang/en", data={"next": "/"},
                           headers={"Origin": "http://localhost"})
    assert response.status_code == 400
