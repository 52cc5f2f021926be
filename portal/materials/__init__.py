"""Study materials (学习资料): a library in categories, with files, audiences and the marks of
who studied what."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "materials",
    audit_actions={
        "material.created": _l("Material created"),
        "material.updated": _l("Material edited"),
        "material.published": _l("Material published"),
        "material.unpublished": _l("Material unpublished"),
        "material_category.saved": _l("Material category saved"),
    },
    audit_targets={"Material": AuditTarget("portal.materials.models:Material",
                                           "portal.materials.models:describe_material",
                                           "portal.materials.models:material_link")},
    staff_menu=[MenuEntry("staff.materials.index", _l("Study materials"), "editor", order=24)],
    member_menu=[MenuEntry("members.materials.index", _l("Study materials"), order=20)],
    demo="portal.materials.demo:load_demo",
    search_sources=["portal.materials.indexing"],
    setup="portal.materials.events:setup",
)
