"""Page benchmark: the citizen list, the person page, the programme's pages (plan, companies,
openings, Danish education, result grants, health), round tables, referrals, the resource bank,
volunteer matches and the citizen's own start page on a municipality of 20,000 persons (or
``--persons 200000``),
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
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from bench.common import ensure_database, migrate, setup_django, write_result

PROFILED = 5  # requests per page with SQL timing, before the measured ones
VOLUNTEER = "volunteer_coordinator"
MANAGER = "manager"
INTERPRETER = "interpreter_coordinator"
ADMINISTRATOR = "administrator"
NATIONAL = "national"  # the immigration service's national user (no municipality)
CITIZEN = "citizen"  # a citizen signed in to their own entrance (CIT-1), not a staff user


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
    role: str = ""  # whose client requests the page ("": the benchmark's role)

    def p(self, q: float) -> float:
        ordered = sorted(self.samples)
        if len(ordered) == 1:
            return ordered[0]
        return statistics.quantiles(ordered, n=100, method="inclusive")[round(q * 100) - 1]


def _targets(municipality_id: int, user: Any, health_user: Any) -> list[Target]:
    from django.urls import reverse

    from velkomst.people.models import Person
    from velkomst.people.selectors import persons_visible_to

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
    # a person with Danish education (danish.demo) and one with health data (health.demo)
    learners = list(
        persons_visible_to(user)
        .filter(danish_referrals__isnull=False)
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)
    )
    learner_id = learners[len(learners) // 2] if learners else person_id
    assessed = list(
        persons_visible_to(health_user)
        .filter(health_assessments__isnull=False)
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)
    )
    assessed_id = assessed[len(assessed) // 2] if assessed else person_id
    health = "health_coordinator"
    # a round table (COO-3) from the middle of the municipality's, with its follow-ups
    from velkomst.roundtables.models import RoundTable

    tables = list(
        RoundTable.objects.filter(municipality_id=municipality_id)
        .order_by("id")
        .values_list("id", flat=True)
    )
    round_table = (
        [
            Target(
                "roundtable",
                "round-table page (COO-3)",
                reverse("roundtable-detail", args=[tables[len(tables) // 2]]),
            )
        ]
        if tables
        else []
    )
    from velkomst.pairings.models import Wish

    wished = list(
        Wish.objects.filter(municipality_id=municipality_id)
        .order_by("household_id")
        .values_list("household_id", flat=True)
    )
    pairing_targets = (
        [
            Target(
                "suggestions",
                "volunteer suggestions for a household (CIV-2)",
                reverse("pairings-suggestions", args=[wished[len(wished) // 2]]),
                role=VOLUNTEER,
            )
        ]
        if wished
        else []
    )
    # the interpreter coordinator's day list on the day with the most bookings (INT-1)
    busiest = _busiest_interpreting_day(municipality_id)
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
        Target("companies", "company list, page 1 (PRG-4)", reverse("companies:company-list")),
        Target("danish", "Danish education overview (PRG-2)", reverse("danish-overview")),
        Target(
            "danish_person",
            "a person's Danish education",
            reverse("danish-person", args=[learner_id]),
        ),
        Target("grants", "result grants (PRG-7)", reverse("outcomes-grants")),
        Target("questions", "citizens' questions inbox (CIT-1)", reverse("question-inbox")),
        Target(
            "insight_exports",
            "exports for analysis, the form (MI-6)",
            reverse("insight-exports"),
            role=MANAGER,
        ),
        Target("insight_economy", "economy (MI-4)", reverse("insight-economy"), role=MANAGER),
        Target("insight_places", "places (MI-5)", reverse("insight-places"), role=MANAGER),
        Target(
            "survey_results",
            "survey results, last year and this (CIT-2)",
            reverse("survey-results"),
            role=MANAGER,
        ),
        Target("health", "health overview (HEA-1)", reverse("health-overview"), role=health),
        Target(
            "health_person",
            "a person's health data (HEA-1)",
            reverse("health-person", args=[assessed_id]),
            role=health,
        ),
        Target("roundtables", "round tables and my follow-ups (COO-3)", reverse("roundtable-list")),
        *round_table,
        Target(
            "matches",
            "volunteer matches and follow-ups (CIV-2)",
            reverse("pairings-list"),
            role=VOLUNTEER,
        ),
        *pairing_targets,
        # the volunteer coordinator's resource bank and approvals (CIV-1), 2,000 volunteers
        Target("bank", "resource bank, page 1 (CIV-1)", reverse("volunteers-bank"), role=VOLUNTEER),
        Target(
            "bank_filter",
            "resource bank, children + Arabic (CIV-1)",
            reverse("volunteers-bank") + "?audience=children&language=ar&status=approved",
            role=VOLUNTEER,
        ),
        Target(
            "approvals",
            "volunteer approvals (CIV-1)",
            reverse("volunteers-approvals"),
            role=VOLUNTEER,
        ),
        *_referral_targets(municipality_id, user),
        Target(
            "interpreting",
            f"interpreter day list ({busiest}, INT-1)",
            f"{reverse('interpreting-day')}?day={busiest}",
            role=INTERPRETER,
        ),
        *_community_targets(municipality_id),
        # the strategy in force with its guideposts and indicators (MI-1), as a manager reads it
        Target(
            "strategy",
            "the strategy in force (MI-1)",
            reverse("strategy-current"),
            role="manager",
        ),
        Target(
            "hand-figures",
            "hand-entered figures (MI-1)",
            reverse("strategy-figures"),
            role=ADMINISTRATOR,
        ),
        # retention and erasure (SEC-4): the rules in force and the runs, no citizen's data
        Target(
            "retention",
            "retention rules (SEC-4)",
            reverse("retention-rules"),
            role=ADMINISTRATOR,
        ),
        Target(
            "retention-runs",
            "erasure runs (SEC-4)",
            reverse("retention-runs"),
            role=ADMINISTRATOR,
        ),
        # handovers (COO-5): the receiving administrator's inbox of incoming and sent handovers
        Target(
            "handover-inbox",
            "handover inbox (COO-5)",
            reverse("handover-inbox"),
            role=ADMINISTRATOR,
        ),
        *_national_targets(),
        # the citizen's own start page (CIT-1): a citizen's session (``_citizen_client``)
        Target(
            "citizen-home", "citizen's start page (CIT-1)", reverse("citizen-home"), role=CITIZEN
        ),
    ]


def _national_targets() -> list[Target]:
    """The national user's quota page (NAT-1): the newest quota plan with every step."""
    from django.urls import reverse

    from velkomst.national.models import QuotaPlan

    plan = QuotaPlan.objects.order_by("-pk").first()
    if plan is None:
        return []
    return [
        Target(
            "national_quota",
            "quota plan with every step (NAT-1)",
            reverse("national-plan", args=[plan.pk]),
            role=NATIONAL,
        )
    ]


