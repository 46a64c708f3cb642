"""The allocation meeting's list as CSV (as Danish Excel opens it) and XLSX, through the
platform's safe writer (``core.exports``: no cell becomes a formula)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from velkomst.core import exports

from .models import AllocationMeeting
from .selectors import AssociationBlock


def _headers() -> list[str]:
    return [
        _("Boligforening"),
        _("Husstand"),
        _("Personer"),
        _("Voksne"),
        _("Børn"),
        _("Værelser"),
        _("Højeste husleje inkl. forbrug (kr.)"),
        _("Niveaufri bolig"),
        _("Bolig senest"),
        _("Afvigelse fra nøglen"),
        _("Resultat"),
    ]


def rows(blocks: list[AssociationBlock]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for block in blocks:
        for row in block.rows:
            need = row.need
            line = row.line
            out.append(
                [
                    block.association.name,
                    line.household.name,
                    row.composition["size"],
                    row.composition["adults"],
                    row.composition["children"],
                    need.rooms_needed if need else "",
                    need.max_rent if need and need.max_rent is not None else "",
                    (_("Ja") if need.step_free_needed else _("Nej")) if need else "",
                    need.needed_by if need else "",
                    (
                        _("Ja: nøglen gav %(name)s") % {"name": line.keyed_association.name}
                        if line.deviates and line.keyed_association
                        else ""
                    ),
                    line.get_outcome_display(),
                ]
            )
    return out


def csv_text(meeting: AllocationMeeting, blocks: list[AssociationBlock]) -> bytes:
    return exports.csv_bytes([_headers(), *rows(blocks)])


def xlsx(meeting: AllocationMeeting, blocks: list[AssociationBlock]) -> bytes:
    return exports.xlsx_bytes([_headers(), *rows(blocks)], title=f"{meeting.month:%Y-%m}")
