"""Home and contact pages, robots.txt, liveness, and the language and font-size switches."""

from __future__ import annotations

from urllib.parse import quote_plus

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from portal.chrome import FONT_SIZE_COOKIE, FONT_SIZES
from portal.extensions import db
from portal.i18n import LANGUAGE_COOKIE, LANGUAGES, current_language
from portal.news.listing import home_sections
from portal.operations.readiness import readiness_problems
from portal.pagecache import cached_page
from portal.security import safe_next
from portal.settings.services import get_site_settings

bp = Blueprint("pages", __name__)

YEAR = 365 * 24 * 3600


def _back():
    return redirect(safe_next(request.form.get("next")) or url_for("pages.home"))


@bp.route("/")
@cached_page()
def home():
    has_search = "search.index" in current_app.view_functions
    return render_template("pages/home.html", has_search=has_search, **home_sections())


# A plain link to a map search for the address: no third-party script or frame on the page.
MAP_SEARCH = "https://map.baidu.com/search/{query}"


@bp.route("/contact")
def contact():
    settings = get_site_settings()
    address = settings.address_zh or settings.address(current_language())
    map_url = MAP_SEARCH.format(query=quote_plus(address)) if address else None
    return render_template("pages/contact.html", map_url=map_url)


@bp.route("/robots.txt")
def robots():
    base = current_app.config["BASE_URL"].rstrip("/")
    lines = ["User-agent: *", "Disallow: /staff/", "Disallow: /members/", "Disallow: /login",
             "Disallow: /search", "", f"Sitemap: {base}{url_for('news.sitemap')}", ""]
    response = make_response("\n".join(lines))
    response.mimetype = "text/plain"
    return response


@bp.route("/healthz")
def healthz():
    """For load balancers and `make bench` (the minimal route): no database, no template."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/readyz")
def readyz():
    """For load balancers: 200 when the database answers and the file store takes files,
    else 503 with the reasons (portal/operations/readiness.py)."""
    problems = readiness_problems()
    body, status = ("not ready: " + "; ".join(problems), 503) if problems else ("ready", 200)
    return body + "\n", status, {"Content-Type": "text/plain; charset=utf-8",
                                 "Cache-Control": "no-store"}


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code):
    if code not in LANGUAGES:
        return _back()
    response = _back()
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=YEAR, samesite="Lax", httponly=True)
    if current_user.is_authenticated:
        current_user.language = code
        db.session.commit()
    return response


@bp.route("/font-size", methods=["POST"])
def set_font_size():
    size = request.form.get("size")
    response = _back()
    if size in FONT_SIZES:
        response.set_cookie(FONT_SIZE_COOKIE, size, max_age=YEAR, samesite="Lax", httponly=True)
    return response
