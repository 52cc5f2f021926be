"""The staff area's navigation: the features' menu entries (portal/features.py) that the
user's roles allow, in order, with the current section marked."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from portal.features import MenuEntry, menu

OVERVIEW = MenuEntry("staff.dashboard", _l("Overview"), order=0)


def staff_navigation(user) -> list[tuple[str, str, bool]]:
    """(endpoint, label, is_current) for each link the user may follow."""
    views = current_app.view_functions
    links = []
    for entry in [OVERVIEW, *menu("staff")]:
        if entry.endpoint not in views or (entry.role and not user.has_role(entry.role)):
            continue
        section = entry.endpoint.rpartition(".")[0]
        current = (request.endpoint == entry.endpoint if section == "staff"
                   else request.blueprint == section)
        links.append((entry.endpoint, entry.label, current))
    return links
