"""household_register: a household is registered together with its reception plan."""

from datetime import date

import pytest

from conftest import member
from velkomst.core.models import UnitKind
from velkomst.reception.services import household_register


@pytest.mark.django_db
def test_register_household_with_children_adds_children_family_unit(caseworker):
    # REQ: CHI-1
    household = household_register(
        acting_user=caseworker,
        name="Familien Haddad",
        members=[
            member(),
            member(first_name="Sara", birth_date=date(2016, 3, 1), relation="child"),
        ],
        visitation_date=date(2025, 3, 3),
        expected_arrival_date=date(2025, 5, 5),
    )
    kinds = set(household.units.values_list("kind", flat=True))
    assert UnitKind.CHILDREN_FAMILY in kinds
    assert household.members.count() == 2


@pytest.mark.django_db
def test_register_household_without_children(caseworker):
    # REQ: REC-2
    household = household_register(
        acting_user=caseworker,
        name="Hr. Nasser",
        members=[member()],
        visitation_date=date(2025, 3, 3),
    )
    kinds = set(household.units.values_list("kind", flat=True))
    assert UnitKind.CHILDREN_FAMILY not in kinds
