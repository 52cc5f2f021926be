"""The main navigation, in order; an entry shows once its feature registers the endpoint."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

MAIN_NAVIGATION = [
    ("pages.home", _l("Home")),
    ("news.index", _l("News")),
    ("search.index", _l("Search")),
    ("pages.contact", _l("Contact us")),
    ("members.dashboard", _l("Member area")),
]


def main_navigation():
    views = current_app.view_functions
    return [(endpoint, label) for endpoint, label in MAIN_NAVIGATION if endpoint in views]
