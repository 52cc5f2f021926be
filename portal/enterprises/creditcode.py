"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its check digit."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise_code(value: str) -> str:
    return (value or "").strip().upper()


def check_character(first17: str) -> str:
    """The 18th character for the given first seventeen; raises ValueError on a bad character."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_code(value: str) -> bool:
    code = normalise_code(value)
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    return check_character(code[:17]) == code[17]


def complete_code(first17: str) -> str:
    """The first seventeen characters with their check character appended."""
    return first17 + check_character(first17)
