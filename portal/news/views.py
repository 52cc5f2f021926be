"""Public news pages: the lists, the article page with its QR code, and the Atom feed."""

from __future__ import annotations

from functools import lru_cache

import segno
from flask import (
    Blueprint,
    current_app,
    g,
    make_response,
    render_template,
    request,
    url_for,
)

from portal.database import utcnow
from portal.extensions import db
from portal.files.services import register_access_check
from portal.i18n import normalise_language
from portal.news import services, viewcount
from portal.pagecache import cached_page

bp = Blueprint("news", __name__, url_prefix="/news")
PER_PAGE = 20
FEED_SIZE = 20

register_access_check(services.FILE_PURPOSE, services.can_download_file)


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
    page = db.paginate(services.public_listing(category), per_page=PER_PAGE, error_out=False)
    return render_template("news/index.html", page=page, category=category,
                           categories=services.list_categories())


@bp.route("/")
@cached_page()
def index():
    return _listing()


@bp.route("/c/<slug>/")
@cached_page()
def category(slug: str):
    return _listing(services.get_category(slug))


@bp.route("/<int:article_id>")
@cached_page(on_hit=viewcount.count_view)  # a page served from the cache still counts
def detail(article_id: int):
    from flask_babel import gettext as _

    article = services.get_public_article(article_id)
    older, newer = services.neighbours(article)
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
    forced = normalise_language(request.args.get("lang"))
    if forced:
        g.forced_locale = forced
    articles = db.session.scalars(services.public_listing().order_by(None).order_by(
        services.Article.publish_at.desc(), services.Article.id.desc()).limit(FEED_SIZE)).all()
    updated = max((max(a.updated_at, a.publish_at) for a in articles), default=utcnow())
    body = render_template("news/feed.xml", articles=articles, absolute_url=absolute_url,
                           updated=updated)
    response = make_response(body)
    response.mimetype = "application/atom+xml"
    return response
