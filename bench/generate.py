"""Large synthetic data for the benchmarks: the demo's plan, scaled up and bulk-inserted.

The households, persons, languages, cases, phase transitions, assignments and journal notes are
the ones the demo generator plans (velkomst/demodata/plan.py), for as many persons as asked; the
adults' competence profiles and the family measures are the demo's own (competences/demo.py,
families/demo.py, already bulk-inserted). For
speed this loader BYPASSES THE SERVICES: it writes the rows with ``bulk_create`` straight into
the tables, and it writes NO AUDIT ROWS. Municipalities (with their units) and staff users are
made the demo's way (``municipality_create``, ``create_staff``).

    python -m bench.generate                                   # 100,000 persons over 4 municipalities
    python -m bench.generate --municipality aalborg --persons 20000
    python -m bench.generate --fresh ...                       # start the bench database afresh

Without DATABASE_URL the data goes to bench/results/bench.sqlite3 (see bench/settings.py).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from datetime import time as clock
from typing import TYPE_CHECKING, Any, TypeVar

from bench.common import ensure_database, migrate, setup_django, write_result

if TYPE_CHECKING:
    from velkomst.core.models import StaffUser
    from velkomst.demodata.plan import MunicipalityPlan

T = TypeVar("T")
CHUNK = 1000  # households per transaction
BATCH = 2000  # rows per INSERT


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _at(day: date) -> datetime:
    return datetime.combine(day, clock(12), tzinfo=UTC)


def load_municipality(
    mplan: MunicipalityPlan,
    *,
    password_hash: str,
    programme_length_months: int,
    seed: int = 2026,
    reference_date: date | None = None,
) -> Counter[str]:
    """Insert one planned municipality; returns the number of rows per table."""
    import random

    from django.db import transaction

    from velkomst.core.models import Unit, UnitKind
    from velkomst.core.services import municipality_create
    from velkomst.danish.demo import install_demo as danish_demo
    from velkomst.demodata.generator import caseworkers, create_staff, staff_roles
    from velkomst.demodata.plan import PRE_ARRIVAL, RECEPTION, REFERENCE_DATE
    from velkomst.engines.calendar import programme_end, takeover_date
    from velkomst.people.models import (
        AssignmentKind,
        Case,
        CaseAssignment,
        Household,
        JournalNote,
        Person,
        PersonLanguage,
        PhaseTransition,
    )
    from velkomst.people.search import search_name

    danish_rng = random.Random(f"{seed}-{mplan.code}-danish")
    counts: Counter[str] = Counter()
    with transaction.atomic():
        municipality = municipality_create(code=mplan.code, name=mplan.name)
        users = create_staff(municipality, mplan.staff, password_hash=password_hash)
    counts["staff"] += len(users)
    workers = caseworkers(mplan, users)
    by_role = staff_roles(mplan, users)
    integration = Unit.objects.get(municipality=municipality, kind=UnitKind.INTEGRATION)
    HouseholdUnit = Household.units.through

    for chunk in _chunks(mplan.households, CHUNK):
        with transaction.atomic():
            households = Household.objects.bulk_create(
                [
                    Household(
                        municipality=municipality,
                        name=h.name,
                        expected_arrival_date=h.expected_arrival_date,
                        arrival_date=h.arrival_date,
                        asylum_centre=h.asylum_centre,
                        address=h.address,
                    )
                    for h in chunk
                ],
                batch_size=BATCH,
            )
            HouseholdUnit.objects.bulk_create(
                [HouseholdUnit(household_id=h.pk, unit_id=integration.pk) for h in households],
                batch_size=BATCH,
            )
            persons = Person.objects.bulk_create(
                [
                    Person(
                        municipality=municipality,
                        household=household,
                        first_name=m.first_name,
                        last_name=m.last_name,
                        birth_date=m.birth_date,
                        sex=m.sex,
                        nationality=m.nationality,
                        cpr=m.cpr,
                        residence_basis=m.residence_basis,
                        relation=m.relation,
                        search_name=search_name(m.first_name, m.last_name, household.name),
                    )
                    for household, h in zip(households, chunk, strict=True)
                    for m in h.members
                ],
                batch_size=BATCH,
            )
            planned = [(h, m) for h in chunk for m in h.members]
            PersonLanguage.objects.bulk_create(
                [
                    PersonLanguage(
                        person=person,
                        language=lang.language,
                        proficiency=lang.proficiency,
                        interpreter_needed=lang.interpreter_needed,
                    )
                    for person, (_h, m) in zip(persons, planned, strict=True)
                    for lang in m.languages
                ],
                batch_size=BATCH,
            )
            with_case = [
                (person, h, m)
                for person, (h, m) in zip(persons, planned, strict=True)
                if m.has_case
            ]
            cases = Case.objects.bulk_create(
                [
                    Case(
                        municipality=municipality,
                        person=person,
                        phase=m.final_phase,
                        end_reason=m.events[-1].end_reason if m.events else "",
                        visitation_date=h.visitation_date,
                        takeover_date=takeover_date(h.visitation_date),
                        programme_end_date=programme_end(
                            takeover_date(h.visitation_date), programme_length_months
                        ),
                        caseworker=workers[h.caseworker],
                        version=1 + len(m.events),
                    )
                    for person, h, m in with_case
                ],
                batch_size=BATCH,
            )
            transitions: list[PhaseTransition] = []
            assignments: list[CaseAssignment] = []
            notes: list[JournalNote] = []
            for case, (_person, h, m) in zip(cases, with_case, strict=True):
                caseworker: StaffUser = workers[h.caseworker]
                opened = h.arrival_date or h.visitation_date
                phase = RECEPTION if h.arrival_date else PRE_ARRIVAL
                transitions.append(
                    PhaseTransition(
                        case=case,
                        from_phase="",
                        to_phase=phase,
                        effective_date=opened,
                        reason="Sag oprettet",
                        actor=caseworker,
                        recorded_at=_at(opened),
                    )
                )
                for event in m.events:
                    transitions.append(
                        PhaseTransition(
                            case=case,
                            from_phase=phase,
                            to_phase=event.to_phase,
                            effective_date=event.effective_date,
                            reason=event.reason,
                            end_reason=event.end_reason,
                            actor=caseworker,
                            recorded_at=_at(event.effective_date),
                        )
                    )
                    phase = event.to_phase
                assignments.append(
                    CaseAssignment(
                        case=case,
                        kind=AssignmentKind.CASEWORKER,
                        staff=caseworker,
                        actor=caseworker,
                        started_at=_at(opened),
                        reason="Sag oprettet",
                    )
                )
                contact_from = m.events[0].effective_date if m.events else opened
                for role in m.contacts:
                    assignments.append(
                        CaseAssignment(
                            case=case,
                            kind=AssignmentKind.CONTACT,
                            staff=by_role[role],
                            actor=caseworker,
                            started_at=_at(contact_from),
                        )
                    )
                for note in m.notes:
                    author = (
                        caseworker
                        if note.author_role == "caseworker"
                        else by_role[note.author_role]
                    )
                    notes.append(JournalNote(case=case, author=author, text=note.text))
            PhaseTransition.objects.bulk_create(transitions, batch_size=BATCH)
            CaseAssignment.objects.bulk_create(assignments, batch_size=BATCH)
            JournalNote.objects.bulk_create(notes, batch_size=BATCH)
        counts["households"] += len(households)
        counts["persons"] += len(persons)
        counts["cases"] += len(cases)
        counts["phase_transitions"] += len(transitions)
        counts["case_assignments"] += len(assignments)
        counts["journal_notes"] += len(notes)
    with transaction.atomic():  # Danish education (PRG-2), the demo's way, in bulk
        counts.update(danish_demo(municipality, danish_rng, REFERENCE_DATE))
    # competence profiles (PRG-3) and family measures (CHI-1), as the demo writes them
    import random

    from velkomst.competences.demo import install_demo as competences_demo
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.families.demo import install_demo as family_measures_demo
    from velkomst.families.demo import install_places as places_demo

    with transaction.atomic():
        rng = random.Random(f"bench-{mplan.code}-competences")
        for table, rows in competences_demo(municipality.pk, rng, REFERENCE_DATE).items():
            counts[f"competences_{table}"] += rows
        rng = random.Random(f"bench-{mplan.code}-family-measures")
        counts["family_measures"] += family_measures_demo(municipality.pk, rng, REFERENCE_DATE)
        rng = random.Random(f"bench-{mplan.code}-places")
        counts["child_places_started"] += places_demo(municipality.pk, rng, REFERENCE_DATE)
    # health offers, assessments, referrals, consents, barriers and coordinated plans (HEA-1,
    # HEA-2, PRG-6): the demo's own function, in bulk, with its own generator

    from velkomst.consent.demo import install_demo as consent_demo
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.health.demo import install_demo as health_demo

    with transaction.atomic():  # consents first (COO-4): the later demos share under them
        counts.update(
            consent_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-consent"),
                reference_date or REFERENCE_DATE,
            )
        )
        counts.update(
            health_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-health"),
                reference_date or REFERENCE_DATE,
            )
        )
    # interpreters, meetings needing one and their bookings (INT-1): the demo's own function
    from velkomst.interpreting.demo import install_demo as interpreting_demo

    with transaction.atomic():
        counts.update(
            interpreting_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-interpreting"),
                reference_date or REFERENCE_DATE,
            )
        )
    counts.update(_companies(municipality, by_role, mplan))
    # the resource bank (CIV-1): one volunteer per ten persons, 2,000 at 20,000 (volunteers.demo)
    from velkomst.volunteers.demo import install_demo as volunteers_demo

    with transaction.atomic():
        counts.update(
            volunteers_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-volunteers"),
                reference_date or REFERENCE_DATE,
                count=mplan.person_count // VOLUNTEERS_PER_PERSON,
            )
        )
    # households' wishes and volunteer matches in every state (CIV-2), after the volunteers
    from velkomst.pairings.demo import install_demo as pairings_demo

    with transaction.atomic():
        counts.update(
            pairings_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-pairings"),
                reference_date or REFERENCE_DATE,
            )
        )
    # the integration programme of every adult past the takeover date (velkomst.programme.demo)
    from velkomst.programme.demo import install_demo as programme_demo

    rng = random.Random(f"{seed}-{mplan.code}-programme")
    counts.update(programme_demo(municipality, rng, REFERENCE_DATE))
    # round tables with participants, agenda, decisions and follow-ups (COO-3), the demo's way
    from velkomst.roundtables.demo import install_demo as roundtables_demo

    with transaction.atomic():
        counts.update(
            roundtables_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-roundtables"),
                reference_date or REFERENCE_DATE,
            )
        )
    # referrals between units in every state and concerns (COO-1, CIV-3), after the consents
    from velkomst.referrals.demo import install_demo as referrals_demo

    with transaction.atomic():
        counts.update(
            referrals_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-referrals"),
                reference_date or REFERENCE_DATE,
            )
        )
    counts.update(_community(municipality, by_role, f"{seed}-{mplan.code}-community"))
    # the municipality's strategy (MI-1): its seed preset and hand-entered figures
    from velkomst.strategies.demo import install_demo as strategies_demo

    with transaction.atomic():
        counts.update(
            strategies_demo(
                municipality,
                by_role,
                random.Random(f"{seed}-{mplan.code}-strategies"),
                reference_date or REFERENCE_DATE,
            )
        )
    return counts


def _community(municipality: Any, by_role: dict[str, Any], seed: str) -> dict[str, int]:
    """Associations, events with invitations and attendance, free memberships and participation
    (CIV-4, CIV-5, CHI-4): the demo's own function, in bulk (about one event per 400 persons)."""
    import random

    from django.db import transaction

    from velkomst.community.demo import install_demo as community_demo
    from velkomst.core.models import Role
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.housing.models import Area

    coordinator = by_role.get(Role.VOLUNTEER_COORDINATOR)
    if coordinator is None:
        return {}
    with transaction.atomic():
        return community_demo(
            municipality,
            coordinator,
            list(Area.objects.filter(municipality=municipality).order_by("pk")),
            random.Random(seed),
            REFERENCE_DATE,
        )


