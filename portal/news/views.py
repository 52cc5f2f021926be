"""Public news pages: the lists, the article page with its QR code, the Atom feed and the
sitemap."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote

import segno
from flask import (
    Blueprint,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select

from portal.chrome import url_once
from portal.database import utcnow
from portal.dates import ymd, ymd_hm
from portal.extensions import db
from portal.features import each
from portal.i18n import HTML_LANGS, LANGUAGES, language_route, localized_path, normalise_language
from portal.news import article_page, listing, services, viewcount
from portal.news.models import Article
from portal.pagecache import cached_page
from portal.security import origin_checked

bp = Blueprint("news", __name__)
PER_PAGE = 20
FEED_SIZE = 20


bp.add_app_template_filter(ymd, "ymd")
bp.add_app_template_filter(ymd_hm, "ymd_hm")


class ListEntry(NamedTuple):
    url: str
    title: str
    summary: str
    chinese_fallback: bool  # an English reader gets the Chinese version
    pinned: bool
    category: str
    iso: str
    date: str
    cover_url: str | None  # the article's cover picture, shown as a thumbnail


@lru_cache(maxsize=4096)
def _list_dates(moment) -> tuple[str, str]:
    """(ISO time, Beijing date) of a publish time: the same for every list that shows it."""
    return moment.isoformat(timespec="seconds"), ymd(moment)


@bp.app_template_global()
def list_entries(articles, lang: str) -> list[ListEntry]:
    """What a list shows of each article (listing.ListedArticle rows), worked out in Python:
    per item, Jinja's method calls and url_for() cost more than the rest of a list page."""
    prefix = url_once("news.detail", article_id=0)[:-1]
    files = url_once("files.download", file_id=0, name="x")[:-3]  # "/files/"
    names = listing.category_names(lang)
    entries = []
    for a in articles:
        english = lang == "en" and a.has_english
        iso, day = _list_dates(a.publish_at)
        entries.append(ListEntry(
            url=f"{prefix}{a.id}", title=a.title_en if english else a.title_zh,
            summary=a.summary_en if english else a.summary_zh,
            chinese_fallback=lang == "en" and not english, pinned=a.pinned,
            category=names.get(a.category_id, ""), iso=iso, date=day,
            cover_url=f"{files}{a.cover.id}/{quote(a.cover.original_name)}" if a.cover
            else None))
    return entries


def absolute_url(path: str) -> str:
    """An address on the canonical site (BASE_URL), never built from the request's Host."""
    return current_app.config["BASE_URL"].rstrip("/") + path


@lru_cache(maxsize=2048)
def qr_svg(url: str, title: str) -> str:
    """An inline SVG QR code of the url (cached: the same article gives the same code)."""
    return segno.make(url, error="m").svg_inline(
        scale=3, border=2, dark="#1f2328", title=title, svgclass="qr-code", lineclass=None,
        omitsize=False)


def _listing(category=None):
    page = listing.public_page(category, request.args.get("page", 1, type=int), PER_PAGE)
    return render_template("news/index.html", page=page, category=category,
                           categories=listing.public_categories())


@language_route(bp, "/news/")
@cached_page()
def index():
    return _listing()


@language_route(bp, "/news/c/<slug>/")
@cached_page()
def category(slug: str):
    return _listing(listing.public_category(slug))


@language_route(bp, "/news/<int:article_id>")
@cached_page()
def detail(article_id: int):
    """The article page, the same for every visitor: views are counted by the reader's
    browser (views(), below), so that a page from any cache still counts."""
    from flask_babel import gettext as _

    article, older, newer = article_page.public_article(article_id)
    url = absolute_url(url_for("news.detail", article_id=article.id))
    return render_template(
        "news/detail.html", article=article, older=older, newer=newer, canonical=url,
        qr_svg=qr_svg(url, _("QR code of this article's address")),
        views=viewcount.shown_count(article),
    )


@bp.route("/news/<int:article_id>/views", methods=["POST"])
@origin_checked
def views(article_id: int):
    """One view of a visible article, sent by static/js/portal.js from the article page."""
    response = make_response("", 204)
    response.headers["Cache-Control"] = "no-store"
    if article_page.is_visible(article_id):
        viewcount.count_view(article_id, response)
    return response


@language_route(bp, "/news/feed.atom")
@cached_page()
def feed():
    """Each language's own feed; the old ?lang=en address moves to the English one."""
    old_choice = normalise_language(request.args.get("lang"))
    if old_choice:
        return redirect(url_for("news.feed", lang=old_choice), 301)
    articles = db.session.scalars(services.public_listing(bodies=True).order_by(None).order_by(
        Article.publish_at.desc()).limit(FEED_SIZE)).all()
    updated = max((max(a.updated_at, a.publish_at) for a in articles), default=utcnow())
    body = render_template("news/feed.xml", articles=articles, absolute_url=absolute_url,
                           updated=updated)
    response = make_response(body)
    response.mimetype = "application/atom+xml"
    return response


SITEMAP_LIMIT = 50_000  # the most URLs one sitemap file may hold
SITEMAP_TTL = 300  # seconds a worker serves the sitemap it built, unless an article is due


@bp.route("/sitemap.xml")
def sitemap():
    """Built at most every SITEMAP_TTL seconds per worker (50,000 rows take a while), sooner
    when a scheduled article becomes due; any change to an article drops it (events.py)."""
    now = utcnow()
    cached = current_app.extensions.get("news_sitemap")
    if cached is None or cached[0] <= now:
        expires = now + timedelta(seconds=SITEMAP_TTL)
        due = services.next_scheduled_change(now)
        cached = (min(expires, due) if due else expires, build_sitemap())
        current_app.extensions["news_sitemap"] = cached
    response = make_response(cached[1])
    response.mimetype = "application/xml"
    return response


def build_sitemap() -> str:
    """Public pages and the newest visible articles in both languages, each naming its twin
    (xhtml:link alternates), built as a string."""
    from xml.sax.saxutils import escape

    base = escape(current_app.config["BASE_URL"].rstrip("/"))
    pages = [("pages.home", {}), ("news.index", {}), ("pages.contact", {})]
    pages += [("news.category", {"slug": c.slug}) for c in listing.public_categories()]
    pages += [(endpoint, values) for source in each("sitemap_sources")
              for endpoint, values in source()]
    paths = [escape(url_for(endpoint, **values, lang="zh_CN")) for endpoint, values in pages]
    article_path = url_for("news.detail", article_id=0, lang="zh_CN")[:-1]  # one url_for
    rows = db.session.execute(
        select(Article.id, Article.updated_at, Article.publish_at)
        .where(services.visibility_condition()).order_by(Article.publish_at.desc())
        .limit(SITEMAP_LIMIT // len(LANGUAGES) - len(paths))).all()
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n'
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n']

    def both(path: str, extra: str = "") -> None:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{HTML_LANGS[language]}" '
                        f'href="{base}{localized_path(path, language)}"/>'
                        for language in LANGUAGES)
        parts.extend(f"<url><loc>{base}{localized_path(path, language)}</loc>{links}{extra}"
                     "</url>\n" for language in LANGUAGES)

    for path in paths:
        both(path)
    prefix = escape(article_path)
    for id_, updated, published in rows:
        both(f"{prefix}{id_}", f"<lastmod>{max(updated, published):%Y-%m-%dT%H:%M:%SZ}</lastmod>")
    parts.append("</urlset>\n")
    return "".join(parts)
