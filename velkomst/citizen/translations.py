"""Which texts of the citizen's entrance a translator has reviewed (CIT-1).

The citizen's languages beyond Danish and English have their own catalogue
(``velkomst/locale/<lang>/LC_MESSAGES/django.po``) holding the texts the citizen pages show. An
entry a translator has checked carries the translator comment ``# reviewed`` (a comment survives
``makemessages`` and ``msgmerge``, unlike a custom flag); an entry without it is a machine or
engineer's translation. A page in a language whose catalogue has any unreviewed or untranslated
entry says so. Danish is the source and English the team's own working language: both count as
reviewed. The catalogue is read with Babel (``babel.messages.pofile``), already a dependency.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from django.conf import settings

REVIEWED_MARK = "reviewed"
REVIEWED_LANGUAGES = frozenset({"da", "en"})


def offered(code: str, languages: list[tuple[str, Any]]) -> str:
    """``code``'s base language if ``languages`` (a LANGUAGES-like list) has it, else the site's
    first language (Danish)."""
    base = (code or "").split("-")[0]
    return base if base in {c for c, _name in languages} else settings.LANGUAGE_CODE


def catalogue_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


@cache
def _counts(language: str, mtime: float) -> tuple[int, int]:
    """(entries, entries reviewed) of the language's catalogue."""
    with catalogue_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=None, abort_invalid=False)
    total = reviewed = 0
    for message in catalog:
        if not message.id:
            continue
        total += 1
        translated = bool(message.string) and not message.fuzzy
        if translated and REVIEWED_MARK in [c.strip() for c in message.user_comments]:
            reviewed += 1
    return total, reviewed


def counts(language: str) -> tuple[int, int]:
    path = catalogue_path(language)
    if not path.exists():
        return 0, 0
    return _counts(language, path.stat().st_mtime)


def has_unreviewed(language: str) -> bool:
    """True when the citizen pages in ``language`` show texts no translator has checked (or a
    text not translated, which falls back to Danish)."""
    base = (language or "").split("-")[0]
    if base in REVIEWED_LANGUAGES:
        return False
    total, reviewed = counts(base)
    return total == 0 or reviewed < total
