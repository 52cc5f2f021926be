"""Study materials (学习资料): categories, materials with their files, and who studied them."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.database import UTCDateTime, utcnow
from portal.enterprises.models import Audience, Enterprise
from portal.extensions import db
from portal.files.models import StoredFile
from portal.i18n import BilingualName

STATUSES = {"draft": _l("Draft"), "published": _l("Published"), "archived": _l("Archived")}


class MaterialText:
    """A material's title and description in a reader's language: the English for an
    English reader when it has an English title, else the Chinese. For Material and for
    the rows that lists read (reading.ListedMaterial: a NamedTuple, which takes these by
    assignment)."""

    @property
    def has_english(self) -> bool:
        return bool(self.title_en.strip())

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.has_english else self.title_zh

    def description(self, language: str) -> str:
        english = language == "en" and self.has_english and self.description_en
        return self.description_en if english else self.description_zh

    def shown_language(self, language: str) -> str:
        return "en" if language == "en" and self.has_english else "zh_CN"


class MaterialCategory(BilingualName, db.Model):
    __tablename__ = "material_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(60), unique=True)
    name_en: Mapped[str] = mapped_column(String(120), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Material(MaterialText, db.Model):
    __tablename__ = "materials"
    __table_args__ = (
        CheckConstraint(f"status IN {tuple(STATUSES)}", name="status"),
        CheckConstraint("status != 'published' OR published_at IS NOT NULL",
                        name="published_at_set"),
        # The member lists: published ones, newest first (then the audience check per row).
        Index("ix_materials_listing", "status", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("material_categories.id"), index=True)
    audience_id: Mapped[int] = mapped_column(ForeignKey("audiences.id"), index=True)
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    description_zh: Mapped[str] = mapped_column(String(1000), default="")
    description_en: Mapped[str] = mapped_column(String(2000), default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    body_en: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    status: Mapped[str] = mapped_column(String(12), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    category: Mapped[MaterialCategory] = relationship()
    audience: Mapped[Audience] = relationship()
    file_links: Mapped[list[MaterialFile]] = relationship(
        back_populates="material", order_by="MaterialFile.position",
        cascade="all, delete-orphan")

    @property
    def files(self) -> list[StoredFile]:
        return [link.file for link in self.file_links]

    def body(self, language: str) -> str:
        return self.body_en if language == "en" and self.has_english and self.body_en else (
            self.body_zh)

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])


class MaterialFile(db.Model):
    __tablename__ = "material_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id", ondelete="CASCADE"),
                                             index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id", ondelete="CASCADE"),
                                         unique=True)
    position: Mapped[int] = mapped_column(default=0)

    material: Mapped[Material] = relationship(back_populates="file_links")
    file: Mapped[StoredFile] = relationship()


class MaterialStudy(db.Model):
    """A member's mark "studied" (已学) on a material."""

    __tablename__ = "material_studies"
    __table_args__ = (
        UniqueConstraint("material_id", "user_id"),
        Index("ix_material_studies_enterprise", "enterprise_id", "material_id"),
        Index("ix_material_studies_user", "user_id", "material_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("materials.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    studied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    enterprise: Mapped[Enterprise] = relationship()


def describe_material(material: Material) -> str:
    return f"《{material.title_zh}》"


def material_link(material: Material) -> tuple[str, dict]:
    return "staff.materials.edit", {"material_id": material.id}
