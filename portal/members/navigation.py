"""The member area's navigation: the dashboard, the features' member menu entries
(portal/features.py) with their badges (the unread notices), and the account."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from portal.features import MenuEntry, menu, resolve

OVERVIEW = MenuEntry("members.dashboard", _l("Overview"), order=0)
ACCOUNT = MenuEntry("members.account.index", _l("My account"), order=90)


def member_navigation(user) -> list[tuple[str, str, bool, str | None]]:
    """(endpoint, label, is_current, badge) for each link; each badge is one query."""
    views = current_app.view_functions
    links = []
    for entry in sorted([OVERVIEW, *menu("member"), ACCOUNT], key=lambda e: e.order):
        if entry.endpoint not in views:
            continue
        section = entry.endpoint.rpartition(".")[0]
        current = (request.endpoint == entry.endpoint if section == "members"
                   else request.blueprint == section)
        badge = resolve(entry.badge)(user) if entry.badge else None
        links.append((entry.endpoint, entry.label, current, badge))
    return links
