"""Reading a visitation file (CSV or XLSX) into rows of raw cell values, keyed by column (REC-1).

The format is recognised from the content, not the file name: XLSX is a zip archive; anything
else is read as CSV text (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text", else
cp1252/latin-1 as older Excel writes it), with the separator sniffed from the header (; , tab).
Line numbers are the row numbers a spreadsheet shows (the header is usually line 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

from .columns import COLUMNS, COLUMNS_BY_KEY, column_for_header

MAX_ROWS = 50_000  # data rows; a visitation file has hundreds, a year's backlog thousands
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 10  # the header may follow a few title rows
MIN_HEADER_MATCHES = 3
# Stop after this many empty rows in a row: a sheet formatted down to row 1,048,576 has only
# empty rows after its data.
MAX_EMPTY_RUN = 10_000

Cell = str | date | datetime | int | float | None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (line, column) and what, in plain language."""

    line: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class RawRow:
    line: int
    values: dict[str, Cell]  # column key -> the cell's value (str stripped, or a date/number)


@dataclass
class ParsedFile:
    format: str  # "csv" or "xlsx"
    rows: list[RawRow] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # column key -> header as written
    ignored_headers: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    def header(self, key: str) -> str:
        return self.headers.get(key) or COLUMNS_BY_KEY[key].header


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX file we can read at all."""


def parse_file(content: bytes) -> ParsedFile:
    if content.startswith(b"PK\x03\x04"):
        return _from_table("xlsx", _xlsx_rows(content))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _(
                "Filen er i det gamle Excel-format (.xls). Gem den som Excel-projektmappe (.xlsx) "
                "eller CSV, og prøv igen."
            )
        )
    text, encoding = decode_text(content)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    parsed = _from_table("csv", enumerate(reader, start=1))
    parsed.encoding, parsed.delimiter = encoding, delimiter
    return parsed


def read_table(content: bytes) -> tuple[str, Iterable[tuple[int, list[Any]]]]:
    """The format ("xlsx" or "csv") and the numbered rows of a register's import file (the
    dwelling and move-out imports; their columns and rules are their own)."""
    if content.startswith(b"PK\x03\x04"):
        return "xlsx", _xlsx_rows(content)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _(
                "Filen er i det gamle Excel-format (.xls). Gem den som .xlsx eller CSV, og prøv igen."
            )
        )
    text, _encoding = decode_text(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return "csv", enumerate(reader, start=1)


class HeadedRows:
    """The data rows of a register's import table (``read_table``) under its header, the first
    non-empty row, whose cells name ``columns`` (or ``aliases`` of them; case and spaces aside).
    ``rows`` gives each row's number and values by column, passing over rows with no value (and
    ending after ``max_empty_run`` of them in a row); a missing ``required`` column is a problem,
    and then there are no rows. ``header_found``: the table had a non-empty row."""

    def __init__(
        self,
        table: Iterable[tuple[int, list[Any]]],
        *,
        columns: Collection[str],
        required: Sequence[str],
        aliases: Mapping[str, str],
        max_empty_run: int | None = None,
    ) -> None:
        self.table, self.columns, self.required = table, columns, required
        self.aliases, self.max_empty_run = aliases, max_empty_run
        self.header_found = False

    def _key(self, cell: Cell) -> str | None:
        if not isinstance(cell, str):
            return None
        text = " ".join(cell.lower().split())
        text = self.aliases.get(text, text)
        return text if text in self.columns else None

    def rows(self, problems: list[Problem]) -> Iterator[tuple[int, dict[str, Cell]]]:
        positions: dict[int, str] | None = None
        empty_run = 0
        for number, raw in self.table:
            cells = [_clean(v) for v in raw]
            if positions is None:
                if all(c is None for c in cells):
                    continue
                self.header_found = True
                positions = {}
                for i, cell in enumerate(cells):
                    key = self._key(cell)
                    if key is not None and key not in positions.values():
                        positions[i] = key
                missing = [h for h in self.required if h not in positions.values()]
                for header in missing:
                    problems.append(
                        Problem(number, header, _("Kolonnen '%(h)s' mangler.") % {"h": header})
                    )
                if missing:
                    return
                continue
            values = {key: cells[i] if i < len(cells) else None for i, key in positions.items()}
            if all(v is None for v in values.values()):
                empty_run += 1
                if self.max_empty_run is not None and empty_run >= self.max_empty_run:
                    return
                continue
            empty_run = 0
            yield number, values


def template_csv(header: Sequence[str], example: Sequence[str]) -> bytes:
    """An import template: the header and one example row, as Danish Excel opens it."""
    from velkomst.core import exports

    return exports.csv_bytes([list(header), list(example)])


def decode_text(content: bytes) -> tuple[str, str]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), "utf-16"
    if b"\x00" in content[:4096]:
        raise UnreadableFile(_("Filen er hverken en CSV-fil eller en XLSX-fil."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first non-empty line into the most fields (; wins ties,
    as Danish Excel writes it)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    best, best_count = ";", 1
    for candidate in (";", "\t", ","):
        count = len(next(csv.reader([first], delimiter=candidate), []))
        if count > best_count:
            best, best_count = candidate, count
    return best


def _xlsx_rows(content: bytes) -> Any:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except (BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(
            _("Filen kunne ikke læses som en Excel-projektmappe (.xlsx).")
        ) from error
    sheet = workbook.worksheets[0]
    try:
        for number, row in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            yield number, list(row)
    finally:
        workbook.close()


def _clean(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.replace("\ufeff", "").strip()
        return value or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, date | int | float):
        return value
    return str(value).strip() or None


def _from_table(fmt: str, numbered_rows: Any) -> ParsedFile:
    parsed = ParsedFile(format=fmt)
    header_line: int | None = None
    positions: dict[int, str] = {}
    searched = empty_run = 0
    for number, raw in numbered_rows:
        if header_line is None:
            cells = [_clean(v) for v in raw[:MAX_COLUMNS]]
            if all(c is None for c in cells):
                continue  # empty rows before the header
            searched += 1
            positions = _header_positions(cells)
            if len(positions) >= MIN_HEADER_MATCHES:
                header_line = number
                _record_header(parsed, cells, positions, number)
            elif searched >= HEADER_SEARCH_ROWS:
                break
            continue
        if len(parsed.rows) >= MAX_ROWS:
            parsed.problems.append(
                Problem(
                    number,
                    "",
                    _("Filen har mere end %(max)s rækker. Del den op i flere filer.")
                    % {"max": MAX_ROWS},
                )
            )
            break
        width = len(raw)
        values = {key: _clean(raw[i]) if i < width else None for i, key in positions.items()}
        if all(v is None for v in values.values()):
            # empty rows (trailing ones in particular), or a note in another column
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        parsed.rows.append(RawRow(number, values))
    if header_line is None:
        parsed.problems.append(
            Problem(
                None,
                "",
                _(
                    "Overskriftsrækken blev ikke fundet. Første række skal have kolonnenavnene, "
                    "fx husstand, fornavn, efternavn, fødselsdato."
                ),
            )
        )
    elif not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(None, "", _("Filen indeholder ingen personer.")))
    return parsed


def _header_positions(cells: list[Cell]) -> dict[int, str]:
    positions: dict[int, str] = {}
    for i, cell in enumerate(cells):
        if isinstance(cell, str):
            key = column_for_header(cell)
            if key is not None and key not in positions.values():
                positions[i] = key
    return positions


def _record_header(
    parsed: ParsedFile, cells: list[Cell], positions: dict[int, str], line: int
) -> None:
    seen: dict[str, str] = {}
    for cell in cells:
        if cell is None:
            continue
        text = str(cell)
        key = column_for_header(text)
        if key is None:
            parsed.ignored_headers.append(text)
        elif key in seen:
            parsed.problems.append(
                Problem(
                    line,
                    text,
                    _("Kolonnen '%(header)s' findes to gange (også som '%(other)s').")
                    % {"header": text, "other": seen[key]},
                )
            )
        else:
            seen[key] = text
    parsed.headers = {key: str(cells[i]) for i, key in positions.items()}
    for column in COLUMNS:
        if column.required and column.key not in seen:
            parsed.problems.append(
                Problem(
                    line,
                    column.header,
                    _("Kolonnen '%(header)s' mangler i overskriftsrækken.")
                    % {"header": column.header},
                )
            )
