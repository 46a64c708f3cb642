"""The register's rows convert to the placement engine's input (HOU-3 uses HOU-1 and HOU-2)."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.engines.placement import model as engine
from velkomst.housing import services
from velkomst.housing.engine_input import engine_area, engine_dwelling, engine_household
from velkomst.housing.models import DwellingType

pytestmark = pytest.mark.django_db


def test_every_dwelling_type_is_one_the_engine_knows():
    # REQ: HOU-1
    assert {t.value for t in DwellingType} == {t.value for t in engine.DwellingType}


def test_rows_convert_to_engine_dataclasses(officer, area, dwelling, household):
    # REQ: HOU-2
    services.area_update(area=area, acting_user=officer, expected_version=1, vulnerable=True)
    need = services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(expected_monthly_income=12000, step_free_needed=True),
    )
    assert engine_area(area) == engine.Area(id=str(area.pk), name="Rønne Nord", vulnerable=True)
    converted = engine_dwelling(dwelling)
    assert converted.monthly_cost == 5800 and converted.travel_minutes == {"school": 10}
    assert converted.type is engine.DwellingType.PERMANENT
    members = list(household.members.prefetch_related("languages"))
    result = engine_household(household, need, members)
    assert (result.size, result.adults, result.children, result.rooms_needed) == (3, 2, 1, 2)
    assert (result.max_rent, result.needed_by, result.step_free) == (6000, date(2026, 7, 1), True)
    assert (result.language, result.nationality, result.is_family) == ("ar", "SY", True)


def test_stateless_and_unknown_heads_are_nobodys_countrymen(officer, household):
    # REQ: HOU-3
    """Under a not-alone rule by nationality, "stateless" and "unknown" are no country whose
    people are each other's fellows: such a household counts in no nationality group."""
    need = services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(expected_monthly_income=12000),
    )
    members = list(household.members.prefetch_related("languages"))
    for code in ("XXA", "XXX", "XX"):
        for member in members:
            member.nationality = code
        result = engine_household(household, need, members)
        assert (result.nationality, result.language) == ("", "ar")
