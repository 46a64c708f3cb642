"""One way to show dates, times, amounts, countries and languages per UI language.

Pages use the template filters in ``core/templatetags/display.py``; Python code that writes text
for people (reasons, exports) calls these functions. Danish: "30. oktober 2026", short
"30.10.2026", "14:30", "4.100 kr."; English: "30 October 2026", short "30/10/2026", "14:30",
"DKK 4,100" (docs/decisions.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.numbers import format_decimal
from django.utils import dateformat, timezone
from django.utils.translation import get_language

from velkomst.people import codes

# format name -> (Danish, English), in Django's date format syntax (velkomst/formats/ gives a date
# shown without a filter the long and short forms)
DATE_FORMATS: dict[str, tuple[str, str]] = {
    "long": ("j. F Y", "j F Y"),
    "short": ("d.m.Y", "d/m/Y"),
    "weekday": ("l j. F Y", "l j F Y"),
    "month": ("F Y", "F Y"),
    "datetime": ("j. F Y H:i", "j F Y, H:i"),
    "short_datetime": ("d.m.Y H:i", "d/m/Y H:i"),
    "time": ("H:i", "H:i"),
}


def ui_language(language: str | None = None) -> str:
    """'en' for English, else 'da' (the UI's two languages)."""
    return "en" if (language or get_language() or "da").startswith("en") else "da"


def format_date(
    value: dt.date | dt.datetime | None, kind: str = "long", language: str | None = None
) -> str:
    """``value`` in the UI language's format ``kind`` ("" for none); a datetime in local time."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    danish, english = DATE_FORMATS[kind]
    return dateformat.format(value, english if ui_language(language) == "en" else danish)


def format_number(value: int | float | Decimal | None, language: str | None = None) -> str:
    """A number with the locale's thousand separator: 4.100 (da), 4,100 (en); "" for none."""
    if value is None or value == "":
        return ""
    return format_decimal(value, format="#,##0.##", locale=ui_language(language))


def format_amount(value: int | float | Decimal | None, language: str | None = None) -> str:
    """Kroner: "4.100 kr." (da), "DKK 4,100" (en); "" for none."""
    if value is None or value == "":
        return ""
    number = format_number(value, language)
    return f"DKK {number}" if ui_language(language) == "en" else f"{number} kr."


def country(code: str | None, language: str | None = None) -> str:
    """A nationality's name in the UI language ("" for none)."""
    return codes.country_name(code, ui_language(language)) if code else ""


def language(code: str | None, language: str | None = None) -> str:
    """A language's name in the UI language ("" for none)."""
    return codes.language_name(code, ui_language(language)) if code else ""


def join_places(*parts: str | None) -> str:
    """Parts of a place joined by ", ", each once: ("Parkvej 12, Nexø", "Nexø") -> "Parkvej 12,
    Nexø"."""
    seen: list[str] = []
    for part in parts:
        for piece in (part or "").split(","):
            piece = piece.strip()
            if piece and piece.casefold() not in {s.casefold() for s in seen}:
                seen.append(piece)
    return ", ".join(seen)
