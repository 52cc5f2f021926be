"""Reading the site settings record (one query per request, none when unused), and saving it."""

from __future__ import annotations

from flask import g

from portal.audit.services import record_event
from portal.extensions import db
from portal.settings.models import SiteSettings

SETTINGS_ID = 1
EDITABLE = ("site_name_zh", "site_name_en", "hotline", "fax", "email", "address_zh",
            "address_en", "postcode", "icp_number", "security_filing_number")


def get_site_settings() -> SiteSettings:
    """The settings row; an unsaved blank one when the database has none yet."""
    if "site_settings" not in g:
        g.site_settings = db.session.get(SiteSettings, SETTINGS_ID) or SiteSettings(
            id=SETTINGS_ID, site_name_zh="会员服务门户", site_name_en="Member Services Portal",
            hotline="", fax="", email="", address_zh="", address_en="", postcode="",
            icp_number="", security_filing_number="",
        )
    return g.site_settings


def update_site_settings(actor, **fields) -> dict:
    """Save the settings record (created on first save); unknown fields are ignored.

    Every page reads the record per request, so the footer changes at once. Returns the
    changes {field: [old, new]} and records them in the audit log. Admins only (the view checks).
    """
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
    g.pop("site_settings", None)
    return changes
