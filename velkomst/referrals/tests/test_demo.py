from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.core.models import Role
from velkomst.referrals.demo import install_demo
from velkomst.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_demo_has_referrals_in_every_state_and_is_deterministic(municipality, staff, household):
    # REQ: COO-1
    from velkomst.people.models import Case, Person

    # enough adults past takeover that every state occurs
    Case.objects.filter(person__household=household).update(takeover_date=date(2026, 1, 1))
    adults = list(Person.objects.filter(household=household, birth_date__lt=date(2000, 1, 1)))
    for n in range(360):
        clone = adults[n % len(adults)]
        clone.pk = None
        clone.first_name = f"Kopi{n}"
        clone.save()
        Case.objects.create(
            municipality=municipality,
            person=clone,
            phase="reception",
            visitation_date=date(2025, 12, 1),
            takeover_date=date(2026, 1, 1),
            programme_end_date=date(2029, 1, 1),
        )
    by_role = {str(Role(role)): user for role, user in staff.items()}
    counts = install_demo(municipality, by_role, random.Random("7-400-referrals"), date(2026, 9, 1))
    first = list(Referral.objects.order_by("id").values_list("person_id", "kind", "status"))
    assert counts["referrals"] == len(first)
    statuses = {status for _, _, status in first}
    assert statuses == {"new", "accepted", "returned", "done"}
    assert counts["referral_overdue"] and counts["referral_concern"] == 3
    overdue = Referral.objects.filter(
        status="new", answer_due__lt=date(2026, 9, 1), is_concern=False
    )
    assert overdue.exists()
    assert not Referral.objects.filter(status__in=["accepted", "done"], owner=None).exists()
    assert not Referral.objects.filter(status="returned", return_reason="").exists()
    Referral.objects.all().delete()
    install_demo(municipality, by_role, random.Random("7-400-referrals"), date(2026, 9, 1))
    again = list(Referral.objects.order_by("id").values_list("person_id", "kind", "status"))
    assert again == first
