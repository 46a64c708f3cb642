"""The manager's dashboard (MI-2) on a municipality of 20,000 persons: the dashboard, an indicator
page (24 scopes: the period, 12 months, 5 arrival cohorts, 6 months since arrival) and the
deadlines page, each cold (no cached figure: every figure computed in the request) and warm
(from the figure cache), against a bare view behind the same middleware (bench/urls.py).

    python -m bench.bench_dashboard                        # SQLite: bench/results/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/velkomst_bench python -m bench.bench_dashboard

The municipality (default Bornholm, whose preset strategy has library indicators) is generated
first if missing (bench/generate.py). Cold: the municipality's cached figures are deleted before
each request; warm: the page requested again. Prints a markdown table (median milliseconds and
the ratio to the bare view) and writes bench/results/dashboard-<database>-<time>.json.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.common import database_label, ensure_database, migrate, setup_django, write_result


def _median_ms(
    run: Callable[[], Any], repeat: int, before: Callable[[], Any] | None = None
) -> float:
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--municipality", default="400", help="kommunekode (default Bornholm)")
    parser.add_argument("--persons", type=int, default=20_000, help="if it must be generated")
    parser.add_argument("--cold", type=int, default=3, help="cold requests per page")
    parser.add_argument("--warm", type=int, default=20, help="warm requests per page")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    setup_django()
    from django.test import Client
    from django.test.utils import override_settings

    from bench.generate import generate
    from velkomst.core.models import Municipality, StaffUser
    from velkomst.indicators.models import IndicatorFigure
    from velkomst.people.models import Person

    ensure_database()
    migrate()
    if not Municipality.objects.filter(code=args.municipality).exists():
        print(f"genererer {args.persons} personer …")
        generate(targets={args.municipality: args.persons}, seed=args.seed)
    municipality = Municipality.objects.get(code=args.municipality)
    persons = Person.objects.filter(municipality=municipality).count()
    manager = StaffUser.objects.filter(municipality=municipality, role="manager").first()
    if manager is None:
        raise SystemExit("no manager in the municipality")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(manager)

    def forget() -> None:
        IndicatorFigure.objects.filter(municipality=municipality).delete()

    pages = {
        "bare": "/bench/bare/",
        "dashboard": "/insight/",
        "indicator": "/insight/indicators/employment_rate/",
        "deadlines": "/insight/deadlines/",
        "start page": "/",
    }
    rows: list[dict[str, Any]] = []
    # no background worker here: a stale figure's recomputation is only queued
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        for url in pages.values():  # warm up: templates, query plans, caches
            assert client.get(url).status_code == 200, url
        bare = _median_ms(lambda: client.get(pages["bare"]), args.warm)
        for label, url in pages.items():
            if label == "bare":
                continue
            cold = _median_ms(lambda: client.get(url), args.cold, before=forget)  # noqa: B023
            client.get(url)
            warm = _median_ms(lambda: client.get(url), args.warm)  # noqa: B023
            rows.append(
                {
                    "page": label,
                    "url": url,
                    "cold_ms": round(cold, 1),
                    "warm_ms": round(warm, 1),
                    "cold_ratio": round(cold / bare, 1),
                    "warm_ratio": round(warm / bare, 1),
                }
            )
    report = {
        "municipality": municipality.name,
        "persons": persons,
        "bare_ms": round(bare, 2),
        "database": database_label(),
        "rows": rows,
    }
    path = write_result("dashboard", report)
    print(
        f"{municipality.name}, {persons} personer, {report['database']}; bare {bare:.2f} ms\n\n"
        "| page | cold ms | × bare | warm ms | × bare |\n|---|---:|---:|---:|---:|"
    )
    for row in rows:
        print(
            f"| {row['page']} | {row['cold_ms']} | {row['cold_ratio']} | "
            f"{row['warm_ms']} | {row['warm_ratio']} |"
        )
    print(f"\n→ {path}")


if __name__ == "__main__":
    main()
