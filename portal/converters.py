"""What a URL or a query string may hold, checked before any view sees it.

- Ids (`<int:…>` everywhere, and id-like query values through as_id) are ASCII digits within
  the range of the id columns; others are 404, as for an id that does not exist (PostgreSQL
  refuses a value past its `integer` and SQLite one past 2**63 with an error: a 500).
- Path parts (`<name>`, `<path:name>`) hold no control characters (404).
- Page numbers are clamped (bounded_int): an offset past any database's range is never asked.
- Every submitted value, in the query string and in forms, loses NUL and the other control
  characters except tab, CR and LF (CleanRequest): they break XML feeds and PostgreSQL text,
  and nobody types them. Single-line fields also fold CR/LF (portal/forms.py).
"""

from __future__ import annotations

import io
import re

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter, ValidationError

MAX_ID = 2**31 - 1  # id columns are `integer` on PostgreSQL (SQLite's go to 2**63 - 1)
MAX_PAGE = 1_000_000
# C0 controls but tab, LF and CR; DEL and C1 controls; the two non-characters XML forbids.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(value: str) -> str:
    """The text without the control characters nobody types (tab, CR and LF stay)."""
    return CONTROL.sub("", value)


def as_id(value) -> int | None:
    """A database id written in ASCII digits, or None."""
    text = str(value or "")
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def bounded_int(value, default: int, upper: int = MAX_PAGE) -> int:
    """An integer from a query value, at most `upper`; `default` when it is not one."""
    text = str(value if value is not None else "").strip()
    if not re.fullmatch(r"-?[0-9]{1,18}", text):
        return default
    return min(int(text), upper)


class IdConverter(IntegerConverter):
    """`<int:…>`: ASCII digits, at most MAX_ID."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class _NoControl:
    def to_python(self, value: str):
        if CONTROL.search(value):
            raise ValidationError()
        return super().to_python(value)


class TextConverter(_NoControl, UnicodeConverter):
    """`<name>`: one path segment without control characters."""


class CleanPathConverter(_NoControl, PathConverter):
    """`<path:name>`: without control characters."""


class CleanMultiDict(ImmutableMultiDict):
    """Query and form values (and their names) cleaned of control characters."""

    def __init__(self, mapping=None):
        if mapping is not None:
            mapping = [(clean_text(key) if isinstance(key, str) else key,
                        clean_text(value) if isinstance(value, str) else value)
                       for key, value in iter_multi_items(mapping)]
        super().__init__(mapping)


DISCARD_FILES = "portal.discard_files"  # in the WSGI environ: CleanRequest then keeps no file


class Discard(io.RawIOBase):
    """Where the files of a too-large form go: nowhere."""

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data) -> int:
        return len(data)

    def readinto(self, buffer) -> int:
        return 0

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict

    def _get_file_stream(self, total_content_length, content_type, filename=None,
                         content_length=None):
        """Files of a too-large form are thrown away as they arrive (portal/resend.py)."""
        if self.environ.get(DISCARD_FILES):
            return Discard()
        return super()._get_file_stream(total_content_length, content_type, filename,
                                        content_length)


def register_converters(app) -> None:
    """Before any blueprint adds its rules (a rule takes its converters when added)."""
    app.request_class = CleanRequest
    app.url_map.converters.update(
        int=IdConverter, default=TextConverter, string=TextConverter, path=CleanPathConverter)
