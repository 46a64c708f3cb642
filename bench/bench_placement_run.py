"""Placement run through Django (HOU-3, HOU-4): the whole run as a housing officer makes it, and
what it costs around the placement engine.

    python -m bench.bench_placement_run --fresh          # SQLite: bench/results/bench-run.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/velkomst_bench_run \\
        python -m bench.bench_placement_run --fresh --repeat 2

Set-up (timed apart, not part of the figures): one municipality (Odense, 461) with a housing
officer and a caseworker, and ``synthetic.generate(--households, --dwellings, --areas, --seed)``
(the batch bench_placement.py solves) written as Django rows through the services: the areas
(``area_create``), the dwellings (``dwellings_create``, one audit row each), the households with
members, languages, cases, reception plans and audit rows (``households_register_bulk``, as a
visitation import registers them) and their housing needs (``housing_need_save``). The refugee
households the synthetic areas already have, by language and nationality, become one-person
households living in occupied dwellings of their area (bulk-inserted, no audit rows): the run
reads them back through its open placements, as it would in production.

Timed, --repeat times on the same set-up (each repetition a new run over the same waiting
households, as an officer running again would): ``runs.run_start`` with the configured task
backend (the database backend, as in production: the task row is written, no worker takes it),
then ``runs.execute(run.pk)`` in this process, as ``manage.py db_worker`` would run it. Inside it,
wrapped: reading (``runs.engine_input``), the engine (``engines.placement.suggest``, including the
progress updates it reports through ``runs._progress``) and storing (``runs._store``). Then the
run page as the officer (``/housing/runs/<pk>/``: one first request, then --requests rounds
interleaved with the bare view at ``/bench/bare/``, as bench_pages.py does). Last, once, on the
last run: ``runs.decide_all(decision="accepted")``, which starts a placement per suggestion.

For comparison with bench_placement.py the engine also solves the synthetic batch itself, in the
same process, before the runs. Prints a markdown table and writes
bench/results/placement-run-<vendor>-<time>.json.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
MUNICIPALITY = ("461", "Odense")
# the synthetic batch's nationalities (Danish country names) as the ISO codes Person stores
ISO = {
    "Syrien": "SY",
    "Irak": "IQ",
    "Sudan": "SD",
    "Eritrea": "ER",
    "Somalia": "SO",
    "Afghanistan": "AF",
    "Iran": "IR",
    "Ukraine": "UA",
    "Etiopien": "ET",
    "Tyrkiet": "TR",
    "DR Congo": "CD",
}
FAMILY_NAMES: tuple[str, ...] = (
    "Haddad",
    "Hussein",
    "Tesfaye",
    "Warsame",
    "Ahmadi",
    "Rahimi",
    "Kovalenko",
)
FAMILY_NAMES += ("Mohammadi", "Hosseini", "Abdullah", "Barzani", "Yilmaz", "Ibrahim", "Kaya")
GIVEN = ("Amal", "Ahmad", "Aya", "Omar", "Nour", "Yusuf", "Selam", "Dawit", "Olena", "Reza")
ASSOCIATIONS = ("Boligselskabet Nord", "Fællesbo", "Lejerbo Syd", "Civitas")


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Part:
    wall: float = 0.0
    cpu: float = 0.0
    calls: int = 0
    queries: int = 0  # queries made while this was the innermost part


@dataclass
class Meter:
    """Wall-clock and CPU seconds per labelled part (inclusive of nested parts) and the queries
    made in each (counted for the innermost part only); also Django's query execute wrapper."""

    parts: dict[str, Part] = field(default_factory=dict)
    stack: list[str] = field(default_factory=list)

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        label = self.stack[-1] if self.stack else "(outside)"
        self.parts.setdefault(label, Part()).queries += 1
        return execute(sql, params, many, context)

    @contextmanager
    def part(self, label: str) -> Iterator[None]:
        self.stack.append(label)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            part = self.parts.setdefault(label, Part())
            part.wall += time.perf_counter() - wall
            part.cpu += time.process_time() - cpu
            part.calls += 1
            self.stack.pop()

    def get(self, label: str) -> Part:
        return self.parts.get(label, Part())

    def queries(self, *labels: str) -> int:
        return sum(self.get(label).queries for label in labels)


