"""The staleness check of cached indicator figures (MI-1, MI-2) on a large audit log.

    python -m bench.bench_indicator_staleness [--persons 20000] [--repeat 20]

``bench.generate`` writes no audit rows (it bypasses the services), so this adds the audit log of
a municipality of --persons persons over three years (per person 60 views/searches/exports and 15
writes, the writes spread over the three years) and another municipality of the same size, both
into the bench database, then times ``figures.latest_write`` and ``figures.written_since`` (fresh
and stale) with the index ``audit_municipality_action_at`` and without it (dropped for the second
round, then put back). Prints a markdown table and writes bench/results/indicator-staleness-*.json.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from .common import ensure_database, migrate, setup_django, write_result

INDEX = "audit_municipality_action_at"
VIEWS_PER_PERSON = 60
WRITES_PER_PERSON = 15


def _fill(municipality_ids: list[int], persons: int) -> int:
    """Add the audit rows of ``persons`` persons to each municipality (topping up a run that
    was stopped: persons already filled are skipped)."""
    from django.db import connection, transaction

    from velkomst.core.models import AuditEntry

    rng = random.Random(2026)
    end = datetime.now(UTC) - timedelta(hours=1)
    start = end - timedelta(days=3 * 365)
    span = (end - start).total_seconds()
    columns = (
        "at, municipality_id, actor_id, actor_label, person_id, action, object_type, "
        "object_id, changes, reason, channel"
    )
    table = AuditEntry._meta.db_table
    placeholders = ", ".join(["%s"] * 11)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (fixed names)
    total = 0
    per_person = VIEWS_PER_PERSON + WRITES_PER_PERSON
    for municipality_id in municipality_ids:
        done = AuditEntry.objects.filter(municipality_id=municipality_id).count() // per_person
        rows: list[tuple[Any, ...]] = []
        for person in range(done, persons):
            for i in range(per_person):
                write = i >= VIEWS_PER_PERSON
                action = (
                    rng.choice(["create", "change", "change", "delete"])
                    if write
                    else (rng.choice(["view"] * 8 + ["search", "export"]))
                )
                at = start + timedelta(seconds=rng.random() * span)
                rows.append(
                    (
                        at,
                        municipality_id,
                        1,
                        "Bench (bench)",
                        person,
                        action,
                        "people.Person",
                        str(person),
                        "{}",
                        "",
                        "web",
                    )
                )
            if len(rows) >= 50_000:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.executemany(sql, rows)
                total += len(rows)
                rows = []
        if rows:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            total += len(rows)
    return total


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        fn()
        times.append(time.perf_counter() - begin)
    return min(times) * 1000


def _index(create: bool) -> None:
    from django.db import connection

    from velkomst.core.models import AuditEntry

    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if create:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} (municipality_id, action, at)"
            )
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        cursor.execute("ANALYZE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    setup_django()
    ensure_database()
    migrate()
    from velkomst.core.models import AuditEntry, Municipality
    from velkomst.indicators import figures

    ours, _ = Municipality.objects.get_or_create(code="991", defaults={"name": "Bench Stale"})
    other, _ = Municipality.objects.get_or_create(code="992", defaults={"name": "Bench Other"})
    wanted = args.persons * (VIEWS_PER_PERSON + WRITES_PER_PERSON)
    if AuditEntry.objects.filter(municipality_id=other.pk).count() < wanted:
        begin = time.perf_counter()
        filled = _fill([ours.pk, other.pk], args.persons)
        print(f"added {filled:,} audit rows in {time.perf_counter() - begin:.0f} s")
    # a municipality written to long ago whose log since holds only reads: the worst case for a
    # scan by time alone (every newer row of every municipality is passed over)
    quiet, _ = Municipality.objects.get_or_create(code="993", defaults={"name": "Bench Quiet"})
    if not AuditEntry.objects.filter(municipality_id=quiet.pk).exists():
        long_ago = datetime.now(UTC) - timedelta(days=4 * 365)
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    at=long_ago,
                    municipality_id=quiet.pk,
                    actor_label="Bench",
                    action=a,
                    object_type="people.Person",
                )
                for a in ("create", "change", "delete")
            ]
        )
    rows = AuditEntry.objects.count()
    latest = figures.latest_write(ours.pk)
    old = latest - timedelta(days=30) if latest else None
    results: dict[str, dict[str, float]] = {}
    for label, create in (("with index", True), ("without index", False)):
        _index(create)
        results[label] = {
            "latest_write": _best(lambda: figures.latest_write(ours.pk), args.repeat),
            "written_since (fresh)": _best(
                lambda: figures.written_since(ours.pk, latest), args.repeat
            ),
            "written_since (stale)": _best(
                lambda: figures.written_since(ours.pk, old), args.repeat
            ),
            "latest_write (quiet municipality)": _best(
                lambda: figures.latest_write(quiet.pk), args.repeat
            ),
        }
    _index(True)
    print(f"\naudit rows: {rows:,} ({args.persons:,} persons per municipality, 2 municipalities)")
    print("\n| query | with index (ms) | without index (ms) |\n|---|---:|---:|")
    for query in results["with index"]:
        print(
            f"| {query} | {results['with index'][query]:.2f} "
            f"| {results['without index'][query]:.2f} |"
        )
    path = write_result(
        "indicator-staleness", {"persons": args.persons, "audit_rows": rows, "results": results}
    )
    print(f"\n{path}")


if __name__ == "__main__":
    main()
