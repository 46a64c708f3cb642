"""Industry codes: Dansk Branchekode 2007 (DB07), Danmarks Statistik's classification.

DB07 is the Danish version of the EU's NACE rev. 2: its first four digits are NACE rev. 2's class
(the same in every EU country) and two more digits are national subclasses (471100 Supermarkeder
is NACE 47.11 with the subclass 00). The code list is NACE rev. 2 as python-stdnum ships it
(``stdnum/eu/nace20.dat``, generated from Eurostat's RAMON register), so no code is typed by
hand here: a code is valid when its first four digits are a NACE rev. 2 class; the two national
digits, where given, are taken as written (Danmarks Statistik's file of DB07 subclasses with
Danish titles is not in a maintained package yet; docs/decisions.md). Titles are NACE's English
ones for the same reason.
"""

from __future__ import annotations

from functools import cache

from stdnum import numdb

_REVISION = "eu/nace20"  # NACE rev. 2 (2008), which DB07 is based on; not rev. 2.1 (2025)


def compact(code: str) -> str:
    """``code`` without the dots and spaces people write ("47.11.00" -> "471100")."""
    return "".join(str(code).replace(".", "").split())


@cache
def _classes() -> dict[str, str]:
    """NACE rev. 2 classes (four digits) and divisions (two digits) -> their titles."""
    found: dict[str, str] = {}

    def walk(prefix: str, nodes: list) -> None:  # type: ignore[type-arg]
        for _length, low, _high, props, children in nodes:
            code = prefix + low
            if code.isdigit():
                found[code] = props.get("label", "")
            walk(code if code.isdigit() else "", children)

    walk("", numdb.get(_REVISION).prefixes)
    return found


def is_industry(code: str) -> bool:
    """True for a DB07 code of four or six digits whose first four are a NACE rev. 2 class."""
    digits = compact(code)
    if len(digits) not in (4, 6) or not digits.isascii() or not digits.isdigit():
        return False
    return digits[:4] in _classes()


def industry_label(code: str) -> str:
    """The class's title ("" for an unknown code)."""
    return _classes().get(compact(code)[:4], "")


def industry_display(code: str) -> str:
    """ "47.11.00 Non-specialised retail sale ..." as the pages show a code."""
    digits = compact(code)
    shown = ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    label = industry_label(digits)
    return f"{shown} {label}".strip()


@cache
def division_choices() -> list[tuple[str, str]]:
    """The 88 divisions (two digits) for a filter: ("47", "47 Retail trade ...")."""
    return [(code, f"{code} {label}") for code, label in _classes().items() if len(code) == 2]