def _busiest_interpreting_day(municipality_id: int) -> str:
    from collections import Counter

    from django.utils import timezone

    from velkomst.interpreting.models import Booking

    days = Counter(
        timezone.localtime(start).date()
        for start in Booking.objects.filter(municipality_id=municipality_id).values_list(
            "starts_at", flat=True
        )
    )
    return (days.most_common(1)[0][0] if days else timezone.localdate()).isoformat()


def _referral_targets(municipality_id: int, user: Any) -> list[Target]:
    """The referral in- and outbox (COO-1) of the user's first unit."""
    from django.urls import reverse

    from velkomst.core.models import Unit

    units = Unit.objects.filter(municipality_id=municipality_id).order_by("name")
    unit = (units.filter(staff=user) if user is not None else units).first()
    if unit is None:
        return []
    return [
        Target("inbox", "referral inbox (COO-1)", reverse("referral-inbox", args=[unit.pk])),
        Target(
            "outbox",
            "referral outbox, all (COO-1)",
            reverse("referral-outbox", args=[unit.pk]) + "?show=all",
        ),
    ]


def _community_targets(municipality_id: int) -> list[Target]:
    """Events, an event with its invitations, associations, an association with its participants,
    and the continuity counts (CIV-4, CIV-5, CHI-4), where the demo made them."""
    from django.db.models import Count
    from django.urls import reverse

    from velkomst.community.models import Association, Event

    event = (
        Event.objects.filter(municipality_id=municipality_id)
        .annotate(n=Count("invitations"))
        .order_by("-n", "id")
        .first()
    )
    club = (
        Association.objects.filter(municipality_id=municipality_id)
        .annotate(n=Count("participations"))
        .order_by("-n", "id")
        .first()
    )
    if event is None or club is None:
        return []
    return [
        Target("events", "event list, page 1 (CIV-4)", reverse("community:event-list")),
        Target(
            "event",
            "event with invitations (CIV-4)",
            reverse("community:event-detail", args=[event.pk]),
        ),
        Target("associations", "association list (CIV-5)", reverse("community:association-list")),
        Target(
            "association",
            "association with participants (CIV-5)",
            reverse("community:association-detail", args=[club.pk]),
        ),
        Target(
            "continuity",
            "participation and continuity counts (CIV-5, CHI-4)",
            reverse("community:participation-counts"),
        ),
    ]


