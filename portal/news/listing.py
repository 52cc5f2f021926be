"""What the public lists read: plain rows rather than ORM objects, from statements built once.

A list page shows 20-40 articles. Loading them as ORM objects (with their category joined
in) and building the select() anew for each request cost more than the rest of the page's
data work, so lists read ListedArticle rows (the few columns a list shows) through
statements built once, with the clock, category, limit and offset as parameters. The
categories are few and change rarely: each worker keeps them (as CategoryInfo) until the
content generation changes, and any change to a category bumps it.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import bindparam, event, select, union_all

from portal.database import UTCDateTime, utcnow
from portal.errors import NotFound
from portal.extensions import db
from portal.files.models import StoredFile
from portal.generation import bump_generation, content_memo
from portal.i18n import BilingualName
from portal.news.models import Article, Category, ListedText
from portal.news.services import LISTING_ORDER, visibility_condition, visible_count


class CategoryInfo(NamedTuple):
    id: int
    slug: str
    name_zh: str
    name_en: str

    display_name = BilingualName.display_name  # (a NamedTuple takes a mixin's methods so)


class Cover(NamedTuple):
    id: int
    original_name: str
    alt_zh: str = ""
    alt_en: str = ""

    def alt(self, language: str) -> str:
        """The cover's description for a reader of `language` (Article.cover_alt)."""
        return self.alt_en if language == "en" and self.alt_en else self.alt_zh


class ListedArticle(NamedTuple):
    """An article as a list shows it (no bodies; body_en_length tells whether English exists)."""

    id: int
    category_id: int
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    body_en_length: int | None
    pinned: bool
    publish_at: datetime
    cover: Cover | None = None  # read by the list pages and the home page only

    has_english = ListedText.has_english
    title = ListedText.title
    summary = ListedText.summary
    shown_language = ListedText.shown_language


class Headline(NamedTuple):
    """The home page's pinned headline: a listed article with its category and cover."""

    article: ListedArticle
    category: CategoryInfo
    cover_image: Cover | None

    @property
    def id(self) -> int:
        return self.article.id

    @property
    def publish_at(self) -> datetime:
        return self.article.publish_at

    def title(self, language: str) -> str:
        return self.article.title(language)

    def summary(self, language: str) -> str:
        return self.article.summary(language)

    def shown_language(self, language: str) -> str:
        return self.article.shown_language(language)


def listed_columns(table=Article) -> tuple:
    """The columns of a ListedArticle, of Article or of an alias of it."""
    return (table.id, table.category_id, table.title_zh, table.title_en, table.summary_zh,
            table.summary_en, table.body_en_length, table.pinned, table.publish_at)


LISTED_COLUMNS = listed_columns()
_statements: dict[tuple, object] = {}


def _rows(statement, **params) -> list[ListedArticle]:
    """Run a list statement (the listed columns, then the cover's id and name) as plain
    rows (no ORM loading)."""
    result = db.session.connection().execute(statement, {"now": utcnow(), **params})
    width = len(LISTED_COLUMNS)
    return [ListedArticle(*row[:width], cover=Cover(*row[width:]) if row[width] else None)
            for row in result]


# Categories ------------------------------------------------------------------------------------

def public_categories() -> list[CategoryInfo]:
    """Every category in display order (kept by this worker until the next bump)."""
    memo = content_memo("news_categories")
    if "list" not in memo:
        memo["list"] = [CategoryInfo(c.id, c.slug, c.name_zh, c.name_en) for c in
                        db.session.scalars(select(Category).order_by(Category.position,
                                                                     Category.id))]
    return memo["list"]


def category_names(language: str) -> dict[int, str]:
    return {c.id: c.display_name(language) for c in public_categories()}


def public_category(slug: str) -> CategoryInfo:
    """The category with this slug; raises NotFound."""
    for category in public_categories():
        if category.slug == slug:
            return category
    raise NotFound()


@event.listens_for(Category, "after_insert")
@event.listens_for(Category, "after_update")
@event.listens_for(Category, "after_delete")
def _category_changed(mapper, connection, target) -> None:
    bump_generation()


# Pages of a list -------------------------------------------------------------------------------

def _page_statement(by_category: bool):
    key = ("page", by_category)
    if key not in _statements:
        query = (select(*LISTED_COLUMNS, StoredFile.id, StoredFile.original_name)
                 .outerjoin(StoredFile, StoredFile.id == Article.cover_image_id)
                 .where(visibility_condition(bindparam("now", type_=UTCDateTime))))
        if by_category:
            query = query.where(Article.category_id == bindparam("category"))
        _statements[key] = (query.order_by(*LISTING_ORDER)
                            .limit(bindparam("limit")).offset(bindparam("offset")))
    return _statements[key]


