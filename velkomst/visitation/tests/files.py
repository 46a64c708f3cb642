"""Building visitation files for tests: rows as dicts keyed by the Danish headers."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

HEADERS = [
    "husstand",
    "fornavn",
    "efternavn",
    "fødselsdato",
    "køn",
    "nationalitet",
    "sprog",
    "relation",
    "opholdsgrundlag",
    "asylcenter",
    "visitationsdato",
    "forventet_ankomst",
    "cpr",
]


def person(**values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "husstand": "H1",
        "fornavn": "Søren",
        "efternavn": "Ærø",
        "fødselsdato": "14-03-1988",
        "køn": "M",
        "nationalitet": "SY",
        "sprog": "ar:native:tolk; en:basic",
        "relation": "hovedperson",
        "opholdsgrundlag": "flygtning",
        "asylcenter": "Center Sandholm",
        "visitationsdato": "15-05-2026",
        "forventet_ankomst": "01-07-2026",
        "cpr": "",
    }
    row.update(values)
    return row


def family(ref: str = "H1", last: str = "Østergård", **common: Any) -> list[dict[str, Any]]:
    """A head, a spouse and a child."""
    return [
        person(husstand=ref, fornavn="Åse", efternavn=last, køn="K", **common),
        person(
            husstand=ref,
            fornavn="Jørgen",
            efternavn=last,
            fødselsdato="02-01-1985",
            relation="ægtefælle",
            **common,
        ),
        person(
            husstand=ref,
            fornavn="Lærke",
            efternavn=last,
            fødselsdato="09-09-2016",
            køn="K",
            relation="barn",
            sprog="ar",
            **common,
        ),
    ]


def csv_bytes(
    rows: list[dict[str, Any]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    headers: list[str] | None = None,
    trailing_empty: int = 0,
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers or HEADERS)
    for row in rows:
        writer.writerow([row.get(h, "") for h in HEADERS])
    for _ in range(trailing_empty):
        writer.writerow([""] * len(HEADERS))
    return out.getvalue().encode(encoding)


def xlsx_bytes(
    rows: list[dict[str, Any]], *, as_dates: bool = True, trailing_empty: int = 0
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        values = []
        for header in HEADERS:
            value = row.get(header, "")
            if as_dates and header in {"fødselsdato", "visitationsdato", "forventet_ankomst"}:
                value = _as_date(value)
            values.append(value if value != "" else None)
        sheet.append(values)
    for _ in range(trailing_empty):
        sheet.append([None] * len(HEADERS))
        sheet.cell(row=sheet.max_row, column=1).value = "   "
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[2] == "-":
        day, month, year = value.split("-")
        return date(int(year), int(month), int(day))
    return value
