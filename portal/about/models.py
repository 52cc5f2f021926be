"""AboutPage: one page of the chamber's own (关于商会, 组织机构, 入会指南 …) in both languages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class AboutPage(db.Model):
    __tablename__ = "about_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)  # /about/<slug>
    title_zh: Mapped[str] = mapped_column(String(60))
    title_en: Mapped[str] = mapped_column(String(120), default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    body_en: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    position: Mapped[int] = mapped_column(default=0)  # order in the main navigation
    in_navigation: Mapped[bool] = mapped_column(default=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def has_english(self) -> bool:
        return bool(self.title_en.strip()) and bool(self.body_en.strip())

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.has_english else self.title_zh

    def body(self, language: str) -> str:
        return self.body_en if language == "en" and self.has_english else self.body_zh

    def shown_language(self, language: str) -> str:
        return "en" if language == "en" and self.has_english else "zh_CN"

    def __repr__(self) -> str:
        return f"<AboutPage {self.id} {self.slug}>"


def describe_page(page: AboutPage) -> str:
    """How the audit log names an about page: its Chinese title."""
    return f"《{page.title_zh}》"


def page_link(page: AboutPage) -> tuple[str, dict]:
    return "staff.about.edit", {"page_id": page.id}
