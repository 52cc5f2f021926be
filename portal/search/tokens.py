"""The search tokenizer, the same for documents and queries.

Each CJK character, and each pair of adjacent CJK characters, is a token; Latin words are
lower-cased words; digits are words. Tokens of a CJK run come interleaved (商, 商会, 会, 会员,
员 …), so a query's run is a phrase of the same tokens and matches exactly where the
characters stand side by side in the text: 员企 finds 会员企业, 商 finds 招商.

Why not the alternatives: SQLite's trigram tokenizer finds nothing for queries under three
characters, and most Chinese words have two (商会, 党建); a word segmenter misses queries that
span two words (员企) and single characters; LIKE reads every row.
"""

from __future__ import annotations

import re
import unicodedata

# Han ideographs (with extension A, compatibility forms and the supplementary planes),
# kana and hangul: scripts written without spaces between words.
CJK = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
RUN = re.compile(rf"[{CJK}]+|[^\W{CJK}_]+")
CJK_RUN = re.compile(rf"[{CJK}]")


def normalise(text: str) -> str:
    """Full-width letters and digits made plain (ＡＢＣ１ → abc1), lower-cased."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def cjk_tokens(run: str) -> list[str]:
    """商会员 → 商, 商会, 会, 会员, 员."""
    tokens = []
    for i, char in enumerate(run):
        tokens.append(char)
        if i + 1 < len(run):
            tokens.append(run[i:i + 2])
    return tokens


def runs(text: str) -> list[tuple[bool, str]]:
    """The text cut into (is_cjk, run) pieces; punctuation and spaces fall out."""
    return [(bool(CJK_RUN.match(m)), m) for m in RUN.findall(normalise(text))]


def tokenize(text: str) -> list[str]:
    """The tokens of a document's text, in order."""
    tokens: list[str] = []
    for is_cjk, run in runs(text):
        if is_cjk:
            tokens.extend(cjk_tokens(run))
        else:
            tokens.append(run)
    return tokens


def token_string(text: str) -> str:
    """The tokens joined by spaces: what the full-text index stores."""
    return " ".join(tokenize(text))


def query_phrases(query: str) -> list[list[str]]:
    """A query as phrases that must all match: one per CJK run, one per Latin word.

    A run of one or two characters is a single token of the index (商, 商会), which needs no
    positions to check; a longer run is the phrase of its interleaved tokens.
    """
    return [cjk_tokens(run) if is_cjk and len(run) > 2 else [run]
            for is_cjk, run in runs(query)]
