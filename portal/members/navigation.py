"""The member area's navigation: the dashboard, the features' member menu entries
(portal/features.py) with their badges (the unread notices), and the account."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from portal.chrome import url_once
from portal.features import MenuEntry, menu, resolve
from portal.i18n import current_language

OVERVIEW = MenuEntry("members.dashboard", _l("Overview"), order=0)
ACCOUNT = MenuEntry("members.account.index", _l("My account"), order=90)


def _links() -> list[tuple[str, str, str, str, object]]:
    """(endpoint, address, label, section, badge function) of each link, worked out once
    per worker and language: every member page shows them."""
    known = current_app.extensions.setdefault("member_links", {})
    key = (request.script_root, current_language())
    if key not in known:
        views = current_app.view_functions
        known[key] = [
            (entry.endpoint, url_once(entry.endpoint), str(entry.label),
             entry.endpoint.rpartition(".")[0], resolve(entry.badge) if entry.badge else None)
            for entry in sorted([OVERVIEW, *menu("member"), ACCOUNT], key=lambda e: e.order)
            if entry.endpoint in views]
    return known[key]


def member_navigation(user) -> list[tuple[str, str, bool, str | None]]:
    """(address, label, is_current, badge) for each link; each badge is one query at most."""
    links = []
    for endpoint, address, label, section, badge in _links():
        current = (request.endpoint == endpoint if section == "members"
                   else request.blueprint == section)
        links.append((address, label, current, badge(user) if badge else None))
    return links
