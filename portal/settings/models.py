"""SiteSettings, a single row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class SiteSettings(db.Model):
    __tablename__ = "site_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_name_zh: Mapped[str] = mapped_column(String(100), default="会员服务门户")
    site_name_en: Mapped[str] = mapped_column(String(200), default="Member Services Portal")
    hotline: Mapped[str] = mapped_column(String(40), default="")
    fax: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    address_zh: Mapped[str] = mapped_column(String(200), default="")
    address_en: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(12), default="")
    icp_number: Mapped[str] = mapped_column(String(60), default="")
    security_filing_number: Mapped[str] = mapped_column(String(60), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def site_name(self, language: str) -> str:
        return self.site_name_en if language == "en" and self.site_name_en else self.site_name_zh

    def address(self, language: str) -> str:
        return self.address_en if language == "en" and self.address_en else self.address_zh