@contextmanager
def wrapped(meter: Meter, targets: list[tuple[Any, str, str]]) -> Iterator[None]:
    """Replace module attributes by timed wrappers for the block (module, attribute, label)."""
    originals: list[tuple[Any, str, Any]] = []

    def timed(original: Callable[..., Any], label: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with meter.part(label):
                return original(*args, **kwargs)

        return call

    for module, attribute, label in targets:
        original = getattr(module, attribute)
        originals.append((module, attribute, original))
        setattr(module, attribute, timed(original, label))
    try:
        yield
    finally:
        for module, attribute, original in reversed(originals):
            setattr(module, attribute, original)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(q * 100) - 1]


# --- Set-up --------------------------------------------------------------------------------------


def _years(day: date, years: int, rng: random.Random) -> date:
    return day - timedelta(days=365 * years + rng.randint(0, 300))


def set_up(batch: Any, seed: int) -> dict[str, Any]:
    """The synthetic batch as Django rows; returns the users, the run's households (in the
    batch's order) and the gaps between the batch and what the models store."""
    from velkomst.core.models import Municipality, StaffUser
    from velkomst.core.services import municipality_create
    from velkomst.engines.placement.synthetic import NATIONALITIES
    from velkomst.housing import services
    from velkomst.housing.models import (
        Dwelling,
        DwellingStatus,
        DwellingType,
        LandlordKind,
        Placement,
        PlacementSource,
    )
    from velkomst.people import services as people_services
    from velkomst.people.services import HouseholdData, LanguageData, MemberData
    from velkomst.reception.services import households_register_bulk, install_presets

    code, name = MUNICIPALITY
    if Municipality.objects.filter(code=code).exists():
        raise SystemExit(f"{name} ({code}) is already in the bench database: use --fresh")
    rng = random.Random(f"{seed}-django")  # members, names, landlords: not in the batch
    municipality = municipality_create(code=code, name=name)
    install_presets(municipality)
    officer = StaffUser.objects.create_user(
        username="odense-housing-officer",
        first_name="Bench",
        last_name="Boligmedarbejder",
        initials="BB",
        municipality=municipality,
        role="housing_officer",
    )
    officer.units.set(municipality.units.filter(kind="housing"))
    caseworker = StaffUser.objects.create_user(
        username="odense-caseworker",
        first_name="Bench",
        last_name="Sagsbehandler",
        initials="BS",
        municipality=municipality,
        role="caseworker",
    )
    caseworker.units.set(municipality.units.filter(kind="integration"))

    # areas: zero-padded names so that the register's order (by name) is the batch's
    areas = {}
    for i, a in enumerate(batch.areas):
        living = sum(a.existing_by_language.values())
        areas[a.id] = services.area_create(
            acting_user=officer,
            name=f"Område {i + 1:02d}",
            kind="district",
            vulnerable=a.vulnerable,
            youth_environment=a.youth_environment,
            existing_refugee_households=a.existing_refugee_households - living,
        )

    # the refugee households already living in each area, by language (and the nationality the
    # batch counts for it): one-person households in occupied dwellings, written in bulk
    residents: list[tuple[str, HouseholdData]] = []
    for a in batch.areas:
        for language, count in sorted(a.existing_by_language.items()):
            nationality = ISO[NATIONALITIES[language][0]]
            for _ in range(count):
                n = len(residents) + 1
                arrival = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
                residents.append(
                    (
                        a.id,
                        HouseholdData(
                            name=f"{rng.choice(FAMILY_NAMES)} (beboer {n})",
                            members=[
                                MemberData(
                                    first_name=rng.choice(GIVEN),
                                    last_name=rng.choice(FAMILY_NAMES),
                                    birth_date=_years(arrival, rng.randint(20, 60), rng),
                                    sex=rng.choice("FM"),
                                    nationality=nationality,
                                    residence_basis="refugee",
                                    relation="head",
                                    languages=[LanguageData(language, "native", True)],
                                )
                            ],
                            visitation_date=arrival - timedelta(days=30),
                            arrival_date=arrival,
                        ),
                    )
                )
    resident_households = people_services.households_create_bulk(
        [data for _area, data in residents], acting_user=caseworker, channel="import"
    )
    homes = Dwelling.objects.bulk_create(
        Dwelling(
            municipality=municipality,
            address=f"Beboet {n + 1:05d}, {areas[area_id].name}",
            area=areas[area_id],
            type=DwellingType.PERMANENT,
            rooms=2,
            size_m2=65,
            rent=5200,
            utilities=700,
            landlord_kind=LandlordKind.HOUSING_ASSOCIATION,
            landlord_name=ASSOCIATIONS[n % len(ASSOCIATIONS)],
            available_from=data.arrival_date or date(2024, 1, 1),
            status=DwellingStatus.OCCUPIED,
        )
        for n, (area_id, data) in enumerate(residents)
    )
    Placement.objects.bulk_create(
        Placement(
            municipality=municipality,
            household=household,
            dwelling=home,
            type=DwellingType.PERMANENT,
            monthly_cost=home.monthly_cost,
            start_date=home.available_from,
            source=PlacementSource.ALLOCATION,
        )
        for household, home in zip(resident_households, homes, strict=True)
    )

    # the free register: one dwelling per synthetic dwelling, addresses in the batch's order
    def landlord(kind: str) -> tuple[str, str]:
        if kind == DwellingType.PERMANENT and rng.random() < 0.8 or kind == DwellingType.YOUTH:
            return LandlordKind.HOUSING_ASSOCIATION, rng.choice(ASSOCIATIONS)
        if kind in (DwellingType.PERMANENT, DwellingType.PRIVATE_HOST):
            return LandlordKind.PRIVATE, ""
        return LandlordKind.MUNICIPALITY, "Kommunen"

    rows = []
    for i, d in enumerate(batch.dwellings):
        kind, landlord_name = landlord(str(d.type))
        rows.append(
            {
                "address": f"Boligvej {i + 1:05d}, {areas[d.area_id].name}",
                "area": areas[d.area_id],
                "type": str(d.type),
                "rooms": d.rooms,
                "size_m2": round(d.size_m2),
                "rent": d.rent,
                "utilities": d.utilities,
                "landlord_kind": kind,
                "landlord_name": landlord_name,
                "available_from": d.available_from,
                "step_free": d.step_free,
                "minutes_to_school": d.travel_minutes.get("school"),
                "minutes_to_daycare": d.travel_minutes.get("daycare"),
                "minutes_to_transport": d.travel_minutes.get("transport"),
                "minutes_to_shops": d.travel_minutes.get("shops"),
            }
        )
    services.dwellings_create(acting_user=officer, rows=rows, channel="import")

    # the waiting households: arrived ten days before they need a dwelling, members whose ages
    # on that day give the batch's adults and children
    waiting = []
    for h in batch.households:
        arrival = h.needed_by - timedelta(days=10)
        family = rng.choice(FAMILY_NAMES)
        members = []
        for k in range(h.adults):
            members.append(
                MemberData(
                    first_name=rng.choice(GIVEN),
                    last_name=family,
                    birth_date=_years(arrival, rng.randint(22, 50), rng),
                    sex="M" if k == 0 else "F",
                    nationality=ISO[h.nationality],
                    residence_basis="refugee" if k == 0 else "family_reunified",
                    relation="head" if k == 0 else "spouse",
                    languages=[LanguageData(h.language, "native", True)],
                )
            )
        for _ in range(h.children):
            members.append(
                MemberData(
                    first_name=rng.choice(GIVEN),
                    last_name=family,
                    birth_date=arrival - timedelta(days=rng.randint(60, 16 * 365)),
                    sex=rng.choice("FM"),
                    nationality=ISO[h.nationality],
                    residence_basis="family_reunified",
                    relation="child",
                    languages=[LanguageData(h.language, "native", False)],
                )
            )
        waiting.append(
            HouseholdData(
                name=f"{family} ({h.id})",
                members=members,
                visitation_date=arrival - timedelta(days=30),
                expected_arrival_date=arrival,
                arrival_date=arrival,
            )
        )
    households = households_register_bulk(waiting, acting_user=caseworker, channel="import")
    for h, household in zip(batch.households, households, strict=True):
        services.housing_need_save(
            household=household,
            acting_user=officer,
            data=services.NeedData(
                rooms_needed=h.rooms_needed,
                max_rent=h.max_rent,
                step_free_needed=h.step_free,
                student_youth_environment=h.is_student,
                needed_by=h.needed_by,
            ),
        )
    return {
        "municipality": municipality,
        "officer": officer,
        "households": households,
        "residents": len(residents),
    }


