"""A small hand-made dataset for the erasure job: the Haddad household in Bornholm (Amal and
Omar, adults with cases; Lina, a child), their cases closed on 10 January 2026, and a household
in Aalborg closed the same day."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import member

CLOSED = date(2026, 1, 10)
AS_OF = date(2031, 6, 1)  # five years and more after the cases closed


def close_case(case, actor, day=CLOSED, end_reason="moved_away"):
    from velkomst.people.models import Case, Phase, PhaseTransition

    PhaseTransition.objects.create(
        case=case,
        from_phase=case.phase,
        to_phase=Phase.ENDED,
        effective_date=day,
        reason="Flyttet til Aalborg",
        end_reason=end_reason,
        actor=actor,
    )
    Case.objects.filter(pk=case.pk).update(phase=Phase.ENDED, end_reason=end_reason)


def rules(**overrides):
    """Rule values for every kind: kept, unless overridden ({kind: (months, event, action)})."""
    from velkomst.retention.models import RecordKind

    values = {
        kind: {"months": 0, "event": "case_closed", "action": "keep"} for kind in RecordKind.values
    }
    values["audit_entry"]["event"] = "created"
    for kind, (months, event, action) in overrides.items():
        values[kind] = {"months": months, "event": event, "action": action}
    return values


@pytest.fixture
def admin(staff):
    return staff["administrator"]


@pytest.fixture
def haddad(caseworker):
    """{first name: person} of the Haddad household, adults' cases closed, a note on each."""
    from velkomst.people.services import household_create, note_add

    household = household_create(
        acting_user=caseworker,
        name="Familien Haddad",
        visitation_date=date(2025, 2, 15),
        expected_arrival_date=date(2025, 3, 1),
        members=[
            member(cpr="1403881234"),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Lina", birth_date=date(2016, 9, 9), relation="child", languages=[]),
        ],
    )
    household.address = "Storegade 1, 3700 Rønne"
    household.save(update_fields=["address"])
    people = {p.first_name: p for p in household.members.all()}
    for name in ("Amal", "Omar"):
        case = people[name].case
        note_add(case=case, acting_user=caseworker, text=f"{name} Haddad ringede om boligen.")
        close_case(case, caseworker)
    return people


@pytest.fixture
def aalborg(other_caseworker):
    from velkomst.people.services import household_create

    household = household_create(
        acting_user=other_caseworker,
        name="Familien Nasser",
        visitation_date=date(2025, 2, 15),
        expected_arrival_date=date(2025, 3, 1),
        members=[member(first_name="Rana", last_name="Nasser")],
    )
    person = household.members.get()
    close_case(person.case, other_caseworker)
    return person


def run_job(admin, as_of=AS_OF):
    """A dry run for the administrator's municipality, approved and done."""
    from velkomst.retention import services

    run = services.request_dry_run(
        acting_user=admin, municipality_id=admin.municipality_id, as_of=as_of
    )
    run = services.approve(acting_user=admin, run_id=run.pk)
    run.refresh_from_db()
    return run
