"""Visitation import benchmark (REC-1): a 10,000-row visitation file, as CSV and as XLSX.

    python -m bench.bench_import                    # SQLite: bench/results/bench-import.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/velkomst_bench_import python -m bench.bench_import

The bench database is started afresh (its name must contain "bench"), a municipality of
--existing persons is loaded in bulk (bench/generate.py) so the duplicate lookup meets a realistic
register, and a file of --rows persons in households of one to seven is generated (Danish
letters, CPR for about a third, nationality and languages as codes or Danish names and adjectives
as the files arrive, nobody twice in the file; likely duplicates of the register). Timed separately:

- parse + validate: reading the file and checking every row and household (no database);
- upload: the same plus the duplicate lookup and storing the batch for review (what the upload
  page does);
- confirm: what the confirm button's request does (check the decisions, queue the task);
- import: registering every household (reception.services.households_register_bulk, before it
  household_register per household), in one transaction, after deciding every duplicate (what
  the background task ``visitation.tasks.confirm_batch`` does, run here in this process);
- re-upload: the same file again after the import, so every row is a likely duplicate.

Prints a markdown table to stdout and writes bench/results/import-<vendor>-<time>.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"

FIRST_F: tuple[str, ...] = (
    "Amal",
    "Aya",
    "Fatima",
    "Hiba",
    "Layla",
    "Mariam",
    "Nour",
    "Rania",
    "Sara",
    "Zainab",
)
FIRST_F += ("Åse", "Søs", "Yordanos", "Selam", "Hawa", "Olena", "Iryna", "Zahra", "Maryam", "Leyla")
FIRST_M: tuple[str, ...] = (
    "Ahmad",
    "Ali",
    "Hassan",
    "Karim",
    "Mohammad",
    "Omar",
    "Samir",
    "Yusuf",
    "Bilal",
    "Tariq",
)
FIRST_M += (
    "Jørgen",
    "Bjørn",
    "Dawit",
    "Tesfay",
    "Abdi",
    "Mykola",
    "Reza",
    "Hamid",
    "Ayman",
    "Luay",
)
LAST: tuple[str, ...] = (
    *("Haddad", "Hussein", "Khalil", "Mansour", "Nasser", "Saleh", "Tesfaye", "Ahmadi"),
    *("Mohammadi", "Rahimi", "Warsame", "Shevchenko", "Kovalenko", "Østergård", "Ærø"),
    *("Abdullah", "Barzani", "Hosseini", "Karimi", "Yilmaz", "Ibrahim", "Kaya", "Mahmoud"),
)
# as the files arrive: nationality and language by code, Danish name or adjective (REC-1)
ORIGINS = (
    ("SY", "ar"),
    ("Syrien", "arabisk"),
    ("eritreisk", "tigrinya"),
    ("ER", "ti"),
    ("afghansk", "dari"),
    ("AF", "prs"),
    ("Iran", "farsi"),
    ("Somalia", "somali"),
    ("UA", "ukrainsk"),
)
CENTRES = ("Center Sandholm", "Center Avnstrup", "Center Kongelunden", "Center Jelling", "")
BASES = ("flygtning", "kvoteflygtning", "familiesammenført")

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
DATE_COLUMNS = {3, 10, 11}


def _cpr(rng: random.Random, born: date) -> str:
    # 7th digit by century (CPR-kontoret): 0-3 for 1900-1999; 4 for 2000-2036
    seventh = rng.randint(0, 3) if born.year < 2000 else 4
    return f"{born:%d%m%y}{seventh}{rng.randint(0, 999):03d}"


def generate_rows(count: int, *, seed: int) -> list[list[Any]]:
    """``count`` persons in households; dates as date objects."""
    rng = random.Random(seed)
    rows: list[list[Any]] = []
    household = 0
    seen: set[tuple[str, str, date]] = set()  # the same name and birth date twice is a repeat
    seen_cpr: set[str] = set()
    while len(rows) < count:
        household += 1
        ref = f"V{household:05d}"
        nationality, language = rng.choice(ORIGINS)
        last = rng.choice(LAST)
        centre = rng.choice(CENTRES)
        visited = date(2026, 1, 5) + timedelta(days=rng.randint(0, 140))
        expected = visited + timedelta(days=rng.randint(14, 90))
        basis = rng.choice(BASES)
        size = min(rng.choice((1, 1, 2, 3, 4, 4, 5, 6, 7)), count - len(rows))
        head_born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 35 * 365))
        members: list[tuple[str, date, str, str]] = []
        head_female = rng.random() < 0.4
        members.append(
            (
                rng.choice(FIRST_F if head_female else FIRST_M),
                head_born,
                "hovedperson",
                "K" if head_female else "M",
            )
        )
        if size >= 2:
            spouse_born = head_born + timedelta(days=rng.randint(-2000, 2000))
            members.append(
                (
                    rng.choice(FIRST_M if head_female else FIRST_F),
                    spouse_born,
                    "ægtefælle",
                    "M" if head_female else "K",
                )
            )
        youngest_parent = max(m[1] for m in members)
        for _ in range(max(0, size - len(members))):
            born = youngest_parent + timedelta(days=rng.randint(18 * 365, 40 * 365))
            born = min(born, date(2025, 12, 31))
            if born <= youngest_parent:
                born = youngest_parent + timedelta(days=1)
            female = rng.random() < 0.5
            members.append(
                (rng.choice(FIRST_F if female else FIRST_M), born, "barn", "K" if female else "M")
            )
        for first, born, relation, sex in members:
            while (first, last, born) in seen:
                born -= timedelta(days=1)
            seen.add((first, last, born))
            languages = f"{language}:native:tolk" if rng.random() < 0.6 else language
            if rng.random() < 0.3:
                languages += "; en:basic" if rng.random() < 0.5 else "; engelsk:grundlæggende"
            cpr = _cpr(rng, born) if rng.random() < 0.33 else ""
            while cpr in seen_cpr:  # a CPR number is one person's
                cpr = _cpr(rng, born)
            if cpr:
                seen_cpr.add(cpr)
            rows.append(
                [
                    ref,
                    first,
                    last,
                    born,
                    sex,
                    nationality,
                    languages,
                    relation,
                    basis,
                    centre,
                    visited,
                    expected,
                    cpr,
                ]
            )
    return rows


def csv_file(rows: list[list[Any]]) -> bytes:
    """As Danish Excel saves CSV: UTF-8 with BOM, semicolons, dd-mm-yyyy."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([v.strftime("%d-%m-%Y") if isinstance(v, date) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_file(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Visitation")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([v if v != "" else None for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def measured(results: list[dict[str, Any]], step: str, rows: int) -> Iterator[None]:
    from django.db import connection

    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        yield
    seconds = time.perf_counter() - started
    results.append(
        {"step": step, "rows": rows, "seconds": round(seconds, 3), "queries": counter.count}
    )
    print(f"  {step}: {seconds:.2f} s, {counter.count} queries", flush=True)


@contextmanager
def timed_parts() -> Iterator[dict[str, float]]:
    """Time spent inside people.services.household_create (or households_create_bulk), the
    reception plan generation (reception.services._plan_generate) and the children's placements,
    when those exist, during the block."""
    from velkomst.people import services as people_services
    from velkomst.reception import services as reception_services

    parts: dict[str, float] = {}
    patched: list[tuple[Any, str, Any]] = []

    def wrap(module: Any, attribute: str, label: str) -> None:
        original = getattr(module, attribute, None)
        if original is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                parts[label] = parts.get(label, 0.0) + time.perf_counter() - started

        setattr(module, attribute, timed)
        patched.append((module, attribute, original))

    wrap(people_services, "household_create", "people.services.household_create")
    wrap(people_services, "households_create_bulk", "people.services.households_create_bulk")
    wrap(reception_services, "_plan_generate", "reception plan generation")
    wrap(reception_services, "placements_create_for_households", "children's placements")
    try:
        yield parts
    finally:
        for module, attribute, original in patched:
            setattr(module, attribute, original)


def rows_written(municipality_id: int) -> dict[str, int]:
    from velkomst.core.models import AuditEntry
    from velkomst.people.models import Case, Household, Person, PersonLanguage

    counts = {
        "households": Household.objects.filter(municipality_id=municipality_id),
        "persons": Person.objects.filter(municipality_id=municipality_id),
        "languages": PersonLanguage.objects.filter(person__municipality_id=municipality_id),
        "cases": Case.objects.filter(municipality_id=municipality_id),
        "audit entries": AuditEntry.objects.filter(municipality_id=municipality_id),
    }
    try:
        from velkomst.reception.models import PlanTask

        counts["plan tasks"] = PlanTask.objects.filter(municipality_id=municipality_id)
    except ImportError:
        pass
    return {name: qs.count() for name, qs in counts.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=20_000, help="persons already registered")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the import (cProfile) and print its costliest functions",
    )
    args = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL"):
        RESULTS_DIR.mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{RESULTS_DIR / 'bench-import.sqlite3'}"
    from bench.common import database_label, ensure_database, migrate, setup_django, write_result

    setup_django()
    ensure_database(fresh=True)
    migrate()

    from django.db import connection

    from bench.generate import generate
    from velkomst.core.models import Municipality, StaffUser
    from velkomst.core.services import municipality_create
    from velkomst.visitation import services
    from velkomst.visitation.parsing import parse_file
    from velkomst.visitation.validation import validate_file

    label = database_label()
    print(f"# Visitation import, {args.rows} rows, {label}", flush=True)
    started = time.perf_counter()
    if args.existing:
        generate(targets={"400": args.existing}, seed=args.seed)
        municipality = Municipality.objects.get(code="400")
    else:
        municipality = municipality_create(code="400", name="Bornholm")
    print(f"  register of {args.existing} persons loaded in {time.perf_counter() - started:.1f} s")
    user = StaffUser.objects.create_user(
        username="bench-import",
        first_name="Bench",
        last_name="Import",
        municipality=municipality,
        role="caseworker",
        initials="BI",
    )
    user.units.set(municipality.units.filter(kind="integration"))

    rows = generate_rows(args.rows, seed=args.seed)
    files = {"CSV": csv_file(rows), "XLSX": xlsx_file(rows)}
    households = len({row[0] for row in rows})
    today = date(2026, 6, 1)
    results: list[dict[str, Any]] = []

    for kind, content in files.items():
        with measured(results, f"{kind}: parse + validate", args.rows):
            check = validate_file(parse_file(content), today=today)
        assert check.ok, check.problems[:5]
    batches = {}
    for kind, content in files.items():
        with measured(
            results, f"{kind}: upload (parse, validate, duplicate lookup, store)", args.rows
        ):
            batches[kind] = services.batch_upload(
                acting_user=user, file_name=f"bench.{kind.lower()}", content=content, today=today
            )
        assert batches[kind].status == "review", batches[kind].problems[:5]
    batch = batches["CSV"]
    decisions = {d["line"]: services.IMPORT for d in batch.duplicates}
    before = rows_written(municipality.pk)
    # the confirm button queues the import (the request's part), the worker runs it
    with measured(results, "confirm: queue the import (the request)", args.rows):
        batch = services.batch_confirm_start(batch=batch, acting_user=user, decisions=decisions)
    assert batch.status == "importing"
    with timed_parts() as parts:
        with measured(
            results, f"import: {households:,} households (the background task)", args.rows
        ):
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(services.batch_execute, batch.pk)
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(45)
                stats.sort_stats("tottime").print_stats(30)
            else:
                services.batch_execute(batch.pk)
    batch.refresh_from_db()
    assert batch.status == "imported", batch.import_error
    for name, seconds in parts.items():
        results.append(
            {
                "step": f"… of which {name}",
                "rows": args.rows,
                "seconds": round(seconds, 3),
                "queries": None,
            }
        )
    written = {k: v - before[k] for k, v in rows_written(municipality.pk).items()}
    with measured(results, "CSV: re-upload after import (every row a likely duplicate)", args.rows):
        again = services.batch_upload(
            acting_user=user, file_name="bench-again.csv", content=files["CSV"], today=today
        )
    assert len(again.duplicates) >= args.rows

    print()
    print(
        f"Visitation import, {args.rows:,} rows in {households:,} households; {label}; "
        f"register of {args.existing:,} persons; CSV {len(files['CSV']) / 1e6:.1f} MB, "
        f"XLSX {len(files['XLSX']) / 1e6:.1f} MB; likely duplicates in the file: "
        f"{len(batches['CSV'].duplicates)}"
    )
    print()
    print("| step | rows | seconds | rows/s | queries |")
    print("|---|---:|---:|---:|---:|")
    for r in results:
        rate = f"{r['rows'] / r['seconds']:,.0f}" if r["queries"] is not None else ""
        queries = f"{r['queries']:,}" if r["queries"] is not None else ""
        print(f"| {r['step']} | {r['rows']:,} | {r['seconds']:.2f} | {rate} | {queries} |")
    print()
    print("Rows the import wrote: " + ", ".join(f"{k} {v:,}" for k, v in written.items()))
    path = write_result(
        "import",
        {
            "rows": args.rows,
            "households": households,
            "existing_persons": args.existing,
            "file_bytes": {k: len(v) for k, v in files.items()},
            "duplicates_in_file": len(batches["CSV"].duplicates),
            "rows_written": written,
            "results": results,
        },
    )
    print(f"\n{path.relative_to(RESULTS_DIR.parent.parent)}")
    connection.close()


if __name__ == "__main__":
    main()