def fidelity(batch: Any, municipality_id: int, household_ids: list[int]) -> dict[str, Any]:
    """What the run will read (``runs.engine_input``) against the synthetic batch: fields that
    differ, by name, and how many rows differ in each."""
    from velkomst.housing import runs
    from velkomst.housing.models import PlacementRun

    data = runs.engine_input(
        PlacementRun(municipality_id=municipality_id, household_ids=household_ids)
    )
    differ: dict[str, int] = {}

    def compare(kind: str, a: Any, b: Any, names: tuple[str, ...]) -> None:
        for name in names:
            x, y = getattr(a, name), getattr(b, name)
            if name == "nationality":
                y = ISO.get(y, y)
            if name == "existing_by_nationality":
                y = {ISO[k]: v for k, v in y.items()}
            if isinstance(x, dict) or isinstance(y, dict):
                x, y = dict(x), dict(y)
            if x != y:
                differ[f"{kind}.{name}"] = differ.get(f"{kind}.{name}", 0) + 1

    assert len(data.households) == len(batch.households)
    for stored, h in zip(data.households, batch.households, strict=True):
        compare("household", stored, h, HOUSEHOLD_FIELDS)
    # free dwellings come back in the register's order (by address), which is the batch's
    dwellings = sorted(data.dwellings, key=lambda d: int(d.id))
    area_names = {a.id: a.name for a in data.areas}
    assert len(dwellings) == len(batch.dwellings)
    for stored_d, d in zip(dwellings, batch.dwellings, strict=True):
        compare("dwelling", stored_d, d, DWELLING_FIELDS)
        if area_names[stored_d.area_id] != f"Område {int(d.area_id[1:]):02d}":
            differ["dwelling.area"] = differ.get("dwelling.area", 0) + 1
    areas = sorted(data.areas, key=lambda a: a.name)
    for stored_a, a in zip(areas, batch.areas, strict=True):
        compare("area", stored_a, a, AREA_FIELDS)
    return {
        "households": len(data.households),
        "dwellings": len(data.dwellings),
        "areas": len(data.areas),
        "fields_that_differ": differ,
    }


