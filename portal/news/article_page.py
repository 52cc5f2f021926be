"""The public article page's data: the article, and its older and newer neighbours in its
category, in one statement (built once per database kind)."""

from __future__ import annotations

from sqlalchemy import bindparam, or_, select, union_all
from sqlalchemy.orm import aliased, joinedload

from portal.database import UTCDateTime, utcnow
from portal.errors import NotFound
from portal.extensions import db
from portal.news.listing import LISTED_COLUMNS, ListedArticle, listed_columns
from portal.news.models import VISIBLE_STATUSES, Article, ArticleAttachment
from portal.news.services import visibility_condition

_statements: dict[tuple, object] = {}


def _neighbour_id(newer: bool, each_pinned: bool):
    """The id of the visible article just before (or after) the page's article in its
    category, by (publish time, id), as a correlated subquery. An older article is visible
    by being older than a visible one; a newer one must be due.

    PostgreSQL seeks ix_articles_category_time once. That index is empty on SQLite (see the
    model), so there `each_pinned` asks once per pinned value, each a seek on
    ix_articles_category_listing, and the nearer of the two wins.
    """
    here, when = Article.id, Article.publish_at
    parts = []
    for pinned in (False, True) if each_pinned else (None,):
        other = aliased(Article, name="other" if pinned is None else f"pinned_{pinned}".lower())
        query = select(other.id.label("id"), other.publish_at.label("publish_at")).where(
            other.status.in_(VISIBLE_STATUSES), other.audience == "public",
            or_(other.expires_at.is_(None),
                other.expires_at > bindparam("now", type_=UTCDateTime)),
            other.category_id == Article.category_id)
        if pinned is not None:
            query = query.where(other.pinned.is_(pinned))
        if newer:
            query = query.where(other.publish_at >= when,
                                other.publish_at <= bindparam("now", type_=UTCDateTime),
                                or_(other.publish_at > when, other.id > here)
                                ).order_by(other.publish_at, other.id)
        else:
            query = query.where(other.publish_at <= when,
                                or_(other.publish_at < when, other.id < here)
                                ).order_by(other.publish_at.desc(), other.id.desc())
        parts.append(query.limit(1).correlate(Article))
    if len(parts) == 1:
        return select(parts[0].subquery().c.id).scalar_subquery()
    both = union_all(*(select(part.subquery()) for part in parts)).subquery()
    order = ((both.c.publish_at, both.c.id) if newer
             else (both.c.publish_at.desc(), both.c.id.desc()))
    return select(both.c.id).order_by(*order).limit(1).scalar_subquery()


def _article_statement():
    """Built once: the visible article with its category, cover and attachments, and the
    list columns of its older and newer neighbours, in one statement."""
    each_pinned = db.engine.dialect.name == "sqlite"
    key = ("article", each_pinned)
    if key not in _statements:
        older, newer = aliased(Article, name="older"), aliased(Article, name="newer")
        _statements[key] = (
            select(Article, *listed_columns(older), *listed_columns(newer))
            .select_from(Article)
            .outerjoin(older, older.id == _neighbour_id(False, each_pinned))
            .outerjoin(newer, newer.id == _neighbour_id(True, each_pinned))
            .where(visibility_condition(bindparam("now", type_=UTCDateTime)),
                   Article.id == bindparam("id"))
            .options(joinedload(Article.category), joinedload(Article.cover_image),
                     joinedload(Article.attachment_links).joinedload(ArticleAttachment.file)))
    return _statements[key]


def public_article(article_id: int) -> tuple[Article, ListedArticle | None, ListedArticle | None]:
    """The visible article, and the (older, newer) visible article of its category, in one
    statement; raises NotFound when the public may not see it."""
    row = db.session.execute(_article_statement(), {"now": utcnow(), "id": article_id}
                             ).unique().first()
    if row is None:
        raise NotFound()
    width = len(LISTED_COLUMNS)
    older, newer = row[1:1 + width], row[1 + width:]
    return (row[0], ListedArticle(*older) if older[0] is not None else None,
            ListedArticle(*newer) if newer[0] is not None else None)


def is_visible(article_id: int) -> bool:
    """Whether the public may see the article now (one indexed look-up)."""
    return db.session.scalar(select(Article.id).where(
        Article.id == article_id, visibility_condition())) is not None
