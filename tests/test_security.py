"""The one way a form on a cacheable public page is protected without a token
(portal/security.py, origin_checked): the browser's Origin, or its Referer, names this site;
and only views so marked are exempt from the token. And pages whose address holds their key
(private_link_page)."""

from __future__ import annotations

import pytest
from flask import Blueprint
from werkzeug.datastructures import MultiDict

from portal.security import link_args, origin_checked, private_link_page


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

    @bp.route("/test/private/<key>")
    @private_link_page
    def private_page(key):
        return f"page of {key}", 400 if key == "bad" else 200

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


@pytest.mark.parametrize(("key", "status"), [("good", 200), ("bad", 400)])
def test_a_page_whose_address_holds_its_key_is_neither_referred_nor_cached(client, key, status):
    response = client.get(f"/test/private/{key}")
    assert response.status_code == status
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_lists_links_keep_its_filters_and_nothing_url_for_would_obey():
    args = MultiDict([("q", "商会"), ("q", "second"), ("status", "active"), ("page", "3"),
                      ("endpoint", "accounts.logout"), ("_external", "1"), ("_scheme", "http"),
                      ("_anchor", "x"), ("_method", "POST")])
    assert link_args(args) == {"q": "商会", "status": "active"}
