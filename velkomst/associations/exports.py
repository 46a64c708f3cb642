"""The allocation meeting's list as CSV (as Danish Excel opens it) and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

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
                    need.needed_by.strftime("%d-%m-%Y") if need and need.needed_by else "",
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
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_headers())
    writer.writerows(rows(blocks))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx(meeting: AllocationMeeting, blocks: list[AssociationBlock]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"{meeting.month:%Y-%m}"
    sheet.append(_headers())
    for row in rows(blocks):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
