"""The language centre's monthly referral list (PRG-2) as CSV or XLSX, written by core/exports.py
(the one writer of spreadsheets). Columns: name, birth date, CPR number (only as the exporter's
role may see it: core/fields.py), track, referral date, planned start and languages."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from velkomst.core import exports, fields
from velkomst.core.formats import format_date
from velkomst.core.formats import language as language_name
from velkomst.core.models import StaffUser

from .models import DanishReferral, LanguageCentre


def headers(with_cpr: bool) -> list[str]:
    names = [_("Efternavn"), _("Fornavn"), _("Fødselsdato")]
    if with_cpr:
        names.append(_("CPR-nummer"))
    names += [_("Spor"), _("Henvist"), _("Planlagt start"), _("Sprog")]
    return names


def rows(user: StaffUser, referrals: list[DanishReferral]) -> list[list[Any]]:
    """The header and one row per referral; a CPR column only for a role that sees the number
    (masked for a role that sees it masked)."""
    with_cpr = fields.level(user, fields.CPR) != fields.HIDDEN
    table: list[list[Any]] = [headers(with_cpr)]
    for referral in referrals:
        person = referral.person
        row: list[Any] = [person.last_name, person.first_name, person.birth_date]
        if with_cpr:
            row.append(fields.show_cpr(user, person.cpr) or "")
        row += [
            referral.get_track_display(),
            referral.referred_on,
            referral.start_on,
            ", ".join(language_name(lang.language) for lang in person.languages.all()),
        ]
        table.append(row)
    return table


def csv(table: list[list[Any]]) -> bytes:
    return exports.csv_bytes(table)


def xlsx(centre: LanguageCentre, month: date, table: list[list[Any]]) -> bytes:
    title = _("Henvisninger %(month)s") % {"month": format_date(month, "month")}
    del centre  # the centre is named in the file name
    return exports.xlsx_bytes(table, title=title[:31])


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slug(name: str) -> str:
    """A file-name-safe form of a centre's name."""
    # æ, ø and å as Danish writes them without the letters (NFKD would drop æ and ø, keep a of å)
    spelled = name.translate(_DANISH_LETTERS)
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "sprogcenter"
