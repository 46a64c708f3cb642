"""The CVR number (the Danish business register's company number): eight digits whose weighted
sum with the weights 2, 7, 6, 5, 4, 3, 2, 1 is divisible by 11 (the modulus-11 check).

Shared by the outcomes (an employer's CVR) and the companies register; never trust a CVR number
that fails it.
"""

from __future__ import annotations

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def normalise(number: str) -> str:
    """``number`` without spaces and a leading "DK" (as printed on invoices)."""
    text = "".join(str(number).split()).upper()
    return text[2:] if text.startswith("DK") else text


def cvr_valid(number: str) -> bool:
    """True when ``number`` (after ``normalise``) is eight digits, not starting with 0, passing the
    modulus-11 check."""
    digits = normalise(number)
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit() or digits[0] == "0":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, digits, strict=True)) % 11 == 0
