"""Every endpoint is either on the public list or guarded by its area (ARCHITECTURE.md,
"Access")."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from portal.accounts.models import ROLES


def public_endpoints(app) -> set[str]:
    """Endpoints anyone may reach: each feature lists its own on purpose (its feature.toml),
    and the public area its few (portal/pages/__init__.py)."""
    from portal.features import public_endpoints as declared
    from portal.pages import PUBLIC_ENDPOINTS

    return declared(app) | set(PUBLIC_ENDPOINTS)


GUARDED_PREFIXES = {"members.": "/members/", "staff.": "/staff/"}


def fill(rule) -> str:
    """A URL for the rule with placeholder arguments."""
    values = {arg: 1 if isinstance(rule._converters[arg], IntegerConverter) else "x"
              for arg in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def guarded_rules(app):
    public = public_endpoints(app)
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in public:
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


def test_members_get_403_in_the_staff_area(app, client, login, make_user):
    login(make_user(kind="member"))
    checked = 0
    for rule in guarded_rules(app):
        if rule.endpoint.startswith("staff."):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                assert client.open(fill(rule), method=method).status_code == 403, rule.rule
                checked += 1
    assert checked


def test_staff_in_the_member_area_land_in_their_own_with_a_message(app, client, login,
                                                                     make_user):
    """Never a bare 403: staff following the 会员专区 link are sent to /staff/ and told why."""
    login(make_user(kind="staff", roles=("admin",)))
    checked = 0
    for rule in guarded_rules(app):
        if rule.endpoint.startswith("members."):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(fill(rule), method=method)
                assert response.status_code == 302, rule.rule
                assert response.headers["Location"] == "/staff/", rule.rule
                checked += 1
    assert checked
    assert "The member area is for member enterprises" in client.get("/staff/").get_data(
        as_text=True)


def test_visitor_to_members_area_is_sent_to_login_with_next(client):
    response = client.get("/members/")
    assert response.headers["Location"] == "/login?next=/members/"
    page = client.get("/login?next=/members/").get_data(as_text=True)
    assert 'value="/members/"' in page


def test_logout_requires_login(client):
    assert client.post("/logout").status_code == 302


def staff_role_of(app, endpoint: str):
    """The role the endpoint's staff feature blueprint requires (portal/access.py), or the
    string "undeclared" when the blueprint never said."""
    blueprint = app.blueprints.get(endpoint.rpartition(".")[0])
    return getattr(blueprint, "required_role", "undeclared")


def test_every_staff_screen_declares_its_role(app):
    undeclared = sorted({rule.endpoint.rpartition(".")[0] for rule in guarded_rules(app)
                         if rule.endpoint.startswith("staff.") and rule.endpoint.count(".") > 1
                         and staff_role_of(app, rule.endpoint) == "undeclared"})
    assert undeclared == [], "staff blueprints without require_role(): " + ", ".join(undeclared)


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"admin"}))
def test_staff_without_the_role_of_a_screen_get_403(app, client, login, make_user, role):
    login(make_user(kind="staff", roles=(role,)))
    checked = 0
    for rule in guarded_rules(app):
        needed = staff_role_of(app, rule.endpoint) if rule.endpoint.startswith("staff.") else None
        if needed in (None, "undeclared", role):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert client.open(fill(rule), method=method).status_code == 403, rule.rule
            checked += 1
    assert checked
