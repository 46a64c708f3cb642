"""The indicator library (MI-1): every registered definition computed for one municipality of the
bench data (``python -m bench.generate``), in three scopes, against a bare count of its persons.

    python -m bench.bench_indicators                          # the first municipality, best of 3
    python -m bench.bench_indicators --municipality 370 --repeat 5

Scopes: the bench data's last year (1 January – the demo's reference date), the same period for
the cohort that arrived two years before, and 12 months since arrival over three years. For each
definition and scope: the best of --repeat runs of ``definition.compute`` (the items read in SQL
and aggregated, as a page or the status report asks), and its ratio to a bare
``Person.objects.filter(municipality=…).count()``. Prints a markdown table and writes
bench/results/indicators-<database>-<time>.json.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from .common import setup_django, write_result


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--municipality", help="kommunekode (default: the first in the data)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django()
    from datetime import date

    from velkomst.core.models import Municipality
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.indicators.library import Scope, all_definitions
    from velkomst.people.models import Person

    municipalities = Municipality.objects.order_by("code")
    if args.municipality:
        municipalities = municipalities.filter(code=args.municipality)
    municipality = municipalities.first()
    if municipality is None:
        raise SystemExit("no municipality: run python -m bench.generate first")
    persons = Person.objects.filter(municipality=municipality).count()
    end = REFERENCE_DATE
    scopes = {
        "year": Scope(date(end.year, 1, 1), end),
        "cohort": Scope(date(end.year, 1, 1), end, cohort=end.year - 2),
        "months": Scope(date(end.year - 3, 1, 1), end, months_since_arrival=12),
    }
    bare = _best(lambda: Person.objects.filter(municipality=municipality).count(), args.repeat)
    rows: list[dict[str, Any]] = []
    print(
        f"{municipality.name} ({municipality.code}), {persons} personer; "
        f"bare count {bare * 1000:.2f} ms\n"
    )
    print("| definition | scope | items | seconds | × bare count |\n|---|---|---:|---:|---:|")
    for indicator in sorted(all_definitions(), key=lambda d: d.key):
        for label, scope in scopes.items():
            result = indicator.compute(municipality, scope)  # warm (caches, query plans)
            seconds = _best(lambda: indicator.compute(municipality, scope), args.repeat)  # noqa: B023
            rows.append(
                {
                    "key": indicator.key,
                    "scope": label,
                    "items": result.total.population,
                    "value": None if result.total.value is None else str(result.total.value),
                    "seconds": round(seconds, 4),
                    "ratio": round(seconds / bare, 1) if bare else None,
                }
            )
            print(
                f"| {indicator.key} | {label} | {result.total.population} | {seconds:.3f} | "
                f"{seconds / bare:.0f} |"
            )
    slowest = max(rows, key=lambda r: r["seconds"]) if rows else None
    if slowest:
        print(f"\nslowest: {slowest['key']} ({slowest['scope']}) {slowest['seconds']:.3f} s")
    path = write_result(
        "indicators",
        {
            "municipality": municipality.code,
            "persons": persons,
            "repeat": args.repeat,
            "bare_count_seconds": bare,
            "definitions": rows,
        },
    )
    print(f"→ {path}")


if __name__ == "__main__":
    main()
