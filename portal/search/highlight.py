"""Marking a query's matches in a title or a snippet: escape the text, then wrap in <mark>."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from portal.search.tokens import CJK, runs

# A letter or digit of a script written with spaces: what a Latin word must not touch.
LATIN = rf"[^\W_{CJK}]"


def match_pattern(query: str) -> re.Pattern | None:
    """A pattern for the query's CJK runs and Latin words (whole words), or None."""
    parts = sorted(set(runs(query)), key=lambda part: len(part[1]), reverse=True)
    if not parts:
        return None
    # CJK runs match anywhere; Latin words and numbers only as whole words.
    alternatives = [re.escape(run) if is_cjk else rf"(?<!{LATIN}){re.escape(run)}(?!{LATIN})"
                    for is_cjk, run in parts]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _window(text: str, pattern: re.Pattern | None, length: int) -> tuple[str, bool, bool]:
    if len(text) <= length:
        return text, False, False
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - length // 3) if found else 0
    end = min(len(text), start + length)
    start = max(0, end - length)
    return text[start:end], start > 0, end < len(text)


def highlight(text: str, pattern: re.Pattern | None, length: int | None = None) -> Markup:
    """The text (cut to `length` characters around the first match) escaped, matches marked."""
    text = " ".join((text or "").split())
    before = after = False
    if length:
        text, before, after = _window(text, pattern, length)
    out = ["…"] if before else []
    position = 0
    for found in pattern.finditer(text) if pattern else ():
        out += [escape(text[position:found.start()]), "<mark>", escape(found.group()), "</mark>"]
        position = found.end()
    out.append(escape(text[position:]))
    if after:
        out.append("…")
    return Markup("".join(out))  # every piece of the text escaped above
