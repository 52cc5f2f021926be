"""The main navigation of every page: home, the features' public entries (portal/features.py),
contact, and the member area, in order; an entry shows once its endpoint exists."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.features import MenuEntry, menu

AREA_ENTRIES = (
    MenuEntry("pages.home", _l("Home"), order=0),
    MenuEntry("pages.contact", _l("Contact us"), order=40),
    MenuEntry("members.dashboard", _l("Member area"), order=50),
)


def main_navigation():
    views = current_app.view_functions
    entries = sorted([*AREA_ENTRIES, *menu("public")], key=lambda entry: entry.order)
    return [(entry.endpoint, entry.label) for entry in entries if entry.endpoint in views]
