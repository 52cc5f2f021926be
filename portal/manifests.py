"""What a feature declares (`Feature` and its records: menu entries, audit actions and
targets) and how its manifest, `portal/<name>/feature.toml`, is read into one: checked as it
is read (`ManifestError` names the file and the key), user-facing strings made lazy strings,
and Babel's extractor for the same strings (`extract_messages`, babel.cfg). What the app does
with the declarations is portal/features.py.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from importlib import resources
from typing import IO, NoReturn

from flask_babel import lazy_gettext


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
    """A feature's declarations, as its manifest states them (`Feature.from_manifest`)."""

    name: str  # its package's: portal/<name>/
    audit_actions: Mapping[str, AuditAction] = field(default_factory=dict)  # action ->
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

    @classmethod
    def from_manifest(cls, package: str) -> Feature:
        """The feature that the package ("portal.news") declares in its feature.toml."""
        path = resources.files(package) / MANIFEST
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ManifestError(f"{path}: no such file: every feature declares itself in its "
                                f"{MANIFEST}") from None
        return read_manifest(text, package, str(path), lazy_gettext)


MANIFEST = "feature.toml"

# What a manifest holds, key by key: "text" (user-facing, read as a lazy string), "ref" (a
# "module:attribute" reference; ".x:y" is relative to the feature's package), "str", "int",
# "kind" (one of AUDIT_KINDS), a record (a table of the fields _RECORDS lists for it),
# ("list", x): a list of x, ("table", x): a table of names to x. Feature's fields, exactly.
_MANIFEST = {
    "audit_actions": ("table", AuditAction),  # an action is a table, or a bare label
    "audit_targets": ("table", AuditTarget),
    "staff_menu": ("list", MenuEntry),
    "member_menu": ("list", MenuEntry),
    "public_menu": ("list", MenuEntry),
    "public_menu_sources": ("list", "ref"),
    "public_endpoints": ("list", "str"),
    "sitemap_sources": ("list", "ref"),
    "commands": ("list", "ref"),
    "demo": "ref",
    "search_sources": ("list", "ref"),
    "expiry_sources": ("list", "ref"),
    "setup": "ref",
    "mail_kinds": ("table", "text"),
}
_RECORDS = {
    MenuEntry: {"endpoint": "str", "label": "text", "role": "str", "order": "int",
                "badge": "ref"},
    AuditAction: {"label": "text", "sentence": "text", "kind": "kind"},
    AuditTarget: {"model": "ref", "name": "ref", "link": "ref", "label": "text"},
}
_REFERENCE = re.compile(r"\.?[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?")


class ManifestError(ValueError):
    """A feature manifest that cannot be read; the message names the file and the key."""


def read_manifest(text: str, package: str, source: str,
                  translate: Callable[[str], object]) -> Feature:
    """The Feature a manifest's text declares; `translate` makes each user-facing string
    (lazy_gettext, or a collector for Babel). source: the file, named in every error."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{source}: not TOML: {error}") from None
    reader = _ManifestReader(source, package, translate)
    return Feature(package.rpartition(".")[2], **reader.table(_MANIFEST, data, "", ()))


class _ManifestReader:
    """Reads a parsed manifest's values by the kinds of _MANIFEST, failing on the first
    value that is not what its key holds."""

    def __init__(self, source: str, package: str, translate: Callable[[str], object]):
        self.source, self.package, self.translate = source, package, translate

    def fail(self, where: str, problem: str) -> NoReturn:
        raise ManifestError(f"{self.source}: {where or 'the manifest'}: {problem}")

    def table(self, kinds: Mapping[str, object], value: object, where: str,
              required: Sequence[str]) -> dict:
        """A table with the keys `kinds` lists (those in `required` present), read."""
        if not isinstance(value, dict):
            self.fail(where, "expected a table")
        for key in value:
            if key not in kinds:
                self.fail(where, f"unknown key {key!r} (known: {', '.join(kinds)})")
        for key in required:
            if key not in value:
                self.fail(where, f"{key!r} is missing")
        return {key: self.value(kinds[key], item, _path(where, key))
                for key, item in value.items()}

    def value(self, kind: object, value: object, where: str) -> object:
        """The value at `where`, read as its kind (_MANIFEST) says."""
        if isinstance(kind, tuple):
            shape, item_kind = kind
            if shape == "list":
                if not isinstance(value, list):
                    self.fail(where, "expected a list")
                return tuple(self.value(item_kind, item, f"{where}[{index}]")
                             for index, item in enumerate(value))
            if not isinstance(value, dict):
                self.fail(where, "expected a table")
            return {key: self.value(item_kind, item, _path(where, key))
                    for key, item in value.items()}
        if kind in _RECORDS:
            if kind is AuditAction and isinstance(value, str):
                value = {"label": value}  # a bare label, shown in a generic sentence
            required = [f.name for f in fields(kind)
                        if f.default is MISSING and f.default_factory is MISSING]
            return kind(**self.table(_RECORDS[kind], value, where, required))
        if kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(where, "expected a whole number")
            return value
        if not isinstance(value, str) or not value:
            self.fail(where, "expected a string, not empty")
        if kind == "text":
            return self.translate(value)
        if kind == "ref":
            if not _REFERENCE.fullmatch(value):
                self.fail(where, f"{value!r} is not a \"module:attribute\" reference")
            return self.package + value if value.startswith(".") else value
        if kind == "kind" and value not in AUDIT_KINDS:
            self.fail(where, f"{value!r} is not one of {', '.join(AUDIT_KINDS)}")
        return value


def _path(where: str, key: str) -> str:
    """Where a key stands, as TOML writes it ('audit_actions."login.failed".kind')."""
    key = key if re.fullmatch(r"[\w-]+", key, re.ASCII) else f'"{key}"'
    return f"{where}.{key}" if where else key


# The strings of a TOML file, and its comments (so that a quote in a comment is no string).
_TOML_STRING = re.compile(r"""
    \#[^\n]*                     # a comment
  | "{3} (?:\\.|[^\\])*? "{3}    # a multi-line basic string
  | '{3} .*? '{3}                # a multi-line literal string
  | " (?:\\.|[^"\\\n])* "        # a basic string
  | ' [^'\n]* '                  # a literal string
""", re.DOTALL | re.VERBOSE)


def extract_messages(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel's extractor for feature manifests (babel.cfg: `[feature_manifest: …]`).

    Yields (line, None, message, []) for each user-facing string, found by reading the
    manifest as create_app() does; its line is that of the first string in the file with its
    value not yet given (a label used twice is given at both places).
    """
    text = fileobj.read().decode("utf-8")
    messages: list[str] = []

    def collect(message: str) -> str:
        messages.append(message)
        return message

    read_manifest(text, "manifest", getattr(fileobj, "name", MANIFEST), collect)
    strings = [(text.count("\n", 0, match.start()) + 1, tomllib.loads(f"s = {match[0]}")["s"])
               for match in _TOML_STRING.finditer(text) if not match[0].startswith("#")]
    for message in messages:
        index = next((i for i, (_, value) in enumerate(strings) if value == message), None)
        # (A string written in a way _TOML_STRING does not know is still given, at line 1.)
        yield (strings.pop(index)[0] if index is not None else 1), None, message, []
