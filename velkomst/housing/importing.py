"""Importing dwellings from a CSV or XLSX file (HOU-1): all rows or none, each problem reported
by line and column.

Reading reuses the visitation import's file handling (velkomst.visitation.parsing: encoding and
separator detection, XLSX rows, cell cleaning; velkomst.visitation.validation.parse_date); the
columns and their rules are the dwelling register's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from velkomst.core import exports
from velkomst.visitation import parsing
from velkomst.visitation.parsing import Cell, Problem, UnreadableFile
from velkomst.visitation.validation import CellError, parse_date

from .models import Area, Dwelling, DwellingStatus, DwellingType, LandlordKind
from .services import validate_dwelling

__all__ = ["COLUMNS", "ImportCheck", "Problem", "UnreadableFile", "check_file", "template_csv"]

MAX_ROWS = 10_000
MAX_EMPTY_RUN = 1_000

# Danish header -> model field; required columns first
COLUMNS: dict[str, str] = {
    "adresse": "address",
    "område": "area",
    "type": "type",
    "værelser": "rooms",
    "m2": "size_m2",
    "husleje": "rent",
    "forbrug": "utilities",
    "udlejer": "landlord_name",
    "udlejertype": "landlord_kind",
    "ledig_fra": "available_from",
    "niveaufri": "step_free",
    "min_skole": "minutes_to_school",
    "min_dagtilbud": "minutes_to_daycare",
    "min_transport": "minutes_to_transport",
    "min_indkøb": "minutes_to_shops",
}
HEADER_FOR_FIELD = {value: key for key, value in COLUMNS.items()}
REQUIRED = ("adresse", "område", "type", "værelser", "m2", "husleje", "udlejertype", "ledig_fra")
_ALIASES = {"m²": "m2", "ledig fra": "ledig_fra", "min_indkob": "min_indkøb", "omrade": "område"}

TYPE_WORDS = {
    "midlertidig": DwellingType.TEMPORARY,
    "permanent": DwellingType.PERMANENT,
    "privat": DwellingType.PRIVATE_HOST,
    "vært": DwellingType.PRIVATE_HOST,
    "privat indkvartering": DwellingType.PRIVATE_HOST,
    "dele": DwellingType.SHARED,
    "delebolig": DwellingType.SHARED,
    "ungdom": DwellingType.YOUTH,
    "ungdomsbolig": DwellingType.YOUTH,
    "kollegie": DwellingType.YOUTH,
    "ombygget": DwellingType.CONVERTED,
    "ombygget institution": DwellingType.CONVERTED,
    **{choice.value: choice for choice in DwellingType},
}
LANDLORD_WORDS = {
    "boligforening": LandlordKind.HOUSING_ASSOCIATION,
    "almen": LandlordKind.HOUSING_ASSOCIATION,
    "boligselskab": LandlordKind.HOUSING_ASSOCIATION,
    "privat": LandlordKind.PRIVATE,
    "kommune": LandlordKind.MUNICIPALITY,
    "kommunen": LandlordKind.MUNICIPALITY,
    **{choice.value: choice for choice in LandlordKind},
}
YES = {"ja", "j", "x", "1", "true", "yes"}
NO = {"nej", "n", "0", "false", "no", ""}
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


@dataclass
class ImportCheck:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    format: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _integer(value: Cell, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or isinstance(value, date):
        raise CellError(_("'%(value)s' er ikke et helt tal.") % {"value": value})
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("'%(value)s' er ikke et helt tal.") % {"value": value})
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = str(value).replace(" ", "").removesuffix("kr.").removesuffix("kr")
        if _THOUSANDS.match(text):
            text = text.replace(".", "")
        if not text.isdigit():
            raise CellError(_("'%(value)s' er ikke et helt tal.") % {"value": value})
        number = int(text)
    if number < minimum:
        raise CellError(_("Tallet skal være mindst %(min)s.") % {"min": minimum})
    return number


def _word(value: Cell, vocabulary: dict[str, Any], allowed: str) -> Any:
    key = " ".join(str(value).lower().split())
    if key not in vocabulary:
        raise CellError(
            _("'%(value)s' kendes ikke. Brug en af: %(allowed)s.")
            % {"value": value, "allowed": allowed}
        )
    return vocabulary[key]


def _yes_no(value: Cell) -> bool:
    key = "" if value is None else str(value).strip().lower()
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(_("Skriv ja eller nej."))


def check_file(content: bytes, *, areas: Iterable[Area], municipality_id: int) -> ImportCheck:
    """Read and check every row; ``rows`` holds the values of each dwelling (keyword arguments
    for ``services.dwellings_create``) and is only to be used when ``problems`` is empty."""
    by_name = {area.name.casefold(): area for area in areas}
    fmt, table = parsing.read_table(content)
    check = ImportCheck(format=fmt)
    headed = parsing.HeadedRows(
        table, columns=COLUMNS, required=REQUIRED, aliases=_ALIASES, max_empty_run=MAX_EMPTY_RUN
    )
    for number, values in headed.rows(check.problems):
        if len(check.rows) >= MAX_ROWS:
            check.problems.append(
                Problem(number, "", _("Filen har mere end %(max)s boliger.") % {"max": MAX_ROWS})
            )
            break
        row = _check_row(number, values, by_name, municipality_id, check)
        if row is not None:
            check.rows.append(row)
    if not headed.header_found:
        check.problems.append(Problem(None, "", _("Filen er tom.")))
    elif not check.rows and not check.problems:
        check.problems.append(Problem(None, "", _("Filen indeholder ingen boliger.")))
    return check


def _check_row(
    line: int,
    values: dict[str, Cell],
    areas: dict[str, Area],
    municipality_id: int,
    check: ImportCheck,
) -> dict[str, Any] | None:
    row: dict[str, Any] = {"status": DwellingStatus.AVAILABLE}
    before = len(check.problems)

    def problem(header: str, message: str) -> None:
        check.problems.append(Problem(line, header, message))

    for header, name in COLUMNS.items():
        value = values.get(header)
        if value is None:
            if header in REQUIRED:
                problem(header, _("Feltet skal udfyldes."))
            elif name == "utilities":
                row[name] = 0
            elif name == "step_free":
                row[name] = False
            elif name == "landlord_name":
                row[name] = ""
            elif header in values or name.startswith("minutes_"):
                row[name] = None
            continue
        try:
            row[name] = _convert(header, name, value, areas)
        except CellError as error:
            problem(header, str(error))
    if len(check.problems) > before:
        return None
    try:
        validate_dwelling(Dwelling(municipality_id=municipality_id, **row))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                problem(HEADER_FOR_FIELD.get(name, name), message)
        return None
    return row


def _convert(header: str, name: str, value: Cell, areas: dict[str, Area]) -> Any:
    if name == "address":
        text = " ".join(str(value).split())
        if len(text) > 200:
            raise CellError(_("Adressen er for lang (højst 200 tegn)."))
        return text
    if name == "landlord_name":
        return " ".join(str(value).split())[:150]
    if name == "area":
        area = areas.get(" ".join(str(value).split()).casefold())
        if area is None:
            raise CellError(
                _("Området '%(value)s' findes ikke. Opret det under Områder først.")
                % {"value": value}
            )
        return area
    if name == "type":
        return _word(value, TYPE_WORDS, "midlertidig, permanent, privat, dele, ungdom, ombygget")
    if name == "landlord_kind":
        return _word(value, LANDLORD_WORDS, "boligforening, privat, kommune")
    if name == "available_from":
        return parse_date(value)
    if name == "step_free":
        return _yes_no(value)
    if name in ("rooms", "size_m2"):
        return _integer(value, minimum=1)
    return _integer(value)


EXAMPLE = [
    "Storegade 12, 1. tv., 3700 Rønne",
    "Rønne Nord",
    "permanent",
    "3",
    "78",
    "5200",
    "650",
    "BoBornholm",
    "boligforening",
    "01-09-2026",
    "ja",
    "10",
    "5",
    "3",
    "8",
]


def template_csv() -> bytes:
    """The import template: the header and one example row, as Danish Excel opens it."""
    return parsing.template_csv(list(COLUMNS), EXAMPLE)


def template_xlsx() -> bytes:
    return exports.xlsx_bytes([list(COLUMNS), EXAMPLE], title="Boliger")