class ListPage(Pagination):
    """One page of a public list: items are ListedArticle rows; the total is given."""

    def _query_items(self) -> list[ListedArticle]:
        category = self._query_args["category"]
        params = {"limit": self.per_page, "offset": self._query_offset}
        if category is not None:
            params["category"] = category.id
        return _rows(_page_statement(category is not None), **params)

    def _query_count(self) -> int:
        return self._query_args["total"]


def public_page(category: CategoryInfo | None, page: int, per_page: int) -> ListPage:
    """One page of the visible articles (of a category), pinned first, newest first; a page
    past the end shows the last one."""
    total = visible_count(category)
    last = max(1, -(-total // per_page))
    return ListPage(page=min(max(page, 1), last), per_page=per_page, max_per_page=None,
                    error_out=False, category=category, total=total)


# The home page ---------------------------------------------------------------------------------

NOTICES_SLUG = "notices"  # the 通知公告 category: a box of its own on the home page
HOME_PER_CATEGORY = 6


def _home_statement(category_ids: tuple[int, ...], per_category: int):
    """ONE statement for the whole home page, built once per set of categories: a UNION of
    small index-ordered selects (the newest of each category, and the newest pinned
    article of all for the headline), with the cover image of each row."""
    key = ("home", category_ids, per_category)
    if key not in _statements:
        now = bindparam("now", type_=UTCDateTime)
        newest_pinned = (select(Article.id).where(visibility_condition(now),
                                                  Article.pinned.is_(True))
                         .order_by(Article.publish_at.desc(), Article.id.desc()).limit(1))
        parts = [select(newest_pinned.subquery().c.id)]
        for category_id in category_ids:
            inner = (select(Article.id).where(visibility_condition(now),
                                              Article.category_id == category_id)
                     .order_by(*LISTING_ORDER).limit(per_category).subquery())
            parts.append(select(inner.c.id))
        if len(_statements) > 100:
            _statements.clear()
        _statements[key] = (
            select(*LISTED_COLUMNS, StoredFile.id, StoredFile.original_name,
                   Article.cover_alt_zh, Article.cover_alt_en)
            .outerjoin(StoredFile, StoredFile.id == Article.cover_image_id)
            .where(Article.id.in_(union_all(*parts))).order_by(*LISTING_ORDER))
    return _statements[key]


def latest_per_category(categories, per_category: int
                        ) -> tuple[dict[int, list[ListedArticle]], Headline | None]:
    """The newest visible articles of each category, and the headline (the newest visible
    pinned article, with its cover), in ONE statement whatever the number of categories or
    articles."""
    grouped: dict[int, list[ListedArticle]] = {c.id: [] for c in categories}
    if not categories:
        return grouped, None
    by_id = {c.id: c for c in categories}
    statement = _home_statement(tuple(by_id), per_category)
    width = len(LISTED_COLUMNS)
    top = None
    for row in db.session.connection().execute(statement, {"now": utcnow()}):
        article = ListedArticle(*row[:width], cover=Cover(*row[width:]) if row[width] else None)
        rows = grouped.get(article.category_id)
        # The headline's row is also its category's first (pinned sort first there), unless
        # the category is not listed; rows beyond per_category cannot occur otherwise.
        if rows is not None and len(rows) < per_category:
            rows.append(article)
        if article.pinned and (top is None or (article.publish_at, article.id)
                               > (top[0].publish_at, top[0].id)):
            top = (article, row[width:])
    if top is None or top[0].category_id not in by_id:
        return grouped, None
    article, cover = top
    return grouped, Headline(article, by_id[article.category_id],
                             Cover(*cover) if cover[0] else None)


def home_sections() -> dict:
    """What the home page shows, in one statement whatever the number of articles (the
    categories are kept): the pinned headline, and the newest articles of every category
    but the headline (one more is read, so its category still shows HOME_PER_CATEGORY)."""
    categories = public_categories()
    latest, top = latest_per_category(categories, HOME_PER_CATEGORY + 1)
    for category_id, rows in latest.items():
        latest[category_id] = [row for row in rows if top is None or row.id != top.id
                               ][:HOME_PER_CATEGORY]
    notices = next((c for c in categories if c.slug == NOTICES_SLUG), None)
    return {
        "headline": top,
        "sections": [(c, latest[c.id]) for c in categories if c is not notices and latest[c.id]],
        "notices": latest[notices.id] if notices else [],
        "notices_category": notices,
    }
