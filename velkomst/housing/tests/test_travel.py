"""Travel minutes between areas and the travel to a household's workplace or education (HOU-2,
HOU-3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.housing import runs, services, travel
from velkomst.housing.models import AreaTravel

from .conftest import JULY, dwelling_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(officer):
    return services.area_create(acting_user=officer, name="Nexø", kind="town")


def test_travel_minutes_are_stored_both_ways_and_audited(officer, area, town):
    # REQ: HOU-2
    changed = travel.travel_save(
        acting_user=officer,
        minutes={(area.pk, town.pk): 35, (area.pk, area.pk): 8, (town.pk, town.pk): None},
    )
    assert changed == 2
    grid = travel.travel_grid(officer)
    assert grid.get(town.pk, area.pk) == grid.get(area.pk, town.pk) == 35
    assert grid.get(area.pk, area.pk) == 8 and grid.get(town.pk, town.pk) is None
    assert travel.travel_to(officer.municipality_id) == {
        area.pk: {"Nexø": 35, "Rønne Nord": 8},
        town.pk: {"Rønne Nord": 35},
    }
    assert AreaTravel.objects.count() == 3
    entry = AuditEntry.objects.get(reason="travel minutes between areas")
    assert entry.changes == {"Rønne Nord – Nexø": [None, 35], "Rønne Nord – Rønne Nord": [None, 8]}
    assert travel.travel_save(acting_user=officer, minutes={(area.pk, town.pk): 35}) == 0
    travel.travel_save(acting_user=officer, minutes={(area.pk, town.pk): None})
    assert AreaTravel.objects.count() == 1  # the time within Rønne Nord stays


def test_a_bad_value_names_its_field_and_nothing_is_saved(officer, area, town, other_caseworker):
    # REQ: HOU-2
    with pytest.raises(ValidationError) as error:
        travel.travel_save(
            acting_user=officer, minutes={(area.pk, area.pk): 5, (area.pk, town.pk): 700}
        )
    assert list(error.value.message_dict) == [f"t_{area.pk}_{town.pk}"]
    assert not AreaTravel.objects.exists()
    from conftest import _make_user

    outsider = _make_user(other_caseworker.municipality, "housing_officer", "ab-h", ("housing",))
    with pytest.raises(ValidationError):  # another municipality's areas do not exist for them
        travel.travel_save(acting_user=outsider, minutes={(area.pk, town.pk): 5})
    with pytest.raises(PermissionDenied):
        travel.travel_save(acting_user=other_caseworker, minutes={})


def test_the_run_weighs_the_travel_to_the_workplace(officer, batch, area, town):
    # REQ: HOU-2, HOU-3
    near = services.dwelling_create(
        acting_user=officer, **dwelling_values(town, address="Havnegade 3", rent=5000)
    )
    travel.travel_save(acting_user=officer, minutes={(area.pk, town.pk): 45, (town.pk, town.pk): 6})
    need = batch["family"].housing_need
    services.housing_need_save(
        household=batch["family"],
        acting_user=officer,
        data=services.NeedData(
            rooms_needed=2, max_rent=7000, needed_by=JULY, workplace_or_school_area=town
        ),
        expected_version=need.version,
    )
    run = runs.run_start(acting_user=officer, household_ids=[batch["family"].pk])
    suggestion = run.suggestions.get()
    assert suggestion.dwelling == near and suggestion.parts["target"] > 0
    reasons = runs.reasons_text(suggestion.explanations, "da")
    assert "6 min. til arbejde eller uddannelse (Nexø)" in reasons


def test_the_travel_page(client, officer, area, town, staff):
    # REQ: HOU-2
    url = reverse("housing-area-travel")
    client.force_login(officer)
    page = client.get(url)
    assert page.status_code == 200 and "Fra Nexø til Rønne Nord (minutter)" in page.text
    field = f"t_{area.pk}_{town.pk}"
    bad = client.post(url, {field: "-3"})
    assert bad.status_code == 422
    assert client.post(url, {field: "20"}).status_code == 302
    assert travel.travel_grid(officer).get(area.pk, town.pk) == 20
    client.force_login(staff["caseworker"])
    assert client.get(url).status_code == 200
    assert client.post(url, {field: "25"}).status_code == 403
