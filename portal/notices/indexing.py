"""Member notices in the search index: a notice not marked public is a "members" document
whose readers are its audience's tags, so a search finds it only for the enterprises that
may read it (a public notice is found as its public article: portal/news/indexing.py)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app
from sqlalchemy import func, select

from portal.database import utcnow
from portal.extensions import db
from portal.news.models import VISIBLE_STATUSES, Article
from portal.news.services import text_documents
from portal.search.services import Document, replace_documents

KIND = "notice"


def notice_path(notice_id: int) -> str:
    return current_app.url_map.bind("localhost").build("members.notices.detail",
                                                       {"notice_id": notice_id})


def notice_documents(notice) -> list[Document]:
    article = notice.article
    if (article.status not in VISIBLE_STATUSES or article.publish_at is None
            or article.audience == "public"
            or (article.expires_at is not None and article.expires_at <= utcnow())):
        return []
    return text_documents(article, kind=KIND, object_id=notice.id, url=notice_path(notice.id),
                          published_at=article.publish_at, audience="members",
                          readers=notice.audience.tag_names)


def index_notice(notice) -> None:
    """Bring the index in line with the notice (flushes, never commits)."""
    replace_documents(KIND, notice.id, notice_documents(notice))


def _indexable():
    from portal.notices.models import Notice

    return select(Notice).join(Notice.article).where(
        Article.status.in_(VISIBLE_STATUSES), Article.publish_at.is_not(None),
        Article.audience == "members")


def count_indexable() -> int:
    return db.session.scalar(select(func.count()).select_from(_indexable().subquery())) or 0


def all_documents(batch: int = 1000) -> Iterator[list]:
    from portal.notices.models import Notice

    last = 0
    while True:
        notices = list(db.session.scalars(_indexable().where(Notice.id > last)
                                          .order_by(Notice.id).limit(batch)))
        if not notices:
            return
        last = notices[-1].id
        yield [doc for notice in notices for doc in notice_documents(notice)]
