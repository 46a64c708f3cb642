"""The retention job (SEC-4) over N persons, 10 % of them due: the dry run, then the approved
run in batches (each its own transaction), with the audit log's entries about every erased
person pseudonymised. Goal (issue 15): 200,000 persons under 10 minutes on PostgreSQL.

    python -m bench.bench_retention --persons 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/velkomst_bench \\
        python -m bench.bench_retention --persons 200000

The data is its own municipality ("Sletteby", code 998), written in bulk: households of three
(two adults with a case, a phase transition, a journal note and an audit entry that names them,
and a child without a case); in three households of every twenty the adults' cases ended six
years before the run's day: 10 % of the persons are due (the children have no case, so no event,
and are kept). The rules delete persons, cases and journal notes 60
months after the case closed. The municipality is removed and made again on every run. Prints
a markdown table and writes bench/results/retention-<database>-<time>.json.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from typing import Any

from .common import ensure_database, migrate, setup_django, write_result

CODE = "998"
AS_OF = date(2031, 6, 1)
CLOSED = date(2025, 1, 10)


def _wipe() -> None:
    """Remove an earlier run's municipality (audit entries only through their own retention:
    the bench database's log keeps them; they are another municipality id each time)."""
    from django.db import connection

    from velkomst.core.models import Municipality

    found = Municipality.objects.filter(code=CODE).first()
    if found is None:
        return
    m = found.pk
    with connection.cursor() as cursor:
        for sql in (
            "DELETE FROM retention_anonymisedrecord WHERE municipality_id = %s",
            "DELETE FROM retention_runitem WHERE run_id IN "
            "(SELECT id FROM retention_run WHERE municipality_id = %s)",
            "DELETE FROM retention_run WHERE municipality_id = %s",
            "DELETE FROM retention_rule WHERE municipality_id = %s",
            "DELETE FROM retention_ruleset WHERE municipality_id = %s",
            "DELETE FROM people_journalnote WHERE case_id IN "
            "(SELECT id FROM people_case WHERE municipality_id = %s)",
            "DELETE FROM people_phasetransition WHERE case_id IN "
            "(SELECT id FROM people_case WHERE municipality_id = %s)",
            "DELETE FROM people_case WHERE municipality_id = %s",
            "DELETE FROM people_personlanguage WHERE person_id IN "
            "(SELECT id FROM people_person WHERE municipality_id = %s)",
            "DELETE FROM people_person WHERE municipality_id = %s",
            "DELETE FROM people_household_units WHERE household_id IN "
            "(SELECT id FROM people_household WHERE municipality_id = %s)",
            "DELETE FROM people_household WHERE municipality_id = %s",
        ):
            cursor.execute(sql, [m])
    from velkomst.core.models import StaffUser, Unit

    StaffUser.objects.filter(municipality_id=m).delete()
    Unit.objects.filter(municipality_id=m).delete()
    found.configs.all().delete()
    found.delete()


