"""Feature manifests (portal/<feature>/feature.toml): read and checked at start-up, their
user-facing strings lazy and translated, and found by Babel (babel.cfg)."""

from __future__ import annotations

import sys
from dataclasses import fields
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract
from flask_babel import force_locale

import portal
from portal import app as portal_app
from portal import create_app
from portal.manifests import (
    _MANIFEST,
    _RECORDS,
    AuditAction,
    Feature,
    ManifestError,
    MenuEntry,
    read_manifest,
)

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "portal/example/feature.toml"


def read(text: str) -> Feature:
    return read_manifest(text, "portal.example", SOURCE, str)


def test_the_manifest_keys_are_the_declarations_fields():
    assert list(_MANIFEST) == [f.name for f in fields(Feature) if f.name != "name"]
    for record, kinds in _RECORDS.items():
        assert list(kinds) == [f.name for f in fields(record)]


def test_a_manifest_reads_into_a_feature():
    feature = read('''
        commands = [".cli:things_command", "portal.other.cli:command"]
        setup = ".events:setup"
        search_sources = [".indexing"]

        [audit_actions]
        "thing.created" = "Thing created"

        [audit_actions."thing.refused"]
        label = "Thing refused"
        sentence = "%(actor)s was refused %(target)s"
        kind = "security"

        [[staff_menu]]
        endpoint = "staff.things.index"
        label = "Things"
        role = "admin"
        order = 30
        badge = ".queries:badge"

        [mail_kinds]
        thing_reminder = "Thing reminder"
    ''')
    assert feature.name == "example"
    assert feature.commands == ("portal.example.cli:things_command", "portal.other.cli:command")
    assert feature.setup == "portal.example.events:setup"
    assert feature.search_sources == ("portal.example.indexing",)
    assert feature.audit_actions == {
        "thing.created": AuditAction("Thing created"),
        "thing.refused": AuditAction("Thing refused", "%(actor)s was refused %(target)s",
                                     "security"),
    }
    assert feature.staff_menu == (MenuEntry("staff.things.index", "Things", "admin", 30,
                                            "portal.example.queries:badge"),)
    assert feature.member_menu == () and feature.demo is None
    assert feature.mail_kinds == {"thing_reminder": "Thing reminder"}


@pytest.mark.parametrize("text, problem", [
    ("staf_menu = []", "the manifest: unknown key 'staf_menu'"),
    ('[[staff_menu]]\nendpoint = "staff.x.index"\nlabel = "X"\nordre = 3',
     "staff_menu[0]: unknown key 'ordre'"),
    ('[[staff_menu]]\nendpoint = "staff.x.index"', "staff_menu[0]: 'label' is missing"),
    ('[[staff_menu]]\nendpoint = "staff.x.index"\nlabel = "X"\norder = "3"',
     "staff_menu[0].order: expected a whole number"),
    ('commands = ".cli:command"', "commands: expected a list"),
    ('demo = "the demo"', "demo: 'the demo' is not a \"module:attribute\" reference"),
    ('[audit_actions."x.y"]\nlabel = "X"\nkind = "secret"',
     'audit_actions."x.y".kind: \'secret\' is not one of security'),
    ('[audit_actions]\n"x.y" = ""', 'audit_actions."x.y".label: expected a string, not empty'),
    ('[audit_targets.Thing]\nmodel = ".models:Thing"', "audit_targets.Thing: 'name' is missing"),
    ("[mail_kinds]\nreminder = 3", "mail_kinds.reminder: expected a string"),
    ('demo = ".demo:load_demo', "not TOML"),
])
def test_a_wrong_manifest_fails_naming_the_file_and_the_key(text, problem):
    with pytest.raises(ManifestError) as raised:
        read(text)
    assert str(raised.value).startswith(f"{SOURCE}: ")
    assert problem in str(raised.value)


@pytest.fixture
def extra_feature(tmp_path, monkeypatch):
    """A feature package `portal.extra` in a temporary folder; write its manifest."""
    package = tmp_path / "extra"
    package.mkdir()
    (package / "__init__.py").write_text('"""A feature for a test."""\n')
    monkeypatch.setattr(portal, "__path__", [*portal.__path__, str(tmp_path)])
    monkeypatch.setattr(portal_app, "FEATURES", (*portal_app.FEATURES, "extra"))
    yield package / "feature.toml"
    sys.modules.pop("portal.extra", None)


def test_the_app_does_not_start_with_a_wrong_manifest(extra_feature):
    extra_feature.write_text('[[staff_menu]]\nendpoint = "staff.extra.index"\nlable = "Extra"\n')
    with pytest.raises(ManifestError, match=r"extra/feature\.toml: staff_menu\[0\]: unknown "
                                            r"key 'lable'"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_app_does_not_start_with_a_feature_without_a_manifest(extra_feature):
    with pytest.raises(ManifestError, match=r"extra/feature\.toml: no such file"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_a_feature_manifest_is_read_with_lazy_strings(app):
    news = Feature.from_manifest("portal.news")
    accounts = Feature.from_manifest("portal.accounts")
    with app.test_request_context():
        with force_locale("en"):
            english = (str(news.staff_menu[0].label), str(accounts.audit_targets["User"].label),
                       str(accounts.mail_kinds["password_changed"]))
        with force_locale("zh_CN"):
            chinese = (str(news.staff_menu[0].label), str(accounts.audit_targets["User"].label),
                       str(accounts.mail_kinds["password_changed"]))
    assert english == ("News", "Users", "Password changed")
    assert chinese == ("新闻动态", "用户管理", "修改密码")


MANIFEST = b'''# A "quoted" comment, and one with an apostrophe: it's not a string.
commands = [".cli:things_command"]

[audit_actions]
"thing.created" = "Thing created"

[audit_actions."thing.refused"]
label = 'Thing refused'
sentence = "%(actor)s was refused \\"%(target)s\\""

[[staff_menu]]
endpoint = "staff.things.index"
label = "Things"

[[member_menu]]
endpoint = "members.things.index"
label = """Things"""

[mail_kinds]
thing_reminder = "Thing reminder"  # "the mail's name"
'''


def test_babel_finds_a_manifests_strings_where_they_stand():
    found = list(extract("portal.manifests:extract_messages", BytesIO(MANIFEST)))
    assert [(line, message) for line, message, _comments, _context in found] == [
        (5, "Thing created"),
        (8, "Thing refused"),
        (9, '%(actor)s was refused "%(target)s"'),
        (13, "Things"),
        (17, "Things"),
        (20, "Thing reminder"),
    ]


def test_babel_reads_the_manifests_with_the_portals_extractor():
    from babel.messages.frontend import parse_mapping_cfg
    from babel.util import pathmatch

    with (ROOT / "babel.cfg").open() as f:
        methods, _options = parse_mapping_cfg(f)
    manifests = sorted(ROOT.glob("portal/*/feature.toml"))
    assert len(manifests) == len(portal_app.FEATURES)
    for path in manifests:
        relative = path.relative_to(ROOT).as_posix()
        method = next(method for pattern, method in methods if pathmatch(pattern, relative))
        assert method == "portal.manifests:extract_messages"
