"""The CVR number (the Danish business register's company number): eight digits whose weighted
sum with the weights 2, 7, 6, 5, 4, 3, 2, 1 is divisible by 11 (the modulus-11 check).

Shared by the outcomes (an employer's CVR) and the companies register; never trust a CVR number
that fails it.
"""

from __future__ import annotations

import random

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


def random_cvr(rng: random.Random) -> str:
    """A made-up CVR number that passes the check (demo and benchmark data): seven random digits,
    the first not 0, and the check digit; drawn again when no digit fits (remainder 1)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        rest = sum(w * d for w, d in zip(WEIGHTS, digits, strict=False)) % 11
        check = (11 - rest) % 11
        if check < 10:
            return "".join(map(str, [*digits, check]))
