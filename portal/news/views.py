"""Public news pages: the lists, the article page with its QR code, and the Atom feed."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import segno
from flask import (
    Blueprint,
    current_app,
    make_response,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale

from portal.database import utcnow
from portal.extensions import db
from portal.files.services import register_access_check
from portal.i18n import SHANGHAI, normalise_language, select_locale
from portal.news import article_page, listing, services, viewcount
from portal.news.models import Article
from portal.pagecache import cached_page
from portal.pages.chrome import url_once

bp = Blueprint("news", __name__, url_prefix="/news")
PER_PAGE = 20
FEED_SIZE = 20

register_access_check(services.FILE_PURPOSE, services.can_download_file)


@bp.app_template_filter("ymd")
def ymd(value) -> str:
    """A UTC datetime as its Beijing date, yyyy-mm-dd: the same in every locale, so lists
    skip Babel's formatting (a tenth of a list page's time)."""
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d") if value else ""


class ListEntry(NamedTuple):
    url: str
    title: str
    summary: str
    chinese_fallback: bool  # an English reader gets the Chinese version
    pinned: bool
    category: str
    iso: str
    date: str


@lru_cache(maxsize=4096)
def _list_dates(moment) -> tuple[str, str]:
    """(ISO time, Beijing date) of a publish time: the same for every list that shows it."""
    return moment.isoformat(timespec="seconds"), ymd(moment)


@bp.app_template_global()
def list_entries(articles, lang: str) -> list[ListEntry]:
    """What a list shows of each article (listing.ListedArticle rows), worked out in Python:
    per item, Jinja's method calls and url_for() cost more than the rest of a list page."""
    prefix = url_once("news.detail", article_id=0)[:-1]
    names = listing.category_names(lang)
    entries = []
    for a in articles:
        english = lang == "en" and a.has_english
        iso, day = _list_dates(a.publish_at)
        entries.append(ListEntry(
            url=f"{prefix}{a.id}", title=a.title_en if english else a.title_zh,
            summary=a.summary_en if english else a.summary_zh,
            chinese_fallback=lang == "en" and not english, pinned=a.pinned,
            category=names.get(a.category_id, ""), iso=iso, date=day))
    return entries


@bp.app_template_filter("ymd_hm")
def ymd_hm(value) -> str:
    """A UTC datetime as Beijing date and time, yyyy-mm-dd hh:mm (any locale, no Babel)."""
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if value else ""


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


@bp.route("/")
@cached_page()
def index():
    return _listing()


@bp.route("/c/<slug>/")
@cached_page()
def category(slug: str):
    return _listing(listing.public_category(slug))


@bp.route("/<int:article_id>")
@cached_page(on_hit=viewcount.count_view)  # a page served from the cache still counts
def detail(article_id: int):
    from flask_babel import gettext as _

    article, older, newer = article_page.public_article(article_id)
    url = absolute_url(url_for("news.detail", article_id=article.id))
    response = make_response(render_template(
        "news/detail.html", article=article, older=older, newer=newer, canonical=url,
        qr_svg=qr_svg(url, _("QR code of this article's address")),
        views=viewcount.shown_count(article) + 1,
    ))
    viewcount.count_view(article.id, response)
    return response


@bp.route("/feed.atom")
def feed():
    language = normalise_language(request.args.get("lang")) or select_locale()
    articles = db.session.scalars(services.public_listing(bodies=True).order_by(None).order_by(
        Article.publish_at.desc()).limit(FEED_SIZE)).all()
    updated = max((max(a.updated_at, a.publish_at) for a in articles), default=utcnow())
    with force_locale(language):
        body = render_template("news/feed.xml", articles=articles, absolute_url=absolute_url,
                               updated=updated)
    response = make_response(body)
    response.mimetype = "application/atom+xml"
    return response
