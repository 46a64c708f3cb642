"""The occupation code list: ISCO-08, the ILO's International Standard Classification of
Occupations, whose 4-digit unit groups Danmarks Statistik's DISCO-08 keeps (DISCO-08 adds a
fifth and sixth digit below them). Trades of interest, work history and openings use the 4-digit
unit-group codes.

The titles come from the official published files, never from a hand-typed list: ESCO's
classification download (European Commission), whose ``ISCOGroups_<language>.csv`` holds every
ISCO-08 group with its code and title (``code``, ``preferredLabel``), in English as the ILO
publishes it and in Danish as ESCO translates it. The files live in ``OCCUPATIONS_DIR`` (setting;
default ``velkomst/competences/data/``, see the README there for where to get them and their
licence) and are read once per process. Danish titles are used where ``ISCOGroups_da.csv`` is
installed, else the English ones; a code without a title in either shows as the code.

When no file is installed, the list is empty: no occupation code is valid (``installed()``),
rather than offering a list typed by hand; work history and trades of interest are then recorded
in words only, and the pages say they can be coded once the list is installed (decision 52).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings

DEFAULT_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("da", "en")


class Group(NamedTuple):
    code: str
    name: str


def data_dir() -> Path:
    return Path(getattr(settings, "OCCUPATIONS_DIR", None) or DEFAULT_DIR)


@cache
def _read(directory: str, language: str) -> dict[str, str]:
    """code -> title of every ISCO-08 group (1 to 4 digits) in the file for ``language``."""
    path = Path(directory) / f"ISCOGroups_{language}.csv"
    if not path.exists():
        return {}
    titles: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("code") or "").strip()
            title = (row.get("preferredLabel") or "").strip()
            if code.isdigit() and 1 <= len(code) <= 4 and title:
                titles[code] = title[:1].upper() + title[1:]
    return titles


def _titles(language: str) -> dict[str, str]:
    """Titles in ``language`` with the English ones where the language has none."""
    directory = str(data_dir())
    english = _read(directory, "en")
    if language == "en" or language not in LANGUAGES:
        return english
    own = _read(directory, language)
    if not own:
        return english
    return {**english, **own}


def _lang(language: str | None) -> str:
    return (language or "da").split("-")[0].lower()


def installed() -> bool:
    """Whether an official code list file is installed (else no code is valid)."""
    return bool(_read(str(data_dir()), "en") or _read(str(data_dir()), "da"))


def danish_titles_installed() -> bool:
    return bool(_read(str(data_dir()), "da"))


def is_occupation(code: str | None) -> bool:
    """Whether ``code`` is an ISCO-08 / DISCO-08 unit group (4 digits) of the list."""
    code = (code or "").strip()
    if len(code) != 4:
        return False
    return code in _titles("en") or code in _titles("da")


def occupation_name(code: str | None, language: str | None = "da") -> str:
    """The unit group's title in ``language`` (Danish where installed, else English); the code
    itself for a code the list does not know; "" for none."""
    code = (code or "").strip()
    if not code:
        return ""
    return _titles(_lang(language)).get(code, code)


def coded(code: str | None, language: str | None = "da") -> str:
    """The code with its title ("7115 Tømrere og snedkere"); the code alone where the list does
    not know it; "" for none."""
    code = (code or "").strip()
    name = occupation_name(code, language)
    return f"{code} {name}" if name and name != code else code


def trade_words(item: Any, language: str | None = "da") -> str:
    """What a work item or trade of interest is called: the person's words, else the title of
    its code."""
    return item.title or occupation_name(item.occupation, language)


def occupation_choices(language: str | None = "da") -> list[tuple[str, str]]:
    """Every unit group as (code, title), sorted by code (which groups them by major group)."""
    titles = _titles(_lang(language))
    return [(code, title) for code, title in sorted(titles.items()) if len(code) == 4]


def occupation_groups(language: str | None = "da") -> list[tuple[str, list[tuple[str, str]]]]:
    """The unit groups under their major group's title, for a ``<select>`` with optgroups."""
    titles = _titles(_lang(language))
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, title in occupation_choices(language):
        major = titles.get(code[0], code[0])
        groups.setdefault(f"{code[0]}|{major}", []).append((code, f"{code} {title}"))
    return [(key.split("|", 1)[1], items) for key, items in sorted(groups.items())]


def clear_cache() -> None:
    """Forget the files read (tests that point ``OCCUPATIONS_DIR`` elsewhere)."""
    _read.cache_clear()
