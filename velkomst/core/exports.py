"""The one writer of every CSV and XLSX file the platform hands out (exports and import
templates), safe against spreadsheet formula injection (OWASP "CSV injection").

A text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what a
spreadsheet evaluates as a formula (a household named ``=HYPERLINK("http://…","klik")`` becomes a
live link). In a CSV such a text gets a single quote in front (``'=HYPERLINK(…)``), which Excel
and LibreOffice show as text. In an XLSX every ``str`` is written as a text cell (never a
formula, whatever it begins with) and a dangerous one is also marked quote-prefixed, so editing
the cell in Excel does not turn it into a formula either. Numbers and dates keep their type by
type: ``-5`` stays a number, the text ``"-5"`` is neutralised.

CSV files are as Danish Excel opens them: UTF-8 with a byte-order mark, ``;`` between fields,
CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from django.utils import timezone

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# OWASP: the first characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}
BOM = "\ufeff"  # so Danish Excel reads UTF-8


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``text`` with a single quote in front if a spreadsheet could read it as a formula."""
    return "'" + text if is_dangerous(text) else text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def csv_cell(value: Any) -> Any:
    """A value as a CSV field: numbers as they are, dates as dd-mm-yyyy, everything else as
    neutralised text."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if _is_number(value):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return neutralise(str(value))


class _Stream(Protocol):
    def write(self, text: str, /) -> Any: ...


class CsvWriter:
    """``csv.writer`` in the platform's dialect whose every row is made safe first."""

    def __init__(self, stream: _Stream, *, delimiter: str = CSV_DIALECT["delimiter"]) -> None:
        dialect = {**CSV_DIALECT, "delimiter": delimiter}
        self._writer = csv.writer(stream, **dialect)  # type: ignore[arg-type]

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(
    stream: _Stream, *, bom: bool = True, delimiter: str = CSV_DIALECT["delimiter"]
) -> CsvWriter:
    """A safe writer onto ``stream`` (an HttpResponse, a StringIO, a file), the BOM written
    first; ``delimiter`` "," for files read by programs whose format says so (the national
    assignment's files)."""
    if bom:
        stream.write(BOM)
    return CsvWriter(stream, delimiter=delimiter)


class LineBuffer:
    """A stream a ``CsvWriter`` writes onto, emptied line by line (``take``) for a streaming
    response."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str, /) -> int:
        self._parts.append(text)
        return len(text)

    def take(self) -> str:
        text = "".join(self._parts)
        self._parts.clear()
        return text


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole CSV file of ``rows`` (the header first), UTF-8 with BOM."""
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


# --- XLSX ---------------------------------------------------------------------------------------


def new_workbook(*, write_only: bool = False) -> Workbook:
    """A workbook; ``write_only`` (rows appended once, in order; no default sheet) for large
    exports: it holds less in memory and saves faster."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def xlsx_value(value: Any) -> Any:
    """A value as an XLSX cell takes it: numbers, dates and booleans by type, None empty, any
    other object as its text, without the control characters XML cannot hold (they would
    stop the whole export)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or _is_number(value) or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def append_row(sheet: Worksheet, row: Iterable[Any]) -> None:
    """Append ``row`` to ``sheet``: every text as a text cell, never a formula; a text that
    could be read as one is also quote-prefixed (stays text when edited in Excel)."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in map(xlsx_value, row):
        cell = Cell(sheet, row=1, column=1, value=value)  # placed by append (write-only too)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would read "=..." as a formula
            if is_dangerous(value):
                cell.quotePrefix = True
        cells.append(cell)
    sheet.append(cells)


def append_rows(sheet: Worksheet, rows: Iterable[Iterable[Any]]) -> None:
    for row in rows:
        append_row(sheet, row)


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_bytes(rows: Iterable[Sequence[Any]], *, title: str = "") -> bytes:
    """A workbook of one sheet (``title``) with ``rows`` (the header first)."""
    workbook = new_workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.title = title
    append_rows(sheet, rows)
    return workbook_bytes(workbook)
