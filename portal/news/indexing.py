"""Articles in the search index: what an article contributes (and a member notice's text:
text_documents(), re-exported by news.services).

index_article() runs on every change (portal/news/events.py), in the change's transaction;
`flask --app portal search reindex` reads count_indexable() and all_documents().
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app
from markupsafe import Markup
from sqlalchemy import select

from portal.extensions import db
from portal.news.models import VISIBLE_STATUSES, Article, Category
from portal.search.services import Document, replace_documents

KIND = "article"
INDEXED_STATUSES = VISIBLE_STATUSES  # scheduled ones are found from publish_at on


def article_path(article_id: int) -> str:
    """The article's address, also outside a request (the reindex command)."""
    return current_app.url_map.bind("localhost").build("news.detail", {"article_id": article_id})


def _plain(*parts: str) -> str:
    return " ".join(Markup(part or "").striptags() for part in parts).strip()


def article_documents(article: Article) -> list[Document]:
    """The article's searchable versions: Chinese always, English when it has one."""
    if (article.status not in INDEXED_STATUSES or article.publish_at is None
            or article.audience != "public" or not _before_expiry(article)):
        return []  # a member notice indexes itself (portal/notices/indexing.py)
    return text_documents(article, kind=KIND, object_id=article.id,
                          url=article_path(article.id), published_at=article.publish_at,
                          audience="public")


def text_documents(article: Article, **common) -> list[Document]:
    """The documents of an article's text (a news article's, or a member notice's): Chinese
    always (what an English search finds when there is no English version), English when it
    has one. `common`: what both documents say besides (kind, object_id, url, published_at,
    audience, readers)."""
    docs = [Document(language="zh_CN", title=article.title_zh, fallback=not article.has_english,
                     body=_plain(article.summary_zh, article.body_zh), **common)]
    if article.has_english:
        docs.append(Document(language="en", title=article.title_en,
                             body=_plain(article.summary_en, article.body_en), **common))
    return docs


def describe(article_ids: list[int], language: str) -> dict[int, str]:
    """The category of each article, for search results (one query)."""
    names = {c.id: c.display_name(language) for c in db.session.scalars(select(Category))}
    rows = db.session.execute(select(Article.id, Article.category_id).where(
        Article.id.in_(article_ids)))
    return {article_id: names.get(category_id, "") for article_id, category_id in rows}


def _before_expiry(article: Article) -> bool:
    from portal.database import utcnow

    return article.expires_at is None or article.expires_at > utcnow()


def index_article(article: Article) -> None:
    """Bring the index in line with the article as it now stands (flushes, never commits)."""
    replace_documents(KIND, article.id, article_documents(article))


def count_indexable() -> int:
    from sqlalchemy import func

    return db.session.scalar(select(func.count(Article.id)).where(
        Article.status.in_(INDEXED_STATUSES), Article.publish_at.is_not(None),
        Article.audience == "public"))


def all_documents(batch: int = 1000) -> Iterator[list[Document]]:
    """Every indexable article's documents, a batch of articles at a time (reindexing).

    Batches are separate queries (keyset on id), so the caller may empty the session
    between them.
    """
    last = 0
    while True:
        articles = list(db.session.scalars(
            select(Article).where(Article.status.in_(INDEXED_STATUSES),
                                  Article.publish_at.is_not(None), Article.audience == "public",
                                  Article.id > last)
            .order_by(Article.id).limit(batch)))
        if not articles:
            return
        last = articles[-1].id
        yield [doc for article in articles for doc in article_documents(article)]
