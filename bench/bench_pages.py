"""Page benchmark: the citizen list, the person page and the integration plan page on a municipality of 20,000 persons,
against a bare view behind the same middleware (bench/urls.py), in one interleaved run.

    python -m bench.bench_pages                       # SQLite: bench/results/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/velkomst_bench python -m bench.bench_pages

If the municipality is missing it is generated first (bench/generate.py, 20,000 persons). Every
request goes through Django's test Client (full middleware, session and authentication, template
rendering; no network). Each round requests every page once, in order, so the machine's drift
hits all pages alike; the ratios page/bare are what to compare between machines and runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from bench.common import ensure_database, migrate, setup_django, write_result

PROFILED = 5  # requests per page with SQL timing, before the measured ones


@dataclass
class Target:
    key: str
    label: str
    url: str
    samples: list[float] = field(default_factory=list)  # wall-clock milliseconds
    cpu: list[float] = field(default_factory=list)  # this process's CPU milliseconds
    queries: int = 0
    bytes: int = 0
    sql_ms: float = 0.0  # median time spent in SQL per request (from profiled requests)
    slowest_sql: str = ""

    def p(self, q: float) -> float:
        ordered = sorted(self.samples)
        if len(ordered) == 1:
            return ordered[0]
        return statistics.quantiles(ordered, n=100, method="inclusive")[round(q * 100) - 1]


def _targets(municipality_id: int) -> list[Target]:
    from django.urls import reverse

    from velkomst.people.models import Person

    persons = Person.objects.filter(municipality_id=municipality_id)
    count = persons.count()
    # a person with a case (the page shows phases, contacts, notes) from the middle of the ids
    ids = list(persons.filter(case__isnull=False).order_by("id").values_list("id", flat=True))
    person_id = ids[len(ids) // 2]
    # a family name shared by many (a realistic search), and one CPR birth-date prefix
    surname = persons.order_by("id").values_list("last_name", flat=True)[count // 3]
    cpr = persons.exclude(cpr="").order_by("id").values_list("cpr", flat=True)[count // 2][:6]
    listing = reverse("person-list")
    # an adult with an integration plan and activities (programme.demo), from the middle
    planned = list(
        persons.filter(integration_plan__activities__isnull=False)
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)
    )
    planned_id = planned[len(planned) // 2] if planned else person_id
    return [
        Target("bare", "bare view (same middleware)", reverse("bench-bare")),
        Target("start", "start page (the role's own)", reverse("home")),
        Target("list", "citizen list, page 1", listing),
        Target("list_page50", "citizen list, page 50", f"{listing}?page=50"),
        Target("list_search", f"citizen list, search ?q={surname}", f"{listing}?q={surname}"),
        Target("list_cpr", "citizen list, search CPR prefix", f"{listing}?q={cpr}"),
        Target("detail", "person page", reverse("person-detail", args=[person_id])),
        Target("openings", "opening list, page 1 (PRG-4)", reverse("companies:opening-list")),
        Target("plan", "integration plan page", reverse("programme-plan", args=[planned_id])),
    ]


def run(*, municipality: str, role: str, requests: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from velkomst.core.models import Municipality, StaffUser
    from velkomst.people.selectors import person_list

    place = Municipality.objects.get(code=municipality)
    user = StaffUser.objects.filter(municipality=place, role=role).order_by("id").first()
    if user is None:
        raise SystemExit(f"no {role} in {place}")
    client = Client()
    client.force_login(user)
    targets = _targets(place.pk)

    for target in targets:  # check, count queries and time SQL (outside the timed runs)
        sql_times = []
        for _ in range(PROFILED):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(target.url)
            if response.status_code != 200:
                raise SystemExit(f"{target.url} answered {response.status_code}")
            sql_times.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        target.queries = len(queries)
        target.bytes = len(response.content)
        target.sql_ms = statistics.median(sql_times)
        target.slowest_sql = slowest["sql"][:300]
    for _ in range(warmup):
        for target in targets:
            client.get(target.url)
    for _ in range(requests):
        for target in targets:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(target.url)
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            assert response.status_code == 200
            target.samples.append(elapsed * 1000)
            target.cpu.append(cpu * 1000)

    bare = targets[0]
    rows = []
    for target in targets:
        rows.append(
            {
                "key": target.key,
                "label": target.label,
                "url": target.url,
                "queries": target.queries,
                "bytes": target.bytes,
                "p50_ms": round(target.p(0.50), 2),
                "p95_ms": round(target.p(0.95), 2),
                "mean_ms": round(statistics.fmean(target.samples), 2),
                # Python's share (PostgreSQL's work is in its own processes): steadier than
                # wall-clock time when other processes compete for the CPU
                "cpu_p50_ms": round(statistics.median(target.cpu), 2),
                "sql_ms": round(target.sql_ms, 1),
                "slowest_sql": target.slowest_sql,
                "p50_ratio": round(target.p(0.50) / bare.p(0.50), 1),
                "p95_ratio": round(target.p(0.95) / bare.p(0.95), 1),
            }
        )
    return {
        "municipality": place.name,
        "persons": _person_count(place.pk),
        "visible_to_user": person_list(user=user).count(),
        "user": user.username,
        "role": role,
        "requests": requests,
        "warmup": warmup,
        "results": rows,
    }


def _person_count(municipality_id: int) -> int:
    from velkomst.people.models import Person

    return Person.objects.filter(municipality_id=municipality_id).count()


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"{report['database']}, {report['municipality']} ({report['persons']:,} persons, "
        f"{report['visible_to_user']:,} visible to {report['user']}), "
        f"{report['requests']} requests per page after {report['warmup']} warm-up rounds",
        "",
        "| page | queries | SQL ms | p50 ms | p95 ms | p50 ÷ bare | p95 ÷ bare |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["results"]:
        lines.append(
            f"| {row['label']} | {row['queries']} | {row['sql_ms']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['p95_ms']:.1f} | "
            f"{row['p50_ratio']:.1f} | {row['p95_ratio']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--municipality", default="aalborg", help="slug or kommunekode")
    parser.add_argument("--persons", type=int, default=20_000, help="if it must be generated")
    parser.add_argument(
        "--role", default="caseworker", help="whose view: caseworker (default) or manager"
    )
    parser.add_argument("--requests", type=int, default=60, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up rounds")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    setup_django()
    from bench.common import database_label
    from bench.generate import generate
    from velkomst.core.models import Municipality
    from velkomst.demodata.plan import SEED_MUNICIPALITIES

    match = [m for m in SEED_MUNICIPALITIES if args.municipality in (m[0], m[2])]
    if not match:
        parser.error(f"unknown municipality {args.municipality!r}")
    code = match[0][0]
    ensure_database()
    migrate()
    if not Municipality.objects.filter(code=code).exists():
        print(f"genererer {args.persons} personer i {match[0][1]} …")
        generate(targets={code: args.persons}, seed=args.seed)

    report = run(municipality=code, role=args.role, requests=args.requests, warmup=args.warmup)
    report["database"] = database_label()
    path = write_result("pages", report)
    print(markdown(report))
    print(f"\n→ {path}")


if __name__ == "__main__":
    main()
