"""Home and contact pages, sitemap.xml and robots.txt, the language and font-size switches."""

from __future__ import annotations

from urllib.parse import quote_plus

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.i18n import LANGUAGE_COOKIE, LANGUAGES
from portal.news.services import article_changed
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
    from portal.news.listing import home_sections

    has_search = "search.index" in current_app.view_functions
    return render_template("pages/home.html", has_search=has_search, **home_sections())


# A plain link to a map search for the address: no third-party script or frame on the page.
MAP_SEARCH = "https://map.baidu.com/search/{query}"


@bp.route("/contact")
def contact():
    from portal.i18n import current_language
    from portal.settings.services import get_site_settings

    address = get_site_settings().address_zh or get_site_settings().address(current_language())
    map_url = MAP_SEARCH.format(query=quote_plus(address)) if address else None
    return render_template("pages/contact.html", map_url=map_url)


SITEMAP_LIMIT = 50_000  # the most URLs one sitemap file may hold
# Seconds a worker serves the sitemap it built (50,000 rows take ~1 s to build), or less
# when a scheduled article is due sooner.
SITEMAP_TTL = 300


@bp.route("/sitemap.xml")
def sitemap():
    from portal.news import services

    cached = current_app.extensions.get("sitemap")
    if cached is None or cached[0] <= services.utcnow():
        cached = (services.valid_until(SITEMAP_TTL), build_sitemap())
        current_app.extensions["sitemap"] = cached
    response = make_response(cached[1])
    response.mimetype = "application/xml"
    return response


@article_changed.connect
def forget_sitemap(sender=None, **kwargs) -> None:
    current_app.extensions.pop("sitemap", None)


def build_sitemap() -> str:
    """Public pages and the newest visible articles, built as a string."""
    from xml.sax.saxutils import escape

    from portal.news.models import Article
    from portal.news.services import list_categories, visibility_condition

    base = escape(current_app.config["BASE_URL"].rstrip("/"))
    pages = [url_for("pages.home"), url_for("news.index"), url_for("pages.contact")]
    pages += [url_for("news.category", slug=c.slug) for c in list_categories()]
    article_path = url_for("news.detail", article_id=0)[:-1]  # one url_for, not 50,000
    rows = db.session.execute(
        select(Article.id, Article.updated_at, Article.publish_at)
        .where(visibility_condition()).order_by(Article.publish_at.desc())
        .limit(SITEMAP_LIMIT - len(pages))).all()
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    parts += [f"<url><loc>{base}{escape(path)}</loc></url>\n" for path in pages]
    prefix = f"<url><loc>{base}{escape(article_path)}"
    parts += [f"{prefix}{id_}</loc><lastmod>{max(updated, published):%Y-%m-%dT%H:%M:%SZ}"
              "</lastmod></url>\n" for id_, updated, published in rows]
    parts.append("</urlset>\n")
    return "".join(parts)


@bp.route("/robots.txt")
def robots():
    base = current_app.config["BASE_URL"].rstrip("/")
    lines = ["User-agent: *", "Disallow: /staff/", "Disallow: /members/", "Disallow: /login",
             "Disallow: /search", "", f"Sitemap: {base}{url_for('pages.sitemap')}", ""]
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
    from portal.operations.readiness import readiness_problems

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