def _generate(persons: int) -> tuple[Any, int]:
    """The municipality with ``persons`` persons; returns it and how many persons are due."""
    from django.utils import timezone

    from velkomst.core import audit
    from velkomst.core.models import AuditEntry, Role, StaffUser
    from velkomst.core.services import municipality_create
    from velkomst.people.models import Case, Household, JournalNote, Person, PhaseTransition

    municipality = municipality_create(code=CODE, name="Sletteby")
    admin = StaffUser.objects.create_user(
        username="sletteby-administrator",
        municipality=municipality,
        role=Role.ADMINISTRATOR,
        first_name="Ada",
        last_name="Administrator",
    )
    households = persons // 3
    now = timezone.now()
    made = Household.objects.bulk_create(
        [
            Household(municipality=municipality, name=f"Familien Nr{i}", address=f"Vej {i}")
            for i in range(households)
        ],
        batch_size=5000,
    )
    people: list[Person] = []
    for i, h in enumerate(made):
        for n, (first, relation, born) in enumerate(
            (("Amal", "head", 1988), ("Omar", "spouse", 1985), ("Lina", "child", 2016))
        ):
            people.append(
                Person(
                    municipality=municipality,
                    household=h,
                    first_name=f"{first}{i}",
                    last_name=f"Haddad{i}",
                    birth_date=date(born, 3, 14),
                    sex="F" if n != 1 else "M",
                    nationality="SY",
                    cpr=f"{1403880000 + (3 * i + n) % 10000:010d}",
                    residence_basis="refugee",
                    relation=relation,
                )
            )
    people = Person.objects.bulk_create(people, batch_size=5000)
    adults = [p for p in people if p.relation != "child"]
    due_households = {h.pk for i, h in enumerate(made) if i % 20 in (0, 7, 13)}
    cases = Case.objects.bulk_create(
        [
            Case(
                municipality=municipality,
                person=p,
                phase="ended" if p.household_id in due_households else "programme",
                end_reason="self_supporting" if p.household_id in due_households else "",
                visitation_date=date(2020, 1, 1),
                takeover_date=date(2020, 2, 1),
                programme_end_date=date(2023, 2, 1),
            )
            for p in adults
        ],
        batch_size=5000,
    )
    PhaseTransition.objects.bulk_create(
        [
            PhaseTransition(
                case=c,
                from_phase="programme",
                to_phase=c.phase,
                effective_date=CLOSED if c.phase == "ended" else date(2020, 2, 1),
                reason="Selvforsørgende",
                actor=admin,
            )
            for c in cases
        ],
        batch_size=5000,
    )
    JournalNote.objects.bulk_create(
        [JournalNote(case=c, author=admin, text="Samtale om job og bolig.") for c in cases],
        batch_size=5000,
    )
    by_id = {p.pk: p for p in adults}
    audit.log_bulk(
        {
            **audit.entry(
                actor=admin,
                action="change",
                person_id=c.person_id,
                changes={"first_name": ["", by_id[c.person_id].first_name]},
                reason=f"{by_id[c.person_id].full_name}: navnet rettet",
            ),
            "object_type": "people.Person",
            "object_id": str(c.person_id),
            "at": now,
        }
        for c in cases
    )
    assert AuditEntry.objects.filter(municipality_id=municipality.pk).count() >= len(cases)
    due = sum(1 for p in adults if p.household_id in due_households)
    return municipality, due


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--persons", type=int, default=20000)
    args = parser.parse_args(argv)
    setup_django()
    ensure_database()
    migrate()
    from velkomst.core.models import StaffUser
    from velkomst.people.models import Person
    from velkomst.retention import erasure, services
    from velkomst.retention.models import Run, RunItem
    from velkomst.retention.tests.conftest import rules

    _wipe()
    started = time.perf_counter()
    municipality, due_persons = _generate(args.persons)
    generated = time.perf_counter() - started
    persons = Person.objects.filter(municipality=municipality).count()
    print(f"{persons} personer, {due_persons} med udløbet opbevaringstid ({generated:.0f} s)")
    admin = StaffUser.objects.get(municipality=municipality)
    services.rule_set_create(
        acting_user=admin,
        effective_from=date(2020, 1, 1),
        values=rules(
            person=(60, "case_closed", "delete"),
            case=(60, "case_closed", "delete"),
            journal_note=(60, "case_closed", "delete"),
        ),
    )
    run = Run.objects.create(municipality=municipality, as_of=AS_OF, requested_by=admin)
    started = time.perf_counter()
    erasure.plan(run.pk)
    plan_seconds = time.perf_counter() - started
    run.refresh_from_db()
    print(f"prøvekørsel: {run.progress_total} poster på {plan_seconds:.1f} s")
    Run.objects.filter(pk=run.pk).update(
        state="approved", approved_by=admin, approved_at=run.planned_at
    )
    last = [time.perf_counter()]

    def progress(batch: int) -> None:
        if batch % 20 == 0:
            done = RunItem.objects.filter(run=run, done_at__isnull=False).count()
            print(
                f"  parti {batch + 1}: {done}/{run.progress_total} ({time.perf_counter() - last[0]:.0f} s)"
            )

    started = time.perf_counter()
    erasure.execute(run.pk, on_batch=progress)
    execute_seconds = time.perf_counter() - started
    run.refresh_from_db()
    assert run.state == "done" and run.progress_done == run.progress_total
    left = Person.objects.filter(municipality=municipality).count()
    assert left == persons - due_persons, (left, persons, due_persons)
    total = plan_seconds + execute_seconds
    rows = [
        ("persons", persons),
        ("due persons", due_persons),
        ("items (notes, cases, persons)", run.progress_total),
        ("batches", run.batches_done),
        ("dry run (s)", round(plan_seconds, 1)),
        ("execution (s)", round(execute_seconds, 1)),
        ("total (s)", round(total, 1)),
        ("extrapolated to 200,000 persons (s)", round(total * 200_000 / persons, 0)),
    ]
    print("\n| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    path = write_result(
        "retention",
        {
            "persons": persons,
            "due_persons": due_persons,
            "items": run.progress_total,
            "batches": run.batches_done,
            "batch_size": erasure.BATCH_SIZE,
            "plan_seconds": plan_seconds,
            "execute_seconds": execute_seconds,
            "generate_seconds": generated,
        },
    )
    print(f"\n{path}")


if __name__ == "__main__":
    main()
