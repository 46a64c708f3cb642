"""Importing companies from a CSV or XLSX file (PRG-4): every row is checked first (CVR number
and its modulus-11 check, DB07 code, area name, required fields), each problem named by line
and column; one problem anywhere and nothing is written. A file without problems is shown for
review, and written when the job consultant confirms it.

Reading reuses the visitation import's file handling (velkomst.visitation.parsing), as the
dwelling import does (velkomst.housing.importing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from velkomst.core import exports
from velkomst.core.cvr import normalise
from velkomst.housing.models import Area
from velkomst.visitation import parsing
from velkomst.visitation.parsing import Cell, Problem, UnreadableFile

from . import industries
from .models import Company
from .services import validate_company

__all__ = ["COLUMNS", "ImportCheck", "Problem", "UnreadableFile", "check_file", "template_csv"]

MAX_ROWS = 5_000
MAX_EMPTY_RUN = 1_000

# Danish header -> model field; required columns first
COLUMNS: dict[str, str] = {
    "navn": "name",
    "cvr": "cvr",
    "branchekode": "industry",
    "adresse": "address",
    "område": "area",
    "bemærkning": "note",
}
HEADER_FOR_FIELD = {value: key for key, value in COLUMNS.items()}
REQUIRED = ("navn", "cvr", "branchekode")
_ALIASES = {
    "cvr-nummer": "cvr",
    "cvr nr": "cvr",
    "cvr-nr": "cvr",
    "db07": "branchekode",
    "branche": "branchekode",
    "omrade": "område",
    "bemaerkning": "bemærkning",
}
_LENGTHS = {"name": 200, "address": 200, "note": 1000}


@dataclass
class ImportCheck:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    format: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _text(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def check_file(content: bytes, *, areas: Iterable[Area], municipality_id: int) -> ImportCheck:
    """Read and check every row; ``rows`` holds each company's values (keyword arguments for
    ``services.companies_import``) and is only to be used when ``problems`` is empty."""
    by_name = {area.name.casefold(): area for area in areas}
    fmt, table = parsing.read_table(content)
    check = ImportCheck(format=fmt)
    headed = parsing.HeadedRows(
        table, columns=COLUMNS, required=REQUIRED, aliases=_ALIASES, max_empty_run=MAX_EMPTY_RUN
    )
    seen_cvr: dict[str, int] = {}
    for number, values in headed.rows(check.problems):
        if len(check.rows) >= MAX_ROWS:
            check.problems.append(
                Problem(
                    number, "", _("Filen har mere end %(max)s virksomheder.") % {"max": MAX_ROWS}
                )
            )
            break
        row = _check_row(number, values, by_name, municipality_id, check)
        if row is None:
            continue
        first = seen_cvr.setdefault(row["cvr"], number)
        if first != number:
            check.problems.append(
                Problem(
                    number,
                    "cvr",
                    _("CVR-nummeret %(cvr)s står også i linje %(line)s.")
                    % {"cvr": row["cvr"], "line": first},
                )
            )
            continue
        check.rows.append(row)
    if not headed.header_found:
        check.problems.append(Problem(None, "", _("Filen er tom.")))
    elif not check.rows and not check.problems:
        check.problems.append(Problem(None, "", _("Filen indeholder ingen virksomheder.")))
    return check


def _check_row(
    line: int,
    values: dict[str, Cell],
    areas: dict[str, Area],
    municipality_id: int,
    check: ImportCheck,
) -> dict[str, Any] | None:
    row: dict[str, Any] = {"address": "", "area": None, "note": ""}
    before = len(check.problems)

    def problem(header: str, message: str) -> None:
        check.problems.append(Problem(line, header, message))

    for header, name in COLUMNS.items():
        value = values.get(header)
        if value is None or _text(value) == "":
            if header in REQUIRED:
                problem(header, _("Feltet skal udfyldes."))
            continue
        text = _text(value)
        if name == "area":
            area = areas.get(text.casefold())
            if area is None:
                problem(
                    header,
                    _("Området '%(value)s' findes ikke. Opret det under Områder først.")
                    % {"value": text},
                )
            row["area"] = area
        elif name == "cvr":
            row["cvr"] = normalise(text)
        elif name == "industry":
            row["industry"] = industries.compact(text)
        elif len(text) > _LENGTHS[name]:
            problem(header, _("Højst %(n)s tegn.") % {"n": _LENGTHS[name]})
        else:
            row[name] = text
    if len(check.problems) > before:
        return None
    try:
        validate_company(Company(municipality_id=municipality_id, **row))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                problem(HEADER_FOR_FIELD.get(name, name), message)
        return None
    return row


EXAMPLE = [
    "Rønne Tømrer og Snedker ApS",
    "12345674",
    "433200",
    "Havnegade 4, 3700 Rønne",
    "Rønne Nord",
    "Tager gerne praktikanter",
]


def template_csv() -> bytes:
    """The import template: the header and one example row, as Danish Excel opens it."""
    return parsing.template_csv(list(COLUMNS), EXAMPLE)


def template_xlsx() -> bytes:
    return exports.xlsx_bytes([list(COLUMNS), EXAMPLE], title="Virksomheder")