HOUSEHOLD_FIELDS = (
    "size",
    "adults",
    "children",
    "rooms_needed",
    "max_rent",
    "needed_by",
    "step_free",
    "is_student",
    "language",
    "nationality",
    "target_place",
    "wishes_area",
)
DWELLING_FIELDS = (
    "type",
    "rooms",
    "size_m2",
    "rent",
    "utilities",
    "available_from",
    "step_free",
    "travel_minutes",
    "travel_to",
)
AREA_FIELDS = (
    "vulnerable",
    "youth_environment",
    "existing_refugee_households",
    "existing_by_language",
    "existing_by_nationality",
    "max_share",
    "households_total",
)


# --- The timed steps -----------------------------------------------------------------------------


def engine_alone(batch: Any, time_limit: float) -> dict[str, Any]:
    """bench_placement.py's main run: the engine on the synthetic batch itself."""
    from velkomst.engines.placement import Options, suggest

    wall, cpu = time.perf_counter(), time.process_time()
    result = suggest(
        batch.households, batch.dwellings, batch.areas, options=Options(time_limit=time_limit)
    )
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "objective": result.objective,
        "gap": result.gap,
        "gap_all_pairs": result.gap_all_pairs,
        "status": result.status,
        "placed": result.placed,
        "greedy_objective": result.greedy_objective,
        "households_over_cap": result.goals.households_over_cap if result.goals else None,
        "in_temporary": result.goals.in_temporary if result.goals else None,
    }


