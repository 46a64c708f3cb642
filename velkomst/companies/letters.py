"""The invitation letter to a speed-dating event, per language, as data (PRG-4).

Like the welcome folder's texts (velkomst.welcome.texts): a small table per language, Danish the
fallback. A person's letter is in the first of their languages (native first, then fluent) that
has a text, else Danish. ``{name}``, ``{event}``, ``{date}`` and ``{place}`` are filled in; the
date is written in the letter's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import translation

from velkomst.core.formats import format_date
from velkomst.welcome.texts import normalise_language

DANISH = "da"

LETTERS: dict[str, dict[str, str]] = {
    "da": {
        "greeting": "Kære {name}",
        "body": (
            "Du er inviteret til {event} den {date} på {place}. Her kan du møde virksomheder "
            "fra området, som søger medarbejdere og praktikanter. Du taler kort med hver "
            "virksomhed om dig selv og dit arbejde. Tag dit CV med."
        ),
        "closing": "Venlig hilsen jobkonsulenten",
    },
    "en": {
        "greeting": "Dear {name}",
        "body": (
            "You are invited to {event} on {date} at {place}. There you can meet local "
            "companies that are looking for employees and interns. You talk briefly with each "
            "company about yourself and your work. Bring your CV."
        ),
        "closing": "Kind regards, the job consultant",
    },
    "uk": {
        "greeting": "Шановний(а) {name}",
        "body": (
            "Запрошуємо вас на захід «{event}» {date}, місце: {place}. Там ви зможете "
            "зустрітися з місцевими компаніями, які шукають працівників і практикантів. Ви "
            "коротко поговорите з кожною компанією про себе та свою роботу. Візьміть із собою "
            "своє резюме (CV)."
        ),
        "closing": "З повагою, консультант із працевлаштування",
    },
}

_ORDER = {"native": 0, "fluent": 1, "basic": 2, "none": 3}


def has_letter(language: str) -> bool:
    return normalise_language(language) in LETTERS


def language_for(person: Any) -> str:
    """The first of the person's languages (best known first) with a letter text, else Danish."""
    known = sorted(person.languages.all(), key=lambda lang: _ORDER.get(lang.proficiency, 9))
    for language in known:
        code = normalise_language(language.language)
        if code in LETTERS:
            return code
    return DANISH


def letter(*, language: str, name: str, event: str, day: date, place: str) -> dict[str, str]:
    """The letter's parts in ``language`` (Danish where there is no text), and its language."""
    code = normalise_language(language)
    if code not in LETTERS:
        code = DANISH
    if code in ("da", "en"):
        with translation.override(code):  # the month's name in the letter's language
            shown = format_date(day, "long", language=code)
    else:  # no month names in the platform's catalogue: the date in digits
        shown = day.strftime("%d.%m.%Y")
    values = {"name": name, "event": event, "date": shown, "place": place}
    texts = LETTERS[code]
    return {key: text.format(**values) for key, text in texts.items()} | {"language": code}
