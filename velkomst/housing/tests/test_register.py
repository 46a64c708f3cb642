"""The dwelling register and households' housing needs: rules, services, audit, concurrency."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.housing import rules, services
from velkomst.housing.models import Dwelling, HousingNeed

from .conftest import dwelling_values

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("adults", "children", "couple", "rooms"),
    [
        (1, 0, False, 1),
        (0, 0, False, 1),
        (2, 0, True, 1),
        (2, 0, False, 2),
        (2, 1, True, 2),
        (2, 3, True, 3),
        (1, 4, False, 3),
        (3, 2, True, 3),
    ],
)
def test_rooms_needed_couples_share_and_children_two_per_room(adults, children, couple, rooms):
    # REQ: HOU-2
    assert rules.rooms_needed(adults=adults, children=children, couple=couple) == rooms


def test_max_rent_is_income_times_share_rounded_down():
    # REQ: HOU-2
    assert rules.max_rent(monthly_income=15001, share=0.5) == 7500
    assert rules.max_rent(monthly_income=10000, share="0.35") == 3500
    assert rules.max_rent(monthly_income=None, share=0.5) is None


def test_area_names_are_unique_per_municipality(officer, area, other_municipality):
    # REQ: HOU-1
    with pytest.raises(ValidationError) as error:
        services.area_create(acting_user=officer, name="rønne nord", kind="town")
    assert "name" in error.value.message_dict
    from conftest import _make_user

    other = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    assert services.area_create(acting_user=other, name="Rønne Nord", kind="town").pk


def test_dwelling_create_and_update_write_audit_and_bump_version(officer, area, dwelling):
    # REQ: HOU-1
    assert dwelling.monthly_cost == 5800
    assert dwelling.travel_minutes == {"school": 10}
    assert AuditEntry.objects.filter(object_type="housing.Dwelling", action="create").count() == 1
    services.dwelling_update(
        dwelling=dwelling, acting_user=officer, expected_version=1, rent=5400, status="reserved"
    )
    dwelling.refresh_from_db()
    assert (dwelling.rent, dwelling.status, dwelling.version) == (5400, "reserved", 2)
    entry = AuditEntry.objects.get(object_type="housing.Dwelling", action="change")
    assert entry.changes == {"rent": [5200, 5400], "status": ["available", "reserved"]}


def test_dwelling_validation_gives_field_messages(officer, area):
    # REQ: HOU-1
    with pytest.raises(ValidationError) as error:
        services.dwelling_create(acting_user=officer, **dwelling_values(area, address=" ", rooms=0))
    assert set(error.value.message_dict) == {"address", "rooms"}
    assert not Dwelling.objects.exists()


def test_a_stale_version_is_refused(officer, dwelling, area):
    # REQ: SEC-5
    services.dwelling_update(dwelling=dwelling, acting_user=officer, expected_version=1, rooms=4)
    stale = Dwelling.objects.get(pk=dwelling.pk)
    with pytest.raises(ConcurrentEditError):
        services.dwelling_update(dwelling=stale, acting_user=officer, expected_version=1, rooms=2)
    assert Dwelling.objects.get(pk=dwelling.pk).rooms == 4
    with pytest.raises(ConcurrentEditError):
        services.area_update(area=area, acting_user=officer, expected_version=7, note="x")


def test_only_housing_officers_write(staff, area):
    # REQ: SEC-2
    for role in ("caseworker", "manager", "job_consultant"):
        with pytest.raises(PermissionDenied):
            services.area_create(acting_user=staff[role], name=f"Område {role}", kind="town")


def test_need_defaults_rooms_rent_and_date_and_audits_each_member(officer, household):
    # REQ: HOU-2
    need = services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(expected_monthly_income=16000),
    )
    # a couple with one child: one room for the couple, one for the child
    assert need.rooms_needed == 2
    assert need.max_rent == 8000
    assert need.needed_by == date(2026, 7, 1)
    members = set(household.members.values_list("pk", flat=True))
    entries = AuditEntry.objects.filter(object_type="housing.HousingNeed")
    assert set(entries.values_list("person_id", flat=True)) == members


def test_need_max_rent_share_is_configuration(officer, household, municipality):
    # REQ: HOU-2
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2020, 1, 1),
        values={"max_rent_share_of_income": 0.4},
    )
    need = services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(expected_monthly_income=10000, rooms_needed=3),
    )
    assert (need.max_rent, need.rooms_needed) == (4000, 3)
    entered = services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(expected_monthly_income=10000, max_rent=6500),
        expected_version=need.version,
    )
    assert entered.max_rent == 6500 and entered.version == 2


def test_need_concurrent_edit_is_refused(officer, household):
    # REQ: SEC-5
    need = services.housing_need_save(
        household=household, acting_user=officer, data=services.NeedData(wishes="Have")
    )
    services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(wishes="Altan"),
        expected_version=need.version,
    )
    with pytest.raises(ConcurrentEditError):
        services.housing_need_save(
            household=household,
            acting_user=officer,
            data=services.NeedData(wishes="Kælder"),
            expected_version=need.version,
        )
    assert HousingNeed.objects.get().wishes == "Altan"


def test_need_refuses_another_municipalitys_household(officer, other_household):
    # REQ: SEC-1
    with pytest.raises(PermissionDenied):
        services.housing_need_save(
            household=other_household, acting_user=officer, data=services.NeedData()
        )
