"""What each feature contributes beyond its blueprints, and where the app collects it.

A feature package declares one `feature = Feature(...)` in its `__init__.py`: its audit
actions with their labels, its staff-menu entries, its public endpoints, its commands, its
demo content, what it puts in the search index, when its public pages change by themselves,
and a setup hook. create_app() (portal/app.py) imports the packages named in its FEATURES
list and keeps their declarations on the app; everything here reads them from there, so a
new feature is one line in that list, not an edit to ten lists.

References to code are "module:attribute" strings, imported when first needed, so that a
feature's `__init__` stays light: importing `portal.news.services` from another feature does
not pull in the news views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import import_module

from flask import current_app


@dataclass(frozen=True)
class MenuEntry:
    """A link in an area's navigation; shown once its endpoint exists and the user may use it.

    role: the staff role needed (None: any staff user); order: position, smallest first;
    badge: "module:function"(user) -> a short text shown beside the label (a count), or None.
    """

    endpoint: str
    label: object  # a lazy string
    role: str | None = None
    order: int = 100
    badge: str | None = None


@dataclass(frozen=True)
class AuditAction:
    """How the audit log shows one action: a short label (the action filter, the Excel
    download) and a sentence saying who did what to what.

    sentence: a lazy string with the placeholders %(actor)s (who acted: a name, or "someone")
    and %(target)s (the object as its feature names it), e.g. "%(actor)s published the article
    %(target)s"; either may be left out. kind: a group the log can filter on ("security" for
    refusals and failures worth a look); empty for ordinary work.
    """

    label: object  # a lazy string
    sentence: object | None = None  # a lazy string; None: "%(actor)s: <label> %(target)s"
    kind: str = ""


# The groups of actions the audit log filters on (AuditAction.kind).
AUDIT_KINDS = ("security",)


@dataclass(frozen=True)
class AuditTarget:
    """How the audit log names (and links to) a recorded event's target of this type."""

    model: str  # "module:Class"
    name: str  # "module:function" (object, language) -> str, in the reader's language
    link: str | None = None  # "module:function" (object) -> endpoint kwargs dict, or None
    label: object = ""  # a lazy plural noun for the object filter ("Articles")


@dataclass(frozen=True)
class Feature:
    name: str
    # action -> AuditAction (or a bare lazy label, shown in a generic sentence)
    audit_actions: Mapping[str, AuditAction | object] = field(default_factory=dict)
    audit_targets: Mapping[str, AuditTarget] = field(default_factory=dict)  # type name ->
    staff_menu: Sequence[MenuEntry] = ()
    member_menu: Sequence[MenuEntry] = ()
    public_menu: Sequence[MenuEntry] = ()
    # "module:function"(language) -> [(endpoint, label, url values)]: main-navigation
    # entries made from content (placed after Home, in the order given)
    public_menu_sources: Sequence[str] = ()
    public_endpoints: Sequence[str] = ()  # reachable by anyone: listed on purpose
    # "module:function"() -> [(endpoint, url values)]: pages of the feature for the sitemap
    sitemap_sources: Sequence[str] = ()
    commands: Sequence[str] = ()  # "module:click_command"
    demo: str | None = None  # "module:function"() loading the feature's demo content
    search_sources: Sequence[str] = ()  # modules with count_indexable() and all_documents()
    # "module:function"(now) -> the next moment its public pages change by themselves, or None
    expiry_sources: Sequence[str] = ()
    setup: str | None = None  # "module:function"(app), run once by create_app()
    mail_kinds: Mapping[str, object] = field(default_factory=dict)  # mail template -> label


@cache
def resolve(reference: str):
    """The object a "module:attribute" reference names (a module when there is no ":")."""
    module, _, attribute = reference.partition(":")
    return getattr(import_module(module), attribute) if attribute else import_module(module)


def register_features(app, names: Sequence[str]) -> None:
    """Import each feature package, keep its declaration, and run its setup hook."""
    features = [import_module(f"portal.{name}").feature for name in names]
    app.extensions["portal.features"] = features
    for feature in features:
        if feature.setup:
            resolve(feature.setup)(app)


def features(app=None) -> list[Feature]:
    return (app or current_app).extensions["portal.features"]


def audit_actions() -> dict[str, AuditAction]:
    """Every declared audit action, a bare label made into an AuditAction."""
    return {action: (declared if isinstance(declared, AuditAction) else AuditAction(declared))
            for f in features() for action, declared in f.audit_actions.items()}


def audit_labels() -> dict[str, object]:
    """Every declared audit action and its (lazy) label."""
    return {action: declared.label for action, declared in audit_actions().items()}


def mail_kinds() -> dict[str, object]:
    """Every feature's mail templates and their (lazy) labels, for the mail log."""
    return {name: label for f in features() for name, label in f.mail_kinds.items()}


def audit_targets() -> dict[str, AuditTarget]:
    return {type_name: target for f in features() for type_name, target in
            f.audit_targets.items()}


def menu(area: str) -> list[MenuEntry]:
    """The entries of an area's menu ("staff", "member" or "public"), in order."""
    entries = [entry for f in features() for entry in getattr(f, f"{area}_menu")]
    return sorted(entries, key=lambda entry: entry.order)


def public_endpoints(app=None) -> set[str]:
    return {endpoint for f in features(app) for endpoint in f.public_endpoints}


def each(attribute: str, app=None) -> Iterator:
    """The objects named by every feature's references in `attribute` (a sequence)."""
    for f in features(app):
        for reference in getattr(f, attribute):
            yield resolve(reference)


def demo_loaders() -> list[Callable[[], None]]:
    return [resolve(f.demo) for f in features() if f.demo]


def next_change(now: datetime) -> datetime | None:
    """The earliest moment at which some feature's public pages change by themselves."""
    moments = [moment for source in each("expiry_sources") if (moment := source(now))]
    return min(moments, default=None)
