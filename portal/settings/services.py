"""Reading the site settings record (one query per request, none when unused)."""

from __future__ import annotations

from flask import g

from portal.extensions import db
from portal.settings.models import SiteSettings

SETTINGS_ID = 1


def get_site_settings() -> SiteSettings:
    """The settings row; an unsaved blank one when the database has none yet."""
    if "site_settings" not in g:
        g.site_settings = db.session.get(SiteSettings, SETTINGS_ID) or SiteSettings(
            id=SETTINGS_ID, site_name_zh="会员服务门户", site_name_en="Member Services Portal",
            hotline="", fax="", email="", address_zh="", address_en="", postcode="",
            icp_number="", security_filing_number="",
        )
    return g.site_settings
