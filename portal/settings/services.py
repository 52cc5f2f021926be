"""Reading the site settings record, and saving it.

Every page shows the record, so each worker keeps a copy for as long as the content
generation lasts (portal/generation.py); saving bumps the generation, which also retires
cached pages showing the old footer.
"""

from __future__ import annotations

from flask import g

from portal.audit.services import record_event
from portal.database import write_lock
from portal.extensions import db
from portal.generation import bump_generation, content_memo
from portal.settings.models import SiteSettings

SETTINGS_ID = 1
EDITABLE = ("site_name_zh", "site_name_en", "hotline", "fax", "email", "address_zh",
            "address_en", "postcode", "icp_number", "security_filing_number")


def get_site_settings() -> SiteSettings:
    """The settings, as an unsaved copy of the row (read-only: change them with
    update_site_settings); a blank one when the database has none yet."""
    if "site_settings" not in g:
        memo = content_memo("site_settings")
        if "copy" not in memo:
            memo["copy"] = _copy(db.session.get(SiteSettings, SETTINGS_ID))
        g.site_settings = memo["copy"]
    return g.site_settings


def _copy(row: SiteSettings | None) -> SiteSettings:
    if row is None:
        return SiteSettings(
            id=SETTINGS_ID, site_name_zh="会员服务门户", site_name_en="Member Services Portal",
            hotline="", fax="", email="", address_zh="", address_en="", postcode="",
            icp_number="", security_filing_number="",
        )
    return SiteSettings(**{column.key: getattr(row, column.key)
                           for column in SiteSettings.__table__.columns})


def update_site_settings(actor, **fields) -> dict:
    """Save the settings record (created on first save); unknown fields are ignored.

    Bumps the content generation, so every page shows the change at once. Returns the
    changes {field: [old, new]} and records them in the audit log. Admins only (the view checks).
    """
    write_lock()  # the record is read, and created on the first save
    settings = db.session.get(SiteSettings, SETTINGS_ID)
    if settings is None:
        settings = SiteSettings(id=SETTINGS_ID)
        db.session.add(settings)
        db.session.flush()
    changes = {}
    for name in EDITABLE:
        if name in fields and fields[name] is not None and fields[name] != getattr(settings, name):
            changes[name] = [getattr(settings, name), fields[name]]
            setattr(settings, name, fields[name])
    if changes:
        db.session.flush()
        record_event(actor, "settings.updated", settings, changes=changes)
        bump_generation()
    g.pop("site_settings", None)
    return changes
