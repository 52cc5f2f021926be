"""Sorting Chinese names as readers expect: by pinyin, not by code point.

`pinyin_key(name)` is stored beside a name (e.g. enterprises.name_sort) and lists order by it.
The key is made of lower-case ASCII letters and digits only: each Chinese character becomes
its syllable with a tone number (1-5, 5 for the neutral tone), Latin letters and digits stay,
everything else (spaces, punctuation, brackets) drops out. Since a syllable always ends in a
digit and digits sort before letters, 何 (he2) comes before 衡 (heng2), as a dictionary has it.

Why a stored key and not the database's collation: SQLite has no Chinese collation, and
PostgreSQL's ICU collation (zh-x-icu) exists only where the server was built with ICU;
the two databases would sort differently, and SQLite could not sort by pinyin at all. A key
of ASCII letters and digits sorts the same under every collation, so both databases give
the same order. pypinyin reads words as phrases (重庆 chong2 qing4, 银行 yin2 hang2).
"""

from __future__ import annotations

import unicodedata

KEY_LENGTH = 400


def pinyin_key(name: str | None) -> str:
    """The sort key of a name: pinyin syllables with tone numbers, Latin letters and digits."""
    # Imported here: pypinyin's dictionaries take tens of MB, and only a process that writes
    # a name needs them (lists read the stored keys).
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", name or "")
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                            errors=lambda chunk: list(chunk))
    key = "".join(ch for ch in "".join(syllables).lower() if ch.isascii() and ch.isalnum())
    return key[:KEY_LENGTH]
