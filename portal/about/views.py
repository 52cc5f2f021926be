"""The public about pages: /about/<slug> and /en/about/<slug>."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.about.services import public_page
from portal.i18n import language_route
from portal.pagecache import cached_page

bp = Blueprint("about", __name__)


@language_route(bp, "/about/<slug>")
@cached_page()
def page(slug: str):
    return render_template("about/page.html", page=public_page(slug))
