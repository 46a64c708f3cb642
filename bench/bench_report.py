"""The annual status report (MI-3) on the bench data: the whole task (figures of the year and
the three before it, the PDF, the XLSX) for one municipality, cold (no cached figures) and warm
(figures cached), against a bare count of its persons. Goal: under a minute at 20,000 persons.

    python -m bench.bench_report                               # aalborg, best of 1 cold, 3 warm
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/velkomst_bench python -m bench.bench_report

If the municipality is missing it is generated first (bench/generate.py, 20,000 persons); its
seed preset strategy is installed if it has none. Prints a markdown table and writes
bench/results/report-<database>-<time>.json.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from .common import ensure_database, migrate, setup_django, write_result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--municipality", default="aalborg", help="slug or kommunekode")
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs")
    args = parser.parse_args(argv)
    setup_django()
    ensure_database()
    migrate()
    from django.utils import translation

    from bench.generate import generate
    from velkomst.core.models import Municipality, Role, StaffUser
    from velkomst.demodata.plan import REFERENCE_DATE, SEED_MUNICIPALITIES
    from velkomst.indicators.models import IndicatorFigure
    from velkomst.insight import report
    from velkomst.insight.models import StatusReport
    from velkomst.people.models import Person
    from velkomst.strategies import selectors as strategy_selectors
    from velkomst.strategies.services import install_presets

    match = [m for m in SEED_MUNICIPALITIES if args.municipality in (m[0], m[2])]
    if not match:
        parser.error(f"unknown municipality {args.municipality!r}")
    code = match[0][0]
    if not Municipality.objects.filter(code=code).exists():
        print(f"genererer {args.persons} personer i {match[0][1]} …")
        generate(targets={code: args.persons}, seed=2026)
    municipality = Municipality.objects.get(code=code)
    year = REFERENCE_DATE.year - 1
    if strategy_selectors.current_for(municipality.pk, REFERENCE_DATE) is None:
        install_presets(municipality)
    version = strategy_selectors.current_for(municipality.pk, REFERENCE_DATE)
    assert version is not None
    manager = StaffUser.objects.filter(municipality=municipality, role=Role.MANAGER).first()
    assert manager is not None
    persons = Person.objects.filter(municipality=municipality).count()

    def bare() -> float:
        started = time.perf_counter()
        Person.objects.filter(municipality=municipality).count()
        return time.perf_counter() - started

    bare_seconds = min(bare() for _ in range(5))

    def run() -> tuple[float, dict[str, Any]]:
        made = StatusReport.objects.create(
            municipality=municipality,
            year=year,
            strategy=version,
            strategy_reference=version.reference,
            requested_by=manager,
        )
        started = time.perf_counter()
        with translation.override("da"):
            report.generate(made.pk)
        seconds = time.perf_counter() - started
        made.refresh_from_db()
        assert made.state == "done", made.error
        sizes = {"pdf_bytes": len(made.pdf or b""), "xlsx_bytes": len(made.xlsx or b"")}
        StatusReport.objects.filter(pk=made.pk).delete()
        return seconds, sizes

    IndicatorFigure.objects.filter(municipality=municipality).delete()
    cold, sizes = run()
    warm = min(run()[0] for _ in range(args.repeat))
    indicators = sum(len(g.indicators) for g in strategy_selectors.contents(version))
    print(
        f"{municipality.name} ({municipality.code}), {persons} personer, strategi "
        f"{version.reference} ({indicators} indikatorer), år {year}\n"
    )
    print("| run | seconds | × bare count |\n|---|---:|---:|")
    for label, seconds in (("cold (no cached figures)", cold), ("warm (figures cached)", warm)):
        print(f"| {label} | {seconds:.2f} | {seconds / bare_seconds:.0f} |")
    print(f"\nPDF {sizes['pdf_bytes'] // 1024} KB, XLSX {sizes['xlsx_bytes'] // 1024} KB")
    path = write_result(
        "report",
        {
            "municipality": municipality.code,
            "persons": persons,
            "strategy": version.reference,
            "indicators": indicators,
            "year": year,
            "bare_count_seconds": bare_seconds,
            "cold_seconds": round(cold, 3),
            "warm_seconds": round(warm, 3),
            **sizes,
        },
    )
    print(f"→ {path}")


if __name__ == "__main__":
    main()
