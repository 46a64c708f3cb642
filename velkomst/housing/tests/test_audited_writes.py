"""A move frees or occupies a dwelling through the register's own versioned, audited write; an
edit that changes nothing writes nothing (SEC-3, SEC-5)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from velkomst.core.models import AuditAction, AuditEntry
from velkomst.housing import services
from velkomst.housing.models import Dwelling, DwellingStatus
from velkomst.housing.services import NeedData

from .conftest import dwelling_values

pytestmark = pytest.mark.django_db

MOVE_IN = date(2026, 7, 1)


def _dwelling_rows(dwelling: Dwelling) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type="housing.Dwelling", object_id=str(dwelling.pk), action=AuditAction.CHANGE
        ).order_by("pk")
    )


def _form_data(area, version: int, **overrides) -> dict:
    values = dwelling_values(area, **overrides)
    data = {k: v for k, v in values.items() if v is not None}
    data.update(area=area.pk, available_from="2026-06-01", version=version)
    return data


def test_a_form_opened_before_a_move_out_cannot_set_the_dwelling_occupied_again(
    client, officer, household, dwelling, area
):
    # REQ: SEC-5
    services.placement_start(
        acting_user=officer, household=household, dwelling=dwelling, start_date=MOVE_IN
    )
    client.force_login(officer)
    url = reverse("housing-dwelling-edit", args=[dwelling.pk])
    page = client.get(url).content.decode()
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found is not None
    seen = int(found.group(1))
    dwelling.refresh_from_db()
    assert (dwelling.status, dwelling.version) == (DwellingStatus.OCCUPIED, seen)

    services.placement_end(
        acting_user=officer, household=household, end_date=date(2026, 9, 30), reason="moved_away"
    )
    stale = client.post(url, _form_data(area, seen, status=DwellingStatus.OCCUPIED, rooms=4))

    assert stale.status_code == 200 and "En anden har gemt" in stale.content.decode()
    dwelling.refresh_from_db()
    assert (dwelling.status, dwelling.rooms, dwelling.version) == ("available", 3, seen + 1)


def test_moving_in_and_out_audits_the_dwellings_status_and_bumps_its_version(
    officer, household, dwelling
):
    # REQ: SEC-3
    assert dwelling.version == 1
    services.placement_start(
        acting_user=officer, household=household, dwelling=dwelling, start_date=MOVE_IN
    )
    dwelling.refresh_from_db()
    assert (dwelling.status, dwelling.version) == (DwellingStatus.OCCUPIED, 2)
    services.placement_end(
        acting_user=officer, household=household, end_date=date(2026, 9, 30), reason="moved_away"
    )
    dwelling.refresh_from_db()
    assert (dwelling.status, dwelling.version) == (DwellingStatus.AVAILABLE, 3)
    assert [(row.actor_id, row.changes) for row in _dwelling_rows(dwelling)] == [
        (officer.pk, {"status": ["available", "occupied"]}),
        (officer.pk, {"status": ["occupied", "available"]}),
    ]


def test_a_move_between_dwellings_frees_the_old_and_occupies_the_new_audited(
    officer, household, dwelling, area
):
    # REQ: SEC-3
    second = services.dwelling_create(
        acting_user=officer, **dwelling_values(area, address="Lillegade 4")
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=dwelling, start_date=MOVE_IN
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=second, start_date=date(2026, 10, 1)
    )
    dwelling.refresh_from_db()
    second.refresh_from_db()
    assert (dwelling.status, dwelling.version) == (DwellingStatus.AVAILABLE, 3)
    assert (second.status, second.version) == (DwellingStatus.OCCUPIED, 2)
    assert _dwelling_rows(dwelling)[-1].changes == {"status": ["occupied", "available"]}
    assert _dwelling_rows(second)[-1].changes == {"status": ["available", "occupied"]}


def test_a_shared_dwelling_already_occupied_stays_as_it_is_when_one_more_moves_in(
    officer, household, single, area
):
    # REQ: SEC-5
    shared = services.dwelling_create(
        acting_user=officer, **dwelling_values(area, address="Fælleshuset", type="shared")
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=shared, start_date=MOVE_IN
    )
    services.placement_start(
        acting_user=officer, household=single, dwelling=shared, start_date=MOVE_IN
    )
    shared.refresh_from_db()
    assert (shared.status, shared.version) == (DwellingStatus.OCCUPIED, 2)
    assert len(_dwelling_rows(shared)) == 1


def test_saving_a_dwelling_form_unchanged_writes_no_audit_row_and_keeps_the_version(
    client, officer, dwelling, area
):
    # REQ: SEC-5
    client.force_login(officer)
    url = reverse("housing-dwelling-edit", args=[dwelling.pk])
    before = AuditEntry.objects.count()
    data = _form_data(area, dwelling.version, status=DwellingStatus.AVAILABLE)
    assert client.post(url, data).status_code == 302
    dwelling.refresh_from_db()
    assert dwelling.version == 1
    assert AuditEntry.objects.count() == before
    # and a colleague's form opened at the same time still saves
    assert client.post(url, data | {"rooms": 4}).status_code == 302
    dwelling.refresh_from_db()
    assert (dwelling.rooms, dwelling.version) == (4, 2)


def test_an_unchanged_housing_need_writes_no_audit_rows(officer, household):
    # REQ: SEC-5
    need = services.housing_need_save(
        household=household, acting_user=officer, data=NeedData(expected_monthly_income=18000)
    )
    before = AuditEntry.objects.count()
    again = services.housing_need_save(
        household=household,
        acting_user=officer,
        data=NeedData(expected_monthly_income=18000),
        expected_version=need.version,
    )
    assert again.version == need.version == 1
    assert AuditEntry.objects.count() == before


def test_an_unchanged_lodging_profile_writes_nothing_and_a_change_is_audited_per_member(
    officer, household
):
    # REQ: SEC-5
    # REQ: SEC-3
    from velkomst.hosts.services import ProfileData, lodging_profile_save

    profile = lodging_profile_save(
        household=household, acting_user=officer, data=ProfileData(has_pets=True)
    )
    before = AuditEntry.objects.count()
    same = lodging_profile_save(
        household=household,
        acting_user=officer,
        data=ProfileData(has_pets=True),
        expected_version=1,
    )
    assert same.version == 1 and AuditEntry.objects.count() == before
    changed = lodging_profile_save(
        household=household, acting_user=officer, data=ProfileData(smokes=True), expected_version=1
    )
    assert changed.version == 2
    rows = AuditEntry.objects.filter(object_type="hosts.LodgingProfile", action="change")
    assert set(rows.values_list("person_id", flat=True)) == set(
        household.members.values_list("pk", flat=True)
    )
    assert rows.count() == household.members.count()
    assert rows[0].changes == {"has_pets": [True, False], "smokes": [False, True]}
    assert profile.pk == changed.pk
