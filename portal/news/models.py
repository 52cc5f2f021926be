"""Category, Article, ArticleAttachment, and OldAddress (an old website's address of an
imported article).

An article is visible to the public when it is published, or scheduled and its publish_at
has come: services.visible_articles() is the one place that says so, so a scheduled
article appears at its time without a job having to flip its status.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from portal.accounts.models import User
from portal.database import UTCDateTime, utcnow
from portal.extensions import db
from portal.files.models import StoredFile
from portal.i18n import BilingualName

VISIBLE_STATUSES = ("published", "scheduled")  # scheduled: visible from its publish_at on
# An article of the news CMS, or the text of a member notice (portal/notices/, which edits it).
KINDS = ("article", "notice")
# Who reads it: everyone, or (a member notice not marked public) only its member audience.
AUDIENCES = ("public", "members")
STATUSES = {
    "draft": _l("Draft"),
    "scheduled": _l("Scheduled"),
    "published": _l("Published"),
    "archived": _l("Archived"),
}


class ArticleText:
    """An article's texts in a reader's language: its English version for an English reader
    when it has one (`has_english`: an English title and body), else the Chinese. For Article
    and for ListedText, the rows that lists read."""

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.has_english else self.title_zh

    def summary(self, language: str) -> str:
        return self.summary_en if language == "en" and self.has_english else self.summary_zh

    def shown_language(self, language: str) -> str:
        """The language of the version a reader of `language` gets."""
        return "en" if language == "en" and self.has_english else "zh_CN"


class ListedText(ArticleText):
    """The texts of an article read as a row for a list (news.listing.ListedArticle,
    notices.queries.ListedNotice), without its bodies: body_en_length says whether it has an
    English body. The rows are NamedTuples, which cannot inherit a mixin: they take these
    methods by assignment (title = ListedText.title …)."""

    @property
    def has_english(self) -> bool:  # as Article.has_english without the body loaded
        return bool(self.title_en.strip()) and bool(self.body_en_length)


class Category(BilingualName, db.Model):
    __tablename__ = "news_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Category {self.id} {self.slug}>"


class Article(ArticleText, db.Model):
    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint(f"status IN {tuple(STATUSES)}", name="status"),
        CheckConstraint("status IN ('draft', 'archived') OR publish_at IS NOT NULL",
                        name="publish_at_set"),
        CheckConstraint(f"kind IN {KINDS}", name="kind"),
        CheckConstraint(f"audience IN {AUDIENCES}", name="audience"),
        # The public lists read these in order (pinned first, newest first; the row id ends
        # every index) and check the status on the few rows they read: no sort, whatever
        # the number of articles. Status-first indexes made SQLite sort every visible row.
        Index("ix_articles_listing", "pinned", "publish_at"),
        Index("ix_articles_category_listing", "category_id", "pinned", "publish_at"),
        # Previous/next on the article page (listing.public_article), on PostgreSQL. On
        # SQLite it stays empty (WHERE 0, so never used): SQLite's planner, without
        # statistics, would choose it for the category lists, then sort a whole category.
        Index("ix_articles_category_time", "category_id", "publish_at", "id",
              sqlite_where=text("0")),
        Index("ix_articles_publish_at", "publish_at"),  # feed, sitemap
        Index("ix_articles_updated_at", "updated_at"),  # the CMS list
        Index("ix_articles_cover_image_id", "cover_image_id"),  # services.can_download_file
        # The member notice lists, in list order (portal/notices/queries.py).
        Index("ix_articles_kind_listing", "kind", "pinned", "publish_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("news_categories.id"))
    title_zh: Mapped[str] = mapped_column(String(200))
    summary_zh: Mapped[str] = mapped_column(String(500), default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    title_en: Mapped[str] = mapped_column(String(300), default="")
    summary_en: Mapped[str] = mapped_column(String(1000), default="")
    body_en: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    # Loaded with every row, so lists that leave the bodies out still know the language.
    body_en_length: Mapped[int | None] = column_property(func.length(body_en))
    author: Mapped[str] = mapped_column(String(100), default="")  # usually a department
    source: Mapped[str] = mapped_column(String(100), default="")  # 来源
    # What English readers see instead (the Chinese ones when empty).
    author_en: Mapped[str] = mapped_column(String(200), default="", server_default="")
    source_en: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # The cover image's text alternative, for readers who cannot see it.
    cover_alt_zh: Mapped[str] = mapped_column(String(200), default="", server_default="")
    cover_alt_en: Mapped[str] = mapped_column(String(300), default="", server_default="")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pinned: Mapped[bool] = mapped_column(default=False)
    # Gone from every page from this moment on (None: stays); set for notices.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(10), default="article", server_default="article")
    audience: Mapped[str] = mapped_column(String(10), default="public", server_default="public")
    view_count: Mapped[int] = mapped_column(default=0)
    cover_image_id: Mapped[int | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    category: Mapped[Category] = relationship()
    cover_image: Mapped[StoredFile | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    attachment_links: Mapped[list[ArticleAttachment]] = relationship(
        back_populates="article", order_by="ArticleAttachment.position",
        cascade="all, delete-orphan")
    body_images: Mapped[list[ArticleImage]] = relationship(cascade="all, delete-orphan")

    @property
    def attachments(self) -> list[StoredFile]:
        return [link.file for link in self.attachment_links]

    @property
    def has_english(self) -> bool:
        if not self.title_en.strip():
            return False
        if "body_en" in self.__dict__ or self.body_en_length is None:  # loaded, or unsaved
            return bool(self.body_en.strip())
        return self.body_en_length > 0

    def body(self, language: str) -> str:
        return self.body_en if language == "en" and self.has_english else self.body_zh

    # Author, source and the cover's description are shown to English readers in English
    # when the editor gave an English one, whether or not the article has an English version.
    def shown_author(self, language: str) -> str:
        return self.author_en if language == "en" and self.author_en else self.author

    def shown_source(self, language: str) -> str:
        return self.source_en if language == "en" and self.source_en else self.source

    def cover_alt(self, language: str) -> str:
        return self.cover_alt_en if language == "en" and self.cover_alt_en else self.cover_alt_zh

    def is_published(self, now: datetime | None = None) -> bool:
        """Published and due, not expired: visible to its readers (whoever they are)."""
        now = now or utcnow()
        return (self.status in VISIBLE_STATUSES and self.publish_at is not None
                and self.publish_at <= now and (self.expires_at is None or self.expires_at > now))

    def is_visible(self, now: datetime | None = None) -> bool:
        """The Python twin of services.visibility_condition(): the public may see it."""
        return self.audience == "public" and self.is_published(now)

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])

    @property
    def state(self) -> str:
        """Where it stands for readers now: published, scheduled (not due yet), expired,
        or its status (draft, archived)."""
        now = utcnow()
        if self.status in VISIBLE_STATUSES and self.publish_at is not None:
            if self.expires_at is not None and self.expires_at <= now:
                return "expired"
            return "published" if self.publish_at <= now else "scheduled"
        return self.status

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.status}>"


class ArticleAttachment(db.Model):
    __tablename__ = "article_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(
        ForeignKey("stored_files.id", ondelete="CASCADE"), unique=True)
    position: Mapped[int] = mapped_column(default=0)

    article: Mapped[Article] = relationship(back_populates="attachment_links")
    file: Mapped[StoredFile] = relationship()


class ArticleImage(db.Model):
    """An image in an article's body (a file the editor uploaded into the text): readers may
    download it while the article is visible. Kept in step with the bodies on every save."""

    __tablename__ = "article_images"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    file_id: Mapped[int] = mapped_column(
        ForeignKey("stored_files.id", ondelete="CASCADE"), primary_key=True, index=True)


class OldAddress(db.Model):
    """A path (and query) of the old site; a request for it is sent on to the article.

    Stored as addresses.normalise() gives it: decoded, without scheme and host, no trailing
    slash; looked up only when a request would otherwise answer 404.
    """

    __tablename__ = "old_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(500), unique=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<OldAddress {self.path!r} -> {self.article_id}>"


def describe_article(article: Article, language: str = "zh_CN") -> str:
    """How the audit log names an article: its title in the reader's language, in the quotation
    marks of that language."""
    if language == "en":
        return f"\u201c{article.title_en or article.title_zh}\u201d"
    return f"《{article.title_zh}》"


def article_link(article: Article) -> tuple[str, dict]:
    return "staff.news.edit", {"article_id": article.id}
