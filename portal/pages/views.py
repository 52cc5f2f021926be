"""Home page, language switch and font-size switch."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from portal.extensions import db
from portal.i18n import LANGUAGE_COOKIE, LANGUAGES
from portal.pagecache import cached_page
from portal.security import safe_next

bp = Blueprint("pages", __name__)

FONT_SIZES = ("small", "medium", "large")
FONT_SIZE_COOKIE = "font_size"
YEAR = 365 * 24 * 3600


def font_size() -> str:
    size = request.cookies.get(FONT_SIZE_COOKIE)
    return size if size in FONT_SIZES else "medium"


def _back():
    return redirect(safe_next(request.form.get("next")) or url_for("pages.home"))


@bp.route("/")
@cached_page()
def home():
    return render_template("pages/home.html")


@bp.route("/healthz")
def healthz():
    """For load balancers and `make bench` (the minimal route): no database, no template."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


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
