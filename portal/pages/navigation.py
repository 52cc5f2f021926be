"""The main navigation of every page: home, the pages features add (the about pages, in the
order staff give them), the features' public entries (portal/features.py), contact, and
the member area, in order; an entry shows once its endpoint exists."""

from __future__ import annotations

from typing import NamedTuple

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from portal.features import MenuEntry, each, menu
from portal.generation import content_memo

AREA_ENTRIES = (
    MenuEntry("pages.home", _l("Home"), order=0),
    MenuEntry("pages.contact", _l("Contact us"), order=40),
    MenuEntry("members.dashboard", _l("Member area"), order=50),
)


class NavEntry(NamedTuple):
    endpoint: str
    label: str
    values: dict


def main_navigation() -> list[NavEntry]:
    """Worked out once per language and content generation (staff edit the pages' titles
    and order: saving them bumps it)."""
    from portal.i18n import current_language

    language = current_language()
    memo = content_memo("main_navigation")
    if language not in memo:
        views = current_app.view_functions
        fixed = sorted([*AREA_ENTRIES, *menu("public")], key=lambda entry: entry.order)
        entries = [NavEntry(e.endpoint, str(e.label), {}) for e in fixed if e.endpoint in views]
        added = [NavEntry(endpoint, label, values) for source in each("public_menu_sources")
                 for endpoint, label, values in source(language) if endpoint in views]
        memo[language] = entries[:1] + added + entries[1:]
    return memo[language]


def current_entry() -> int | None:
    """The position of this page in the main navigation, if it is one of its entries."""
    for position, entry in enumerate(main_navigation()):
        if entry.endpoint == request.endpoint and entry.values == (request.view_args or {}):
            return position
    return None
