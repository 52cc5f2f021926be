"""Site settings: the one record behind the header and footer (hotline, address, filings)."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, Feature, MenuEntry

feature = Feature(
    "settings",
    audit_actions={"settings.updated": AuditAction(_l("Site settings changed"), _l(
        "%(actor)s changed the site settings"))},
    staff_menu=[MenuEntry("staff.settings.edit", _l("Site settings"), "admin", order=70)],
    demo="portal.settings.demo:load_demo",
)
