"""News rules: which articles the public sees, and what staff read of them; the editors'
changes are news.editing, passed on from here (this module is the feature's way in).

Every public list, feed and sitemap starts from visible_articles(); a scheduled article is
visible once its publish_at has come, so no job is needed for it to appear on time.
Changes send `article_changed`, in the transaction; portal/news/events.py does what follows
from a change (search index, page cache, counts, sitemap).
"""

from __future__ import annotations

import time
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.orm import defer, joinedload, selectinload

from portal.converters import as_id
from portal.database import utcnow
from portal.errors import NotFound
from portal.extensions import db
from portal.files.models import StoredFile

# The editors' changes (news.editing), for member notices and this feature's views.
from portal.news.editing import (  # noqa: F401  (re-exported)
    ATTACHMENT_KINDS,
    FILE_PURPOSE,
    ArticleRuleBroken,
    archive_article,
    article_changed,
    attach_files,
    build_preview,
    create_article,
    publish_article,
    save_article,
    store_uploads,
    unpublish_article,
    update_article,
)

# The editor's fields, for other features' article-like forms (member notices): services
# are the way in to a feature.
from portal.news.forms import (  # noqa: F401  (re-exported)
    ArticleTextForm,
    beijing_to_utc,
    utc_to_beijing,
)

# An article's text in the search index, for member notices (portal/notices/indexing.py).
from portal.news.indexing import text_documents  # noqa: F401  (re-exported)
from portal.news.models import (
    VISIBLE_STATUSES,
    Article,
    ArticleAttachment,
    ArticleImage,
    Category,
)

LISTING_ORDER = (Article.pinned.desc(), Article.publish_at.desc(), Article.id.desc())
# Lists show titles and summaries: the bodies (the bulk of a row) stay in the database.
def no_bodies():
    return defer(Article.body_zh, raiseload=True), defer(Article.body_en, raiseload=True)


def published_condition(now=None, table=Article):
    """SQL: published (or scheduled and due) and not expired, whoever its readers are."""
    now = utcnow() if now is None else now
    return and_(table.status.in_(VISIBLE_STATUSES), table.publish_at <= now,
                or_(table.expires_at.is_(None), table.expires_at > now))


def visibility_condition(now: datetime | None = None, table=Article):
    """The SQL condition for "the public may see this article now": every public list, the
    home page, the article page and its neighbours, the feed, the sitemap, the counts and the
    file check go through it. Member notices not marked public never pass it."""
    return and_(published_condition(now, table), table.audience == "public")


def visible_articles(now: datetime | None = None):
    """A select() of the articles the public may see now; every public list starts here."""
    return select(Article).where(visibility_condition(now))


# Reading, public ------------------------------------------------------------------------------

def list_categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def public_listing(category: Category | None = None, bodies: bool = False):
    """Visible articles, pinned first, newest first, with their category (for db.paginate)."""
    query = (visible_articles().options(joinedload(Article.category),
                                        *(() if bodies else no_bodies()))
             .order_by(*LISTING_ORDER))
    if category is not None:
        query = query.where(Article.category_id == category.id)
    return query


COUNT_TTL = 60.0  # seconds a worker trusts its count of visible articles


def visible_count(category: Category | None = None) -> int:
    """How many articles the public sees (in a category), remembered COUNT_TTL seconds.

    Counting 100,000 rows costs more than the rest of a list page, and a page count a
    minute old is harmless. Changes made in this worker forget the counts at once.
    """
    counts = current_app.extensions.setdefault("news_visible_counts", {})
    key = category.id if category is not None else None
    cached = counts.get(key)
    if cached is None or cached[0] < time.monotonic():
        query = select(func.count(Article.id)).where(visibility_condition())
        if category is not None:
            query = query.where(Article.category_id == category.id)
        counts[key] = cached = (time.monotonic() + COUNT_TTL, db.session.scalar(query) or 0)
    return cached[1]


def next_scheduled_change(now: datetime) -> datetime | None:
    """When the next scheduled article becomes visible or a visible one expires (None if
    nothing is waiting): lists, cached pages and the sitemap made now stay true until then."""
    public = and_(Article.status.in_(VISIBLE_STATUSES), Article.audience == "public")
    due = db.session.scalar(select(func.min(Article.publish_at)).where(
        public, Article.publish_at > now))
    ends = db.session.scalar(select(func.min(Article.expires_at)).where(
        public, Article.expires_at > now))
    return min((moment for moment in (due, ends) if moment), default=None)


def forget_counts() -> None:
    """Drop this worker's remembered counts (after a change: portal/news/events.py)."""
    current_app.extensions.pop("news_visible_counts", None)


def can_download_file(stored: StoredFile, user) -> bool:
    """Article files: editors always (drafts, previews); others when an article showing the
    file (as cover, attachment or image in its body) is visible."""
    if getattr(user, "is_authenticated", False) and user.has_role("editor"):
        return True
    # The few articles that show the file first (each by an index), then their visibility:
    # an OR of the three in one WHERE read every visible article.
    showing = union_all(
        select(Article.id).where(Article.cover_image_id == stored.id),
        select(ArticleAttachment.article_id).where(ArticleAttachment.file_id == stored.id),
        select(ArticleImage.article_id).where(ArticleImage.file_id == stored.id))
    query = select(Article.id).where(Article.id.in_(showing), visibility_condition()).limit(1)
    return db.session.scalar(query) is not None


# Reading, staff -------------------------------------------------------------------------------

def staff_listing(category: str = "", status: str = "", language: str = "", q: str = ""):
    """All articles for the CMS list, filtered by allow-listed values (unknown ones ignored)."""
    now = utcnow()
    # Member notices are edited on their own screens (portal/notices/), not in the CMS list.
    query = select(Article).where(Article.kind == "article").options(
        joinedload(Article.category)).order_by(Article.updated_at.desc(), Article.id.desc())
    if as_id(category) is not None:
        query = query.where(Article.category_id == as_id(category))
    if status == "published":
        query = query.where(visibility_condition(now))
    elif status == "scheduled":
        query = query.where(Article.status == "scheduled", Article.publish_at > now)
    elif status in ("draft", "archived"):
        query = query.where(Article.status == status)
    english = and_(func.length(Article.title_en) > 0, func.length(Article.body_en) > 0)
    if language == "complete":
        query = query.where(english)
    elif language == "missing":
        query = query.where(~english)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(Article.title_zh.like(pattern, escape="\\"),
                                Article.title_en.like(pattern, escape="\\")))
    return query


def get_article_for_editing(article_id: int, kind: str = "article") -> Article:
    """The article with its files, for an editor; raises NotFound (notices are `kind`
    "notice": the news CMS never opens one)."""
    article = db.session.scalars(select(Article).where(
        Article.id == article_id, Article.kind == kind).options(
        joinedload(Article.category), joinedload(Article.cover_image),
        selectinload(Article.attachment_links).joinedload(ArticleAttachment.file))).first()
    if article is None:
        raise NotFound()
    return article
