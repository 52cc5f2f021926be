"""The unified social credit code (统一社会信用代码, GB 32100-2015), its check digit, and the
form validator every form that asks for one uses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

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


def valid_credit_code(form, field) -> None:
    """WTForms validator: 18 characters of the code's alphabet with a correct check digit."""
    code = field.data or ""
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        raise ValidationError(_l(
            "A unified social credit code has 18 characters: digits and capital letters "
            "other than I, O, S, V and Z."))
    if not is_valid_code(code):
        raise ValidationError(_l("The check digit of this credit code is wrong."))
