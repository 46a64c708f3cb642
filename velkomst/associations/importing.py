"""Importing move-out numbers from a CSV or XLSX file (HOU-5): one row per association and month;
all rows or none, each problem reported by line and column.

Reading reuses the visitation import's file handling (velkomst.visitation.parsing: encoding and
separator detection, XLSX rows, cell cleaning) as the dwelling import does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from velkomst.visitation import parsing
from velkomst.visitation.parsing import Cell, Problem, UnreadableFile

from .models import HousingAssociation

__all__ = ["COLUMNS", "ImportCheck", "Problem", "UnreadableFile", "check_file", "template_csv"]

MAX_ROWS = 10_000
COLUMNS = ("boligforening", "måned", "fraflytninger")
_ALIASES = {"maned": "måned", "måned (åååå-mm)": "måned", "forening": "boligforening"}
EXAMPLE = ["Fjordbo", "2026-01", "4"]
_MONTH_FORMS = (
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.]\d{1,2})?$"),  # 2026-01, 2026-01-01
    re.compile(r"^(?:\d{1,2}[-/.])?(?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),  # 01-2026, 1.1.2026
)


@dataclass(frozen=True)
class Row:
    association: HousingAssociation
    period: date
    move_outs: int


@dataclass
class ImportCheck:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    format: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


class _CellError(Exception):
    pass


def parse_month(value: Cell) -> date:
    """A month as 2026-01, 01-2026, 01.2026 or a date in it (an Excel date cell too)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value).strip()
    for form in _MONTH_FORMS:
        match = form.match(text)
        if match:
            year, month = int(match["y"]), int(match["m"])
            if 1 <= month <= 12 and 2000 <= year <= 2100:
                return date(year, month, 1)
    raise _CellError(
        _("'%(value)s' er ikke en måned. Skriv fx 2026-01 eller 01-2026.") % {"value": value}
    )


def _count(value: Cell) -> int:
    if isinstance(value, bool) or isinstance(value, date):
        raise _CellError(_("'%(value)s' er ikke et helt tal.") % {"value": value})
    if isinstance(value, float):
        if not value.is_integer():
            raise _CellError(_("'%(value)s' er ikke et helt tal.") % {"value": value})
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).replace(" ", "")
        if not text.lstrip("-").isdigit():
            raise _CellError(_("'%(value)s' er ikke et helt tal.") % {"value": value})
        number = int(text)
    if number < 0:
        raise _CellError(_("Antallet af fraflytninger kan ikke være negativt."))
    return number


def check_file(content: bytes, *, associations: Iterable[HousingAssociation]) -> ImportCheck:
    """Read and check every row; ``rows`` is only to be used when ``problems`` is empty."""
    by_name = {a.name.casefold(): a for a in associations}
    fmt, table = parsing.read_table(content)
    check = ImportCheck(format=fmt)
    seen: dict[tuple[int, date], int] = {}
    headed = parsing.HeadedRows(table, columns=COLUMNS, required=COLUMNS, aliases=_ALIASES)
    for number, values in headed.rows(check.problems):
        if len(check.rows) >= MAX_ROWS:
            check.problems.append(
                Problem(number, "", _("Filen har mere end %(max)s rækker.") % {"max": MAX_ROWS})
            )
            break
        row = _check_row(number, values, by_name, check, seen)
        if row is not None:
            check.rows.append(row)
    if not headed.header_found:
        check.problems.append(Problem(None, "", _("Filen er tom.")))
    elif not check.rows and not check.problems:
        check.problems.append(Problem(None, "", _("Filen indeholder ingen fraflytningstal.")))
    return check


def _check_row(
    line: int,
    values: dict[str, Cell],
    associations: dict[str, HousingAssociation],
    check: ImportCheck,
    seen: dict[tuple[int, date], int],
) -> Row | None:
    before = len(check.problems)

    def problem(header: str, message: str) -> None:
        check.problems.append(Problem(line, header, message))

    for header in COLUMNS:
        if values.get(header) is None:
            problem(header, _("Feltet skal udfyldes."))
    if len(check.problems) > before:
        return None
    name = " ".join(str(values["boligforening"]).split())
    association = associations.get(name.casefold())
    if association is None:
        problem("boligforening", _("Boligforeningen '%(name)s' findes ikke.") % {"name": name})
    period = move_outs = None
    try:
        period = parse_month(values["måned"])
    except _CellError as error:
        problem("måned", str(error))
    try:
        move_outs = _count(values["fraflytninger"])
    except _CellError as error:
        problem("fraflytninger", str(error))
    if association is None or period is None or move_outs is None:
        return None
    first = seen.setdefault((association.pk, period), line)
    if first != line:
        problem(
            "måned",
            _("Boligforeningen og måneden står også i linje %(line)s.") % {"line": first},
        )
        return None
    return Row(association, period, move_outs)


def template_csv() -> bytes:
    """The import template: the header and one example row, as Danish Excel opens it."""
    return parsing.template_csv(list(COLUMNS), EXAMPLE)