def placement_run(officer: Any, household_ids: list[int]) -> tuple[Any, dict[str, Any]]:
    """run_start, then execute as the worker would; the parts timed."""
    from django.db import connection

    import velkomst.engines.placement as engine
    from velkomst.housing import runs
    from velkomst.housing.models import RunStatus

    meter = Meter()
    with (
        wrapped(
            meter,
            [
                (runs, "engine_input", "reading"),
                (engine, "suggest", "engine"),
                (runs, "_store", "storing"),
                (runs, "_progress", "progress updates"),
            ],
        ),
        connection.execute_wrapper(meter),
        meter.part("total"),
    ):
        with meter.part("run_start"):
            run = runs.run_start(acting_user=officer, household_ids=household_ids)
        with meter.part("execute"):
            runs.execute(run.pk)
    run.refresh_from_db()
    if run.status != RunStatus.DONE:
        raise SystemExit(f"run {run.pk} ended {run.status}: {run.error}")
    parts = {label: asdict(part) for label, part in meter.parts.items()}
    engine_part = meter.get("engine")
    read, store, total = meter.get("reading"), meter.get("storing"), meter.get("total")
    figures = {
        "run": run.pk,
        "parts": parts,
        "queries": sum(p.queries for p in meter.parts.values()),
        "suggestions": run.suggestions.exclude(dwelling=None).count(),
        "unplaced": run.suggestions.filter(dwelling=None).count(),
        "dwellings": run.dwelling_count,
        "objective": run.objective,
        "bound": run.bound,
        "gap": run.gap,
        "solver_status": run.solver_status,
        "solve_seconds": run.solve_seconds,
        "greedy_objective": run.greedy_objective,
        "goals": run.goals,
        "read_store_per_engine": (read.wall + store.wall) / engine_part.wall,
        "total_per_engine": total.wall / engine_part.wall,
        "read_store_per_engine_cpu": (read.cpu + store.cpu) / max(engine_part.cpu, 1e-9),
        "total_per_engine_cpu": total.cpu / max(engine_part.cpu, 1e-9),
    }
    return run, figures


