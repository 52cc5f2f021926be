"""Full-text search over the portal's content: a generic index of documents and /search."""

from flask_babel import lazy_gettext as _l

from portal.features import Feature, MenuEntry

feature = Feature(
    "search",
    public_menu=[MenuEntry("search.index", _l("Search"), order=30)],
    public_endpoints=["search.index"],
    commands=["portal.search.cli:search_cli"],
)
