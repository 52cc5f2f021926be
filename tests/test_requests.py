"""Request-wide behaviour: security headers, CSRF, Host checking and the error pages."""

from __future__ import annotations

import pytest
from flask import abort

from tests.conftest import PASSWORD


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Strict-Transport-Security" not in response.headers  # tests are not production


def test_signed_in_pages_are_not_stored(client, login, member):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    login(member)
    assert client.get("/members/").headers["Cache-Control"] == "no-store"
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_no_inline_script_in_pages(client):
    page = client.get("/").get_data(as_text=True)
    assert "<script>" not in page and "onclick" not in page and "style=" not in page


def test_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/en/", headers={"Host": "localhost"}).status_code == 200


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_login_without_token_is_refused_with_a_readable_page(self, client, member):
        response = client.post("/login", data={"email": member.email, "password": PASSWORD})
        assert response.status_code == 400
        assert "This form had expired" in response.get_data(as_text=True)  # and shown again

    def test_logout_and_language_switch_need_the_token(self, app, client, member):
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = client.post("/login", data={"email": member.email, "password": PASSWORD,
                                                "csrf_token": token})
        assert response.status_code == 302
        # log-in clears the session, and with it the token's secret: take the new one
        page = client.get("/members/").get_data(as_text=True)
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        assert client.post("/logout").status_code == 400
        assert client.get("/members/").status_code == 200
        assert client.post("/lang/zh_CN", data={"next": "/"}).status_code == 400
        switched = client.post("/lang/zh_CN", data={"next": "/", "csrf_token": token})
        assert switched.status_code == 302
        assert client.post("/logout", data={"csrf_token": token}).status_code == 302


def test_404_page_is_translated(make_client):
    assert "Page not found" in make_client("en").get("/no-such-page").get_data(as_text=True)
    response = make_client("zh-CN").get("/no-such-page")
    assert response.status_code == 404
    assert "页面不存在" in response.get_data(as_text=True)


def test_405_page(client):
    response = client.get("/logout")
    assert response.status_code == 405
    assert "Method not allowed" in response.get_data(as_text=True)
    assert response.headers["Allow"]


def test_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/login", data={"email": "a@example.com", "password": "x" * 5000})
    assert response.status_code == 413
    assert "larger than the portal accepts" in response.get_data(as_text=True)


@pytest.mark.parametrize("status, zh", [
    (400, "请求有误"), (403, "无权访问"), (429, "请求过于频繁"),
])
def test_error_pages_in_chinese(app, make_client, status, zh):
    @app.route(f"/boom-{status}")
    def boom():
        abort(status)

    response = make_client("zh-CN").get(f"/boom-{status}")
    assert response.status_code == status
    assert zh in response.get_data(as_text=True)


def test_500_page_has_an_incident_number_and_no_details(app, make_client, caplog):
    @app.route("/crash")
    def crash():
        raise RuntimeError("secret internals")

    response = make_client("zh-CN").get("/crash")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "服务器错误" in body and "事件编号" in body
    assert "secret internals" not in body
    assert "secret internals" in caplog.text