def run_page(run: Any, officer: Any, requests: int, warmup: int) -> dict[str, Any]:
    """The run page's first page of suggestions as the officer, against the bare view."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(officer)
    url = reverse("housing-run-detail", args=[run.pk])
    bare = reverse("bench-bare")
    with CaptureQueriesContext(connection) as captured:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        first_ms = (time.perf_counter() - wall) * 1000
        first_cpu_ms = (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    # copied now: every request clears the query log (request_started → reset_queries)
    queries = list(captured.captured_queries)
    slowest = max(queries, key=lambda q: float(q["time"]))
    page_bytes = len(response.content)
    samples: dict[str, list[float]] = {"bare": [], "page": [], "bare_cpu": [], "page_cpu": []}
    for round_ in range(warmup + requests):
        for key, target in (("bare", bare), ("page", url)):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(target)
            elapsed, cpu_used = time.perf_counter() - wall, time.process_time() - cpu
            assert response.status_code == 200
            if round_ >= warmup:
                samples[key].append(elapsed * 1000)
                samples[f"{key}_cpu"].append(cpu_used * 1000)
    bare_p50 = percentile(samples["bare"], 0.5)
    page_p50 = percentile(samples["page"], 0.5)
    return {
        "url": url,
        "first_ms": round(first_ms, 1),
        "first_cpu_ms": round(first_cpu_ms, 1),
        "queries": len(queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "slowest_sql": slowest["sql"][:300],
        "bytes": page_bytes,
        "requests": requests,
        "bare_p50_ms": round(bare_p50, 2),
        "page_p50_ms": round(page_p50, 2),
        "page_p95_ms": round(percentile(samples["page"], 0.95), 2),
        "bare_cpu_p50_ms": round(statistics.median(samples["bare_cpu"]), 2),
        "page_cpu_p50_ms": round(statistics.median(samples["page_cpu"]), 2),
        "page_per_bare": round(page_p50 / bare_p50, 1),
    }


def decide_all(run: Any, officer: Any) -> dict[str, Any]:
    """Accept every suggestion of the run (one placement each, audited per member)."""
    from django.db import connection

    from velkomst.core.models import AuditEntry
    from velkomst.housing import runs
    from velkomst.housing.models import Placement
    from velkomst.reception import services as reception_services

    audit_before = AuditEntry.objects.filter(municipality_id=run.municipality_id).count()
    placements_before = Placement.objects.filter(municipality_id=run.municipality_id).count()
    meter = Meter()
    with (
        wrapped(
            meter,
            [
                (runs, "_accept_all", "accept all"),
                (reception_services, "move_in_visits_follow_many", "move-in visits follow"),
                (runs, "_record_all", "record decisions"),
            ],
        ),
        connection.execute_wrapper(meter),
        meter.part("decide_all"),
    ):
        decided = runs.decide_all(run=run, acting_user=officer, decision="accepted")
    total = meter.get("decide_all")
    return {
        "decided": decided,
        "placements": Placement.objects.filter(municipality_id=run.municipality_id).count()
        - placements_before,
        "audit_entries": AuditEntry.objects.filter(municipality_id=run.municipality_id).count()
        - audit_before,
        "parts": {label: asdict(part) for label, part in meter.parts.items()},
        "queries": sum(p.queries for p in meter.parts.values()),
        "seconds": total.wall,
        "cpu_seconds": total.cpu,
        "ms_per_suggestion": 1000 * total.wall / max(decided, 1),
        "queries_per_suggestion": sum(p.queries for p in meter.parts.values()) / max(decided, 1),
    }


# --- Report --------------------------------------------------------------------------------------


def markdown(report: dict[str, Any]) -> str:
    reps = report["runs"]
    head = "| figure | " + " | ".join(f"run {i + 1}" for i in range(len(reps))) + " |"
    lines = [
        f"{report['database']}; {report['households']} households, {report['dwellings']} "
        f"dwellings, {report['areas']} areas (seed {report['seed']}); "
        f"{report['residents']:,} refugee households already living in the areas; "
        f"load {report['load_before']} before, {report['load_after']} after",
        "",
        head,
        "|---|" + "---:|" * len(reps),
    ]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    def part(key: str, label: str) -> None:
        row(
            label,
            [
                f"{r['parts'].get(key, {}).get('wall', 0):.2f} / "
                f"{r['parts'].get(key, {}).get('cpu', 0):.2f} "
                f"({r['parts'].get(key, {}).get('queries', 0)} q)"
                for r in reps
            ],
        )

    part("run_start", "run_start (validate, store run, audit, enqueue): wall / CPU s (queries)")
    part("reading", "reading (`engine_input`)")
    part("engine", "engine (`suggest`, with its progress updates)")
    part("progress updates", "progress updates (within execute, engine and storing)")
    part("storing", "storing (`_store`)")
    part("total", "total (run_start + execute)")
    row("(read + store) ÷ engine, wall", [f"{r['read_store_per_engine']:.3f}" for r in reps])
    row("total ÷ engine, wall", [f"{r['total_per_engine']:.3f}" for r in reps])
    row("(read + store) ÷ engine, CPU", [f"{r['read_store_per_engine_cpu']:.3f}" for r in reps])
    row("queries (all of the run)", [f"{r['queries']:,}" for r in reps])
    row(
        "suggestions with a dwelling / unplaced",
        [f"{r['suggestions']} / {r['unplaced']}" for r in reps],
    )
    row("engine status", [r["solver_status"] for r in reps])
    row("objective", [f"{r['objective']:.1f}" for r in reps])
    row(
        "gap (model's pairs)",
        [f"{100 * r['gap']:.2f} %" if r["gap"] is not None else "–" for r in reps],
    )
    row("greedy objective", [f"{r['greedy_objective']:.1f}" for r in reps])
    row(
        "households over an area's cap / in temporary housing",
        [
            f"{r['goals'].get('households_over_cap')} / {r['goals'].get('in_temporary')}"
            for r in reps
        ],
    )
    row(
        "run page: first request ms (queries, SQL ms)",
        [
            f"{r['page']['first_ms']:.0f} ({r['page']['queries']}, {r['page']['sql_ms']:.0f})"
            for r in reps
        ],
    )
    row(
        "run page: p50 ms / bare p50 ms",
        [f"{r['page']['page_p50_ms']:.1f} / {r['page']['bare_p50_ms']:.1f}" for r in reps],
    )
    row("run page ÷ bare (p50)", [f"{r['page']['page_per_bare']:.1f}" for r in reps])
    row("run page: CPU p50 ms", [f"{r['page']['page_cpu_p50_ms']:.1f}" for r in reps])
    lines.append("")
    d = report["decide_all"]
    lines += [
        f"decide_all on run {len(reps)} (accept all):",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| suggestions accepted (placements started) | {d['decided']} ({d['placements']}) |",
        f"| wall / CPU s | {d['seconds']:.2f} / {d['cpu_seconds']:.2f} |",
        f"| ms per suggestion | {d['ms_per_suggestion']:.1f} |",
        f"| queries (per suggestion) | {d['queries']:,} ({d['queries_per_suggestion']:.1f}) |",
        f"| audit entries written | {d['audit_entries']:,} |",
    ]
    for key in ("accept all", "move-in visits follow", "record decisions"):
        p = d["parts"].get(key)
        if p:
            lines.append(
                f"| … in {key}: wall s, calls, queries | {p['wall']:.2f}, {p['calls']}, "
                f"{p['queries']:,} |"
            )
    e = report["engine_alone"]
    if e:
        lines += [
            "",
            "Engine alone on the synthetic batch itself (bench_placement.py's main run, "
            "same process): "
            f"{e['wall']:.2f} s wall, {e['cpu']:.2f} s CPU, {e['status']}, objective "
            f"{e['objective']:.1f}, gap {100 * e['gap']:.2f} %, placed {e['placed']}, "
            f"greedy {e['greedy_objective']:.1f}, {e['households_over_cap']} households over "
            f"an area's cap, {e['in_temporary']} in temporary housing.",
        ]
    lines += [
        "",
        "What the run reads, against the synthetic batch (fields that differ: rows): "
        + (
            ", ".join(f"{k} {v}" for k, v in report["fidelity"]["fields_that_differ"].items())
            or "none"
        ),
    ]
    return "\n".join(lines)


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--households", type=int, default=500)
    parser.add_argument("--dwellings", type=int, default=1000)
    parser.add_argument("--areas", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=1, help="placement runs (same set-up)")
    parser.add_argument("--requests", type=int, default=10, help="measured run-page requests")
    parser.add_argument("--warmup", type=int, default=2, help="run-page warm-up rounds")
    parser.add_argument("--fresh", action="store_true", help="start the bench database afresh")
    parser.add_argument(
        "--no-engine-alone",
        action="store_true",
        help="skip solving the synthetic batch itself (bench_placement.py's figure)",
    )
    args = parser.parse_args(argv)

    if not os.environ.get("DATABASE_URL"):
        RESULTS_DIR.mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{RESULTS_DIR / 'bench-run.sqlite3'}"
    from bench.common import database_label, ensure_database, migrate, setup_django, write_result

    setup_django()
    ensure_database(fresh=args.fresh)
    migrate()

    from django.db import connection

    from velkomst.engines.placement.synthetic import generate
    from velkomst.housing import runs

    label = database_label()
    load_before = load()
    print(
        f"# Placement run through Django: {args.households} households, {args.dwellings} "
        f"dwellings, {args.areas} areas (seed {args.seed}); {label}; load {load_before}",
        flush=True,
    )
    batch = generate(args.households, args.dwellings, args.areas, args.seed)
    started = time.perf_counter()
    made = set_up(batch, args.seed)
    setup_seconds = time.perf_counter() - started
    officer = made["officer"]
    household_ids = [h.pk for h in made["households"]]
    print(f"  set-up: {setup_seconds:.1f} s", flush=True)
    check = fidelity(batch, made["municipality"].pk, household_ids)
    print(f"  fields that differ from the batch: {check['fields_that_differ']}", flush=True)
    parameters = runs.run_parameters(made["municipality"].pk)

    engine_alone_figures: dict[str, Any] | None = None
    if not args.no_engine_alone:
        engine_alone_figures = engine_alone(batch, float(parameters["time_limit"]))
        print(
            f"  engine alone on the batch: {engine_alone_figures['wall']:.2f} s, objective "
            f"{engine_alone_figures['objective']:.1f}",
            flush=True,
        )

    reps = []
    run = None
    for i in range(max(1, args.repeat)):
        run, figures = placement_run(officer, household_ids)
        figures["load"] = load()
        print(
            f"  run {i + 1}: total {figures['parts']['total']['wall']:.2f} s, engine "
            f"{figures['parts']['engine']['wall']:.2f} s, objective {figures['objective']:.1f}",
            flush=True,
        )
        figures["page"] = run_page(run, officer, args.requests, args.warmup)
        print(
            f"  run page: first {figures['page']['first_ms']:.0f} ms, p50 "
            f"{figures['page']['page_p50_ms']:.1f} ms ({figures['page']['page_per_bare']:.1f} "
            "× bare)",
            flush=True,
        )
        reps.append(figures)
    assert run is not None
    decided = decide_all(run, officer)
    print(
        f"  decide_all: {decided['seconds']:.2f} s for {decided['decided']} "
        f"({decided['ms_per_suggestion']:.1f} ms each)",
        flush=True,
    )
    report = {
        "database": label,
        "households": args.households,
        "dwellings": args.dwellings,
        "areas": args.areas,
        "seed": args.seed,
        "residents": made["residents"],
        "setup_seconds": round(setup_seconds, 1),
        "parameters": parameters,
        "task_backend": _task_backend(),
        "load_before": load_before,
        "load_after": load(),
        "fidelity": check,
        "engine_alone": engine_alone_figures,
        "runs": reps,
        "decide_all": decided,
    }
    print()
    print(markdown(report))
    path = write_result("placement-run", report)
    print(f"\n{path.relative_to(RESULTS_DIR.parent.parent)}")
    connection.close()


def _task_backend() -> str:
    from django.conf import settings

    return str(settings.TASKS["default"]["BACKEND"])


if __name__ == "__main__":
    main()
