"""Site settings: the one record behind the header and footer (hotline, address, filings)."""

from flask_babel import lazy_gettext as _l

from portal.features import Feature, MenuEntry

feature = Feature(
    "settings",
    audit_actions={"settings.updated": _l("Site settings changed")},
    staff_menu=[MenuEntry("staff.settings.edit", _l("Site settings"), "admin", order=70)],
    demo="portal.settings.demo:load_demo",
)