VOLUNTEERS_PER_PERSON = 10  # 2,000 volunteers at 20,000 persons (issue 12's resource bank)
COMPANIES_PER_PERSON = 50  # one local company per 50 persons: 400 at 20,000
OPENINGS_PER_COMPANY = 2
PROPOSED_SHARE = 0.1  # one adult in ten proposed to an opening


def _companies(municipality: Any, by_role: dict[str, Any], mplan: MunicipalityPlan) -> Counter[str]:
    """Companies (valid CVR numbers), their openings and proposals of adults, in bulk, as the
    demo makes them (velkomst.companies.demo); deterministic for the municipality's code."""
    import random

    from django.db import transaction

    from velkomst.companies import demo
    from velkomst.companies.models import Company, Opening, Proposal
    from velkomst.core.models import Role
    from velkomst.people.models import Person

    counts: Counter[str] = Counter()
    consultant = by_role.get(Role.JOB_CONSULTANT)
    if consultant is None:
        return counts
    rng = random.Random(f"bench-{mplan.code}-companies")
    today = date(2026, 6, 1)
    with transaction.atomic():
        rows = demo.company_rows(
            rng, mplan.name, max(1, mplan.person_count // COMPANIES_PER_PERSON)
        )
        companies = Company.objects.bulk_create(
            [Company(municipality=municipality, **row) for row in rows], batch_size=BATCH
        )
        openings = Opening.objects.bulk_create(
            [
                Opening(
                    municipality=municipality,
                    company=company,
                    **demo.opening_values(i * OPENINGS_PER_COMPANY + k, rng, today),
                )
                for i, company in enumerate(companies)
                for k in range(OPENINGS_PER_COMPANY)
            ],
            batch_size=BATCH,
        )
        adults = list(
            Person.objects.filter(municipality=municipality, birth_date__lte=date(2008, 6, 1))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        chosen = rng.sample(adults, int(len(adults) * PROPOSED_SHARE))
        proposals = Proposal.objects.bulk_create(
            [
                Proposal(
                    municipality=municipality,
                    opening=openings[i % len(openings)],
                    person_id=pk,
                    proposed_on=today,
                    proposed_by=consultant,
                )
                for i, pk in enumerate(chosen)
            ],
            batch_size=BATCH,
        )
    counts.update(companies=len(companies), openings=len(openings), proposals=len(proposals))
    return counts


def _outcomes(code: str, seed: int) -> dict[str, int]:
    """PRG-7: the demo's outcomes (employment at the baselines' rates, education, benefits,
    self-support) for the municipality's adults, bulk-inserted."""
    import random

    from velkomst.core.models import Municipality
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.outcomes.demo import bulk_install

    municipality = Municipality.objects.get(code=code)
    return bulk_install(municipality, random.Random(f"{seed}-{code}-outcomes"), REFERENCE_DATE)


def _temporary_housing(code: str, seed: int) -> dict[str, int]:
    """HOU-4, MI-4: every arrived household's first stay, in a temporary dwelling the
    municipality rents (rent by rooms as the housing demo's ``ROOM_RENT`` and utilities of 400 kr.
    plus 150 a room: round figures of the order a small rented flat costs, not quotes), from the
    arrival for two to ten months, or still there on the reference day; bulk-inserted with the
    stay's monthly cost, so the economy indicators have temporary housing to count."""
    import random
    from datetime import timedelta

    from django.db import transaction
    from django.db.models import Count

    from velkomst.core.models import Municipality
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.engines.calendar import add_months
    from velkomst.housing.demo import AREAS, ROOM_RENT
    from velkomst.housing.models import (
        Area,
        AreaKind,
        Dwelling,
        DwellingStatus,
        DwellingType,
        LandlordKind,
        Placement,
        PlacementEndReason,
        PlacementSource,
    )
    from velkomst.people.models import Household

    rng = random.Random(f"{seed}-{code}-temporary-housing")
    municipality = Municipality.objects.get(code=code)
    households: list[tuple[int, date, int]] = [
        (pk, arrival, size)
        for pk, arrival, size in Household.objects.filter(
            municipality=municipality, arrival_date__isnull=False, arrival_date__lte=REFERENCE_DATE
        )
        .annotate(size=Count("members"))
        .order_by("pk")
        .values_list("pk", "arrival_date", "size")
        if arrival is not None
    ]
    with transaction.atomic():
        areas = [
            Area.objects.get_or_create(
                municipality=municipality, name=name, defaults={"kind": AreaKind.DISTRICT}
            )[0]
            for name in AREAS.get(code, ["Centrum"])
        ]
        dwellings: list[Dwelling] = []
        ends: list[date | None] = []
        for n, (_pk, arrival, size) in enumerate(households):
            rooms = min(max(1, (size + 1) // 2), 5)
            end = add_months(arrival, rng.randint(2, 10)) - timedelta(days=1)
            ends.append(end if end < REFERENCE_DATE else None)
            dwellings.append(
                Dwelling(
                    municipality=municipality,
                    address=f"Midlertidig bolig {n + 1}",
                    area=areas[n % len(areas)],
                    type=DwellingType.TEMPORARY,
                    rooms=rooms,
                    size_m2=25 + 20 * rooms,
                    rent=ROOM_RENT[rooms],
                    utilities=400 + 150 * rooms,
                    landlord_kind=LandlordKind.MUNICIPALITY,
                    landlord_name="Kommunen",
                    available_from=arrival,
                    status=DwellingStatus.AVAILABLE
                    if ends[-1] is not None
                    else DwellingStatus.OCCUPIED,
                )
            )
        Dwelling.objects.bulk_create(dwellings, batch_size=BATCH)
        Placement.objects.bulk_create(
            [
                Placement(
                    municipality=municipality,
                    household_id=pk,
                    dwelling=dwelling,
                    type=DwellingType.TEMPORARY,
                    monthly_cost=dwelling.monthly_cost,
                    start_date=arrival,
                    end_date=end,
                    end_reason=PlacementEndReason.MOVED if end else "",
                    source=PlacementSource.MANUAL,
                )
                for (pk, arrival, _size), dwelling, end in zip(
                    households, dwellings, ends, strict=True
                )
            ],
            batch_size=BATCH,
        )
    return {"dwellings": len(dwellings), "placements": len(dwellings)}


def generate(*, targets: dict[str, int], seed: int, password: str = "") -> dict[str, Any]:
    """Plan and insert ``targets`` ({kommunekode: persons}); skip municipalities that exist."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from velkomst.core.config import DEFAULTS
    from velkomst.core.models import Municipality
    from velkomst.demodata.generator import DEFAULT_PASSWORD
    from velkomst.demodata.plan import municipality_plan

    length = int(DEFAULTS["programme_length_months"])
    password_hash = make_password(password or DEFAULT_PASSWORD)
    report: dict[str, Any] = {"seed": seed, "municipalities": {}}
    totals: Counter[str] = Counter()
    plan_seconds = load_seconds = 0.0
    for code, persons in targets.items():
        if Municipality.objects.filter(code=code).exists():
            print(
                f"kommune {code} findes allerede: springes over (brug --fresh for at starte forfra)"
            )
            continue
        started = time.perf_counter()
        mplan = municipality_plan(
            seed=seed, code=code, persons=persons, programme_length_months=length
        )
        planned = time.perf_counter()
        counts = load_municipality(
            mplan, password_hash=password_hash, programme_length_months=length, seed=seed
        )
        counts.update(_outcomes(code, seed))
        counts.update(_temporary_housing(code, seed))
        loaded = time.perf_counter()
        plan_seconds += planned - started
        load_seconds += loaded - planned
        totals.update(counts)
        report["municipalities"][code] = {
            "name": mplan.name,
            **counts,
            "plan_seconds": round(planned - started, 2),
            "load_seconds": round(loaded - planned, 2),
        }
        print(
            f"{mplan.name:<11} {counts['persons']:>7} personer, {counts['cases']:>6} sager: "
            f"plan {planned - started:5.1f} s, indsættelse {loaded - planned:5.1f} s"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = sum(v for k, v in totals.items() if k != "staff")
    report.update(
        totals=dict(totals),
        plan_seconds=round(plan_seconds, 2),
        load_seconds=round(load_seconds, 2),
        rows_per_second=round(rows / load_seconds) if load_seconds else None,
    )
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--persons", type=int, default=100_000, help="persons in total")
    parser.add_argument(
        "--municipality",
        help="only this municipality (slug or kommunekode), e.g. aalborg; default: all four",
    )
    parser.add_argument(
        "--per-municipality",
        type=int,
        help="this many persons in each of the four municipalities (e.g. 50000 for 200,000); "
        "overrides --persons",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--fresh", action="store_true", help="drop and recreate the bench database first"
    )
    args = parser.parse_args(argv)

    setup_django()
    from velkomst.demodata.plan import SEED_MUNICIPALITIES, spread

    if args.municipality:
        match = [m for m in SEED_MUNICIPALITIES if args.municipality in (m[0], m[2])]
        if not match:
            parser.error(f"unknown municipality {args.municipality!r}")
        targets = {match[0][0]: args.per_municipality or args.persons}
    elif args.per_municipality:
        targets = {code: args.per_municipality for code, *_rest in SEED_MUNICIPALITIES}
    else:
        targets = spread(args.persons)

    ensure_database(fresh=args.fresh)
    migrate()
    started = time.perf_counter()
    report = generate(targets=targets, seed=args.seed)
    report["wall_seconds"] = round(time.perf_counter() - started, 2)
    report["targets"] = targets
    path = write_result("generate", report)
    print(
        f"I alt {report['totals'].get('persons', 0)} personer, "
        f"{sum(report['totals'].values())} rækker på {report['wall_seconds']} s "
        f"({report['rows_per_second']} rækker/s ved indsættelse) → {path}"
    )


if __name__ == "__main__":
    main()
