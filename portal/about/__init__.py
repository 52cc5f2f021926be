"""About pages (关于商会, 组织机构, 入会指南 …): staff-written pages in both languages, placed in
the main navigation in the order staff give them."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "about",
    audit_actions={
        "about_page.created": _l("About page created"),
        "about_page.updated": _l("About page changed"),
        "about_page.moved": _l("About page moved in the navigation"),
        "about_page.deleted": _l("About page deleted"),
    },
    audit_targets={"AboutPage": AuditTarget("portal.about.models:AboutPage",
                                            "portal.about.models:describe_page",
                                            "portal.about.models:page_link")},
    staff_menu=[MenuEntry("staff.about.index", _l("About pages"), "editor", order=25)],
    public_endpoints=["about.page"],
    public_menu_sources=["portal.about.services:navigation_entries"],
    sitemap_sources=["portal.about.services:sitemap_entries"],
    demo="portal.about.demo:load_demo",
)
