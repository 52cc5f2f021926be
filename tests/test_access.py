"""Every endpoint is either on the public list or guarded by its area (SECURITY.md, "Access")."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

# Endpoints anyone may reach. A new public endpoint must be added here on purpose.
PUBLIC_ENDPOINTS = {
    "static",
    "pages.home",
    "pages.set_language",
    "pages.set_font_size",
    "accounts.login",
    "accounts.logout",  # POST only and login_required; see test_logout_requires_login
    "accounts.forgot_password",
    "accounts.reset_password",  # token-checked: tests/accounts/test_password_reset.py
    "accounts.accept_invitation",  # token-checked: tests/accounts/test_invitations.py
    "pages.contact",
    "pages.sitemap",
    "pages.robots",
    "news.index",
    "news.category",
    "news.detail",
    "news.feed",
    "search.index",
    "pages.healthz",
    "files.download",  # access checked per file by its owner: tests/files/test_uploads.py
}

GUARDED_PREFIXES = {"members.": "/members/", "staff.": "/staff/"}


def fill(rule) -> str:
    """A URL for the rule with placeholder arguments."""
    values = {arg: 1 if isinstance(rule._converters[arg], IntegerConverter) else "x"
              for arg in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def guarded_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in PUBLIC_ENDPOINTS:
            yield rule


def test_every_endpoint_is_public_or_in_a_guarded_area(app):
    stray = []
    for rule in guarded_rules(app):
        prefix = next((p for p in GUARDED_PREFIXES if rule.endpoint.startswith(p)), None)
        if prefix is None or not rule.rule.startswith(GUARDED_PREFIXES[prefix]):
            stray.append(f"{rule.endpoint} {rule.rule}")
    assert stray == [], "endpoints neither public nor guarded: " + ", ".join(stray)


def test_anonymous_visitors_are_sent_to_login_everywhere_guarded(app, client):
    for rule in guarded_rules(app):
        url = fill(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code == 302, f"{method} {url}"
            assert response.headers["Location"].startswith("/login?next="), f"{method} {url}"


@pytest.mark.parametrize("kind, area", [("member", "staff."), ("staff", "members.")])
def test_users_of_the_other_kind_get_403(app, client, login, make_user, kind, area):
    login(make_user(kind=kind, roles=("admin",) if kind == "staff" else ()))
    checked = 0
    for rule in guarded_rules(app):
        if rule.endpoint.startswith(area):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                assert client.open(fill(rule), method=method).status_code == 403, rule.rule
                checked += 1
    assert checked


def test_visitor_to_members_area_is_sent_to_login_with_next(client):
    response = client.get("/members/")
    assert response.headers["Location"] == "/login?next=/members/"
    page = client.get("/login?next=/members/").get_data(as_text=True)
    assert 'value="/members/"' in page


def test_logout_requires_login(client):
    assert client.post("/logout").status_code == 302
