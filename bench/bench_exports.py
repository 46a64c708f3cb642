"""The safe export writer (velkomst.core.exports) against the bare csv module and openpyxl.

    python -m bench.bench_exports [--rows 5000] [--repeat 5]

Writes an allocation-meeting-like list (11 columns: texts, whole numbers, a date) of --rows
rows, one in ten of its names formula-like, as CSV and XLSX, both ways; prints the best of
--repeat per writer as a markdown table and writes bench/results/exports-<time>.json. No
database.
"""

from __future__ import annotations

import argparse
import csv
import io
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from .common import setup_django, write_result


def _rows(n: int) -> list[list[Any]]:
    return [
        [
            "Fjordbo",
            f'=HYPERLINK("http://x/{i}","klik")' if i % 10 == 0 else f"Familien {i}",
            4,
            2,
            2,
            3,
            6500,
            "Ja",
            date(2026, 7, 1),
            "",
            "Afventer",
        ]
        for i in range(n)
    ]


def _best(fn: Callable[[], bytes], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    import openpyxl

    from velkomst.core import exports

    rows = _rows(args.rows)

    def bare_csv() -> bytes:
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
        return out.getvalue().encode()

    def bare_xlsx() -> bytes:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    results = {
        "csv bare": _best(bare_csv, args.repeat),
        "csv safe": _best(lambda: exports.csv_bytes(rows), args.repeat),
        "xlsx bare": _best(bare_xlsx, args.repeat),
        "xlsx safe": _best(lambda: exports.xlsx_bytes(rows), args.repeat),
    }
    print(f"| writer ({args.rows} rows × 11) | best of {args.repeat} |\n|---|---|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds * 1000:.0f} ms |")
    write_result("exports", {"rows": args.rows, "repeat": args.repeat, "seconds": results})


if __name__ == "__main__":
    main()
