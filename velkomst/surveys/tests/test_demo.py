"""Demo surveys (CIT-2): invitations in every state, with answers."""

from __future__ import annotations

import random
from datetime import date

from velkomst.people.models import Case, Household
from velkomst.surveys.demo import install_demo
from velkomst.surveys.models import Answer, Invitation, Status


def test_the_demo_sends_surveys_in_every_state_with_answers(household, staff, municipality):
    # REQ: CIT-2
    Household.objects.filter(pk=household.pk).update(arrival_date=date(2022, 1, 10))
    Case.objects.filter(person__household=household).update(programme_end_date=date(2025, 1, 10))
    for n in range(12):  # more households that arrived at other times
        from conftest import member
        from velkomst.people.services import household_create

        other = household_create(
            acting_user=staff["caseworker"],
            name=f"Familie {n}",
            visitation_date=date(2025, 1, 5),
            members=[
                member(first_name=f"Voksen{n}"),
                member(first_name=f"Anden{n}", relation="spouse"),
            ],
        )
        Household.objects.filter(pk=other.pk).update(arrival_date=date(2025, 1 + n % 10, 5))
    counts = install_demo(municipality, staff, random.Random(3), date(2025, 12, 1))
    assert counts["survey_invitations"] == Invitation.objects.count() > 0
    assert set(Invitation.objects.values_list("status", flat=True)) == set(Status.values)
    assert Answer.objects.exists()
    assert not Invitation.objects.filter(person__first_name="Lina").exists()  # a child