def run(
    *, municipality: str, role: str, requests: int, warmup: int, only: str = ""
) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from velkomst.core.models import Municipality, StaffUser
    from velkomst.people.selectors import person_list

    place = Municipality.objects.get(code=municipality)
    user = StaffUser.objects.filter(municipality=place, role=role).order_by("id").first()
    if user is None:
        raise SystemExit(f"no {role} in {place}")
    clients = {"": Client()}
    clients[""].force_login(user)
    # pages of another role's work (health data: the health coordinator only)
    health = "health_coordinator"
    health_user = StaffUser.objects.filter(municipality=place, role=health).order_by("id").first()
    if health_user is None:
        raise SystemExit(f"no {health} in {place}")
    clients[health] = Client()
    clients[health].force_login(health_user)
    # the other roles' pages (the coordinators' resource bank, matches and interpreter day list;
    # the manager's; the administrator's strategy, retention and handovers), when the
    # municipality has those users
    for other in (VOLUNTEER, INTERPRETER, MANAGER, ADMINISTRATOR):
        coordinator = (
            StaffUser.objects.filter(municipality=place, role=other).order_by("id").first()
        )
        if coordinator is not None:
            clients[other] = Client()
            clients[other].force_login(coordinator)
    national = StaffUser.objects.filter(role=NATIONAL, municipality=None).order_by("id").first()
    if national is not None:
        clients[NATIONAL] = Client()
        clients[NATIONAL].force_login(national)
    citizen = _citizen_client(place.pk)
    if citizen is not None:
        clients[CITIZEN] = citizen
    targets = [t for t in _targets(place.pk, user, health_user) if t.role in clients]
    if only:  # the bare view and the pages asked for
        keys = set(only.split(","))
        targets = [t for n, t in enumerate(targets) if n == 0 or t.key in keys]

    for target in targets:  # check, count queries and time SQL (outside the timed runs)
        print(f"… {target.key}", file=sys.stderr, flush=True)
        sql_times = []
        for _ in range(PROFILED):
            with CaptureQueriesContext(connection) as queries:
                response = clients[target.role].get(target.url)
            if response.status_code != 200:
                raise SystemExit(f"{target.url} answered {response.status_code}")
            sql_times.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        # over Django's query log of 9,000 entries the captured list comes back empty
        captured = queries.captured_queries or [{"time": "0", "sql": "(over 9,000 queries)"}]
        slowest = max(captured, key=lambda q: float(q["time"]))
        target.queries = len(queries)
        target.bytes = len(response.content)
        target.sql_ms = statistics.median(sql_times)
        target.slowest_sql = slowest["sql"][:300]
    for _ in range(warmup):
        for target in targets:
            clients[target.role].get(target.url)
    for _ in range(requests):
        for target in targets:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = clients[target.role].get(target.url)
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
                "label": target.label + (f" (as {target.role})" if target.role else ""),
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


def _citizen_client(municipality_id: int) -> Any:
    """A client signed in as the municipality's adult with a case in the largest household (the
    citizen's session holds only the person's id, as after an invitation or MitID)."""
    from django.db.models import Count
    from django.test import Client

    from velkomst.citizen.session import METHOD_KEY, PERSON_KEY
    from velkomst.people.models import Person

    person = (
        Person.objects.filter(municipality_id=municipality_id, case__isnull=False)
        .annotate(size=Count("household__members"))
        .order_by("-size", "id")
        .first()
    )
    if person is None:
        return None
    client = Client()
    session = client.session
    session[PERSON_KEY] = person.pk
    session[METHOD_KEY] = "invitation"
    session.save()
    return client


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
    parser.add_argument("--only", default="", help="page keys, comma-separated (and the bare view)")
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

    report = run(
        municipality=code,
        role=args.role,
        requests=args.requests,
        warmup=args.warmup,
        only=args.only,
    )
    report["database"] = database_label()
    path = write_result("pages", report)
    print(markdown(report))
    print(f"\n→ {path}")


if __name__ == "__main__":
    main()
