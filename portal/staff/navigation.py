"""The staff area's navigation: a link shows when its endpoint exists and the user's roles allow it.

Features add their entry to STAFF_NAVIGATION (endpoint, label, role needed or None for any staff).
"""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

STAFF_NAVIGATION = [
    ("staff.dashboard", _l("Overview"), None),
    ("staff.news.index", _l("News"), "editor"),
    ("staff.enterprises.index", _l("Enterprises"), "admin"),
    ("staff.users.index", _l("Users"), "admin"),
    ("staff.departments.index", _l("Departments"), "admin"),
    ("staff.settings.edit", _l("Site settings"), "admin"),
    ("staff.mail.index", _l("Outgoing mail"), "admin"),
    ("staff.audit.index", _l("Audit log"), "admin"),
]


def staff_navigation(user) -> list[tuple[str, str, bool]]:
    """(endpoint, label, is_current) for each link the user may follow."""
    views = current_app.view_functions
    links = []
    for endpoint, label, role in STAFF_NAVIGATION:
        if endpoint not in views or (role and not user.has_role(role)):
            continue
        section = endpoint.rpartition(".")[0]
        current = (request.endpoint == endpoint if section == "staff"
                   else request.blueprint == section)
        links.append((endpoint, label, current))
    return links
