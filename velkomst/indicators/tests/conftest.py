"""Small hand-made datasets: households that arrived on a given day, with their members."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import member


@pytest.fixture
def arrive(caseworker):
    """arrive(date(2025, 3, 1), [member(...), ...]) -> the household, arrived on that day."""
    from velkomst.people.models import Household
    from velkomst.people.services import household_create

    def make(arrival: date, members: list, user=None):
        household = household_create(
            acting_user=user or caseworker,
            name=f"Familie {Household.objects.count() + 1}",
            visitation_date=arrival,
            expected_arrival_date=arrival,
            members=members,
        )
        Household.objects.filter(pk=household.pk).update(arrival_date=arrival)
        household.refresh_from_db()
        return household

    return make


def job(person, start, end=None, subsidy="none", hours=37):
    """An employment of ``person`` from ``start`` (to ``end``), ``hours`` a week."""
    from velkomst.outcomes.models import Employment

    return Employment.objects.create(
        municipality=person.municipality,
        person=person,
        employer_name="Danish Crown",
        start_date=start,
        end_date=end,
        hours_per_week=hours,
        subsidy=subsidy,
    )


def one_of_two_in_work(arrive):
    """Amal (F, 37) works unsupported from 10 June 2026; Omar (M, 41) does not: 1 of 2. Their
    household arrived on 1 March 2025."""
    household = arrive(
        date(2025, 3, 1),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
        ],
    )
    job(household.members.get(first_name="Amal"), date(2026, 6, 10))
    return household


def exam(person, name, taken_on, result="passed"):
    """A Danish exam ``name`` (PD1 …) ``person`` took on ``taken_on``, passed unless told."""
    from velkomst.danish.models import DanishExam
    from velkomst.danish.rules import term_of

    return DanishExam.objects.create(
        municipality=person.municipality,
        person=person,
        exam=name,
        term=term_of(taken_on) or str(taken_on.year),
        taken_on=taken_on,
        result=result,
        grade="7" if result == "passed" else "00",
    )


__all__ = ["exam", "job", "member"]
