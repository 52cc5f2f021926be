"""Who may open the admin screens: anonymous → log-in, member → 403, agent/editor → 403,
admin → 200; and requests under a foreign Host header are refused."""

from __future__ import annotations

import pytest

ADMIN_PAGES = [
    "/staff/enterprises/", "/staff/enterprises/new", "/staff/enterprises/{enterprise}",
    "/staff/enterprises/{enterprise}/edit", "/staff/enterprises/import",
    "/staff/enterprises/import/template.csv",
    "/staff/users/", "/staff/users/{user}/edit", "/staff/users/new?kind=staff",
    "/staff/users/new?kind=member&enterprise={enterprise}",
    "/staff/departments/", "/staff/departments/new", "/staff/departments/{department}/edit",
    "/staff/settings/", "/staff/audit/",
]
ADMIN_POSTS = [
    "/staff/enterprises/{enterprise}/suspend", "/staff/enterprises/{enterprise}/reactivate",
    "/staff/enterprises/import/confirm", "/staff/users/{user}/deactivate",
    "/staff/users/{user}/reactivate", "/staff/users/{user}/resend",
    "/staff/users/{user}/revoke", "/staff/users/new?kind=member",
    "/staff/departments/{department}/default",
    "/staff/settings/", "/staff/enterprises/new",
]


@pytest.fixture
def objects(make_enterprise, make_user, make_department):
    enterprise = make_enterprise()
    return {"enterprise": enterprise.id,
            "user": make_user(enterprise=enterprise).id,
            "department": make_department().id}


@pytest.fixture
def as_(client, login, make_user, make_enterprise):
    def sign_in(who):
        if who == "member":
            login(make_user(kind="member"))
        elif who != "anonymous":
            login(make_user(kind="staff", roles=(who,)))
        return client
    return sign_in


@pytest.mark.parametrize("who, expected", [
    ("anonymous", 302), ("member", 403), ("agent", 403), ("editor", 403), ("admin", 200),
])
def test_admin_pages(as_, objects, who, expected):
    client = as_(who)
    for url in ADMIN_PAGES:
        response = client.get(url.format(**objects))
        assert response.status_code == expected, url
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login?next=/staff/")


@pytest.mark.parametrize("who, expected", [
    ("anonymous", 302), ("member", 403), ("agent", 403), ("editor", 403),
])
def test_admin_posts_change_nothing_for_others(app, as_, objects, who, expected):
    from portal.accounts.models import User
    from portal.enterprises.models import Enterprise
    from portal.extensions import db

    client = as_(who)
    for url in ADMIN_POSTS:
        assert client.post(url.format(**objects), data={
            "name_zh": "X", "credit_code": "x"}).status_code == expected, url
    with app.app_context():
        assert db.session.get(Enterprise, objects["enterprise"]).status == "active"
        assert db.session.get(User, objects["user"]).active


def test_foreign_host_header_is_refused(client, login, staff_admin):
    login(staff_admin)
    assert client.get("/staff/enterprises/").status_code == 200
    response = client.get("/staff/enterprises/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    response = client.post("/staff/settings/", headers={"Host": "evil.example"},
                           data={"site_name_zh": "被篡改"})
    assert response.status_code == 400


def test_admin_pages_are_not_cached(client, login, staff_admin):
    login(staff_admin)
    assert client.get("/staff/users/").headers["Cache-Control"] == "no-store"
