"""What each feature contributes beyond its blueprints, and where the app collects it (the
declarations and their manifest reader are portal/manifests.py).

A feature declares itself in a manifest next to its code, `portal/<name>/feature.toml`: its
audit actions with their labels, its menu entries, its public endpoints, its commands, its demo
content, what it puts in the search index, when its public pages change by themselves, the mail
it sends, and a setup hook. create_app() (portal/app.py) reads the manifests of the packages
named in its FEATURES list into `Feature` records and keeps them on the app; everything here
reads them from there, so a new feature is a manifest and one line in that list, not an edit to
ten lists.

A manifest is data, checked as it is read: a key the reader does not know, a missing one or a
value of the wrong type stops create_app() with the file and the key named (`ManifestError`).
Its user-facing strings (labels, sentences, mail kinds) become lazy_gettext strings, translated
when shown; Babel finds them with `extract_messages` (babel.cfg), which reads a manifest as
create_app() does.

References to code are "module:attribute" strings (".models:Article" is relative to the
feature's package), imported when first needed: reading the declarations imports no feature
code, and importing `portal.news.services` from another feature does not pull in the news views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from functools import cache
from importlib import import_module

from flask import current_app

from portal.manifests import (  # noqa: F401  (the records, for the features that make them)
    AuditAction,
    AuditTarget,
    Feature,
    MenuEntry,
)


@cache
def resolve(reference: str):
    """The object a "module:attribute" reference names (a module when there is no ":")."""
    module, _, attribute = reference.partition(":")
    return getattr(import_module(module), attribute) if attribute else import_module(module)


def register_features(app, names: Sequence[str]) -> None:
    """Read each feature's manifest, keep its declaration, and run its setup hook."""
    features = [_declaration(name) for name in names]
    app.extensions["portal.features"] = features
    for feature in features:
        if feature.setup:
            resolve(feature.setup)(app)


@cache
def _declaration(name: str) -> Feature:
    """A feature's manifest, read once a process (the tests make an app for each test)."""
    return Feature.from_manifest(f"portal.{name}")


def features(app=None) -> list[Feature]:
    return (app or current_app).extensions["portal.features"]


def audit_actions() -> dict[str, AuditAction]:
    """Every declared audit action."""
    return {action: declared for f in features() for action, declared in
            f.audit_actions.items()}


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
