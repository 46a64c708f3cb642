"""CPR numbers: 10 digits whose first six are a valid birth date (DDMMYY); nationality and
language written as a code or a name."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import codes


def cpr_birth_date(cpr: str) -> date | None:
    """The birth date a CPR number encodes, or None if it encodes none.

    The century follows from the 7th digit (CPR-kontoret's table): 0-3 -> 1900s; 4 and 9 -> 2000s
    for years 00-36, else 1900s; 5-8 -> 2000s for years 00-57, else 1800s.
    """
    if len(cpr) != 10 or not cpr.isdigit():
        return None
    day, month, yy, seventh = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return date(century + yy, month, day)
    except ValueError:
        return None


def mask_cpr(cpr: str) -> str:
    """CPR as shown in lists: the birth-date part only (DDMMYY-XXXX); empty if none."""
    return f"{cpr[:6]}-XXXX" if cpr else ""


def normalise_cpr(value: str) -> str:
    return value.replace("-", "").replace(" ", "").strip()


def validate_cpr(value: str) -> None:
    cpr = normalise_cpr(value)
    if len(cpr) != 10 or not cpr.isdigit():
        raise ValidationError(_("CPR-nummeret skal være 10 cifre."), code="cpr_format")
    if cpr_birth_date(cpr) is None:
        raise ValidationError(
            _("CPR-nummerets første seks cifre er ikke en gyldig dato (DDMMÅÅ)."), code="cpr_date"
        )


def clean_nationality(value: str) -> str:
    """The stored nationality for a code or a Danish or English name ('Syrien', 'SYR',
    'statsløs'). Anything else is a ValidationError that offers the nearest names."""
    code = codes.nationality_code(value)
    if code is None:
        text = " ".join(value.split())
        names = codes.nationality_suggestions(text, get_language() or "da")
        if names:
            message = _("'%(value)s' er ikke et kendt land. Mente du: %(names)s?")
        else:
            message = _(
                "'%(value)s' er ikke et kendt land eller en landekode. Skriv landets navn eller "
                "kode, fx Syrien, SY eller SYR, eller statsløs eller ukendt."
            )
        raise ValidationError(message % {"value": text, "names": ", ".join(names)})
    return code


def clean_language(value: str) -> str:
    """The stored language for a code or a Danish or English name ('arabisk', 'ara', 'dari').
    Anything else is a ValidationError that offers the nearest names."""
    code = codes.language_code(value)
    if code is None:
        text = " ".join(value.split())
        names = codes.language_suggestions(text, get_language() or "da")
        if names:
            message = _("'%(value)s' er ikke et kendt sprog. Mente du: %(names)s?")
        else:
            message = _(
                "'%(value)s' er ikke et kendt sprog eller en sprogkode. Skriv sprogets navn eller "
                "kode (ISO 639), fx arabisk, ar, tigrinya eller prs."
            )
        raise ValidationError(message % {"value": text, "names": ", ".join(names)})
    return code
