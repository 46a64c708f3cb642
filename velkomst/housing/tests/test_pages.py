"""The housing register's pages: roles, tenant isolation, filters, paging, forms."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.housing import services
from velkomst.housing.models import Area, Dwelling, HousingNeed

from .conftest import dwelling_values

pytestmark = pytest.mark.django_db

# role -> (dwelling list, area list, new dwelling, housing need of the household,
#          placement runs, new run, time in temporary housing, the household's housing)
MATRIX = {
    "housing_officer": (200, 200, 200, 200, 200, 200, 200, 200),
    "caseworker": (200, 200, 403, 200, 200, 403, 200, 200),
    "manager": (200, 200, 403, 200, 200, 403, 200, 200),
    "job_consultant": (403, 403, 403, 403, 403, 403, 403, 403),
    "administrator": (403, 403, 403, 403, 403, 403, 403, 403),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix(client, staff, household, role):
    # REQ: SEC-2
    client.force_login(staff[role])
    urls = [
        reverse("housing-dwelling-list"),
        reverse("housing-area-list"),
        reverse("housing-dwelling-create"),
        reverse("household-housing-need", args=[household.pk]),
        reverse("housing-run-list"),
        reverse("housing-run-create"),
        reverse("housing-temporary"),
        reverse("household-housing", args=[household.pk]),
    ]
    assert tuple(client.get(url).status_code for url in urls) == MATRIX[role]


def test_the_menu_and_household_page_link_to_housing(client, staff, household):
    # REQ: HOU-2
    client.force_login(staff["caseworker"])
    html = client.get(reverse("household-detail", args=[household.pk])).content.decode()
    assert reverse("household-housing-need", args=[household.pk]) in html
    assert reverse("household-housing", args=[household.pk]) in html
    assert reverse("housing-dwelling-list") in html


def test_another_municipalitys_objects_are_404(client, staff, other_household, other_municipality):
    # REQ: SEC-1
    from conftest import _make_user

    outsider = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    area = services.area_create(acting_user=outsider, name="Vestbyen", kind="district")
    dwelling = services.dwelling_create(acting_user=outsider, **dwelling_values(area))
    client.force_login(staff["housing_officer"])
    for url in (
        reverse("housing-area-edit", args=[area.pk]),
        reverse("housing-dwelling-edit", args=[dwelling.pk]),
        reverse("household-housing-need", args=[other_household.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "x"}).status_code == 404
    listing = client.get(reverse("housing-dwelling-list")).content.decode()
    assert "Storegade" not in listing and "0 boliger" in listing
    assert "Vestbyen" not in client.get(reverse("housing-area-list")).content.decode()


def test_areas_are_created_and_edited_through_the_pages(client, officer):
    # REQ: HOU-1
    client.force_login(officer)
    response = client.post(
        reverse("housing-area-create"),
        {
            "version": 0,
            "name": "Nexø",
            "kind": "town",
            "vulnerable": "on",
            "existing_refugee_households": 4,
        },
    )
    assert response.status_code == 302
    area = Area.objects.get()
    assert area.vulnerable and area.existing_refugee_households == 4
    again = client.post(
        reverse("housing-area-create"),
        {"version": 0, "name": "nexø", "kind": "town", "existing_refugee_households": 0},
    )
    assert again.status_code == 422 and "findes allerede" in again.content.decode()
    edit = reverse("housing-area-edit", args=[area.pk])
    data = {"version": 1, "name": "Nexø", "kind": "town", "existing_refugee_households": 5}
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, data | {"note": "gammel"})
    assert stale.status_code == 200 and "En anden har gemt" in stale.content.decode()
    area.refresh_from_db()
    assert (area.vulnerable, area.version, area.note) == (False, 2, "")


def test_dwellings_are_created_with_field_messages(client, officer, area):
    # REQ: HOU-1
    client.force_login(officer)
    data = {
        "version": 0,
        "address": "Torvet 2",
        "area": area.pk,
        "type": "youth",
        "rooms": 1,
        "size_m2": 30,
        "rent": 3000,
        "utilities": 400,
        "landlord_kind": "private",
        "available_from": "2026-08-01",
        "status": "available",
        "minutes_to_transport": 4,
    }
    bad = client.post(reverse("housing-dwelling-create"), data | {"rooms": 0, "rent": ""})
    assert bad.status_code == 422 and not Dwelling.objects.exists()
    assert 'id="id_rooms_error"' in bad.content.decode()
    assert client.post(reverse("housing-dwelling-create"), data).status_code == 302
    dwelling = Dwelling.objects.get()
    assert dwelling.travel_minutes == {"transport": 4}
    assert client.get(reverse("housing-dwelling-edit", args=[dwelling.pk])).status_code == 200


def test_dwelling_list_filters_and_pages_in_constant_queries(client, officer, area, settings):
    # REQ: HOU-1
    settings.VELKOMST_PAGE_SIZE = 5
    other = services.area_create(acting_user=officer, name="Aakirkeby", kind="town")
    for i in range(12):
        services.dwelling_create(
            acting_user=officer,
            **dwelling_values(
                area if i % 2 else other,
                address=f"Vej {i:02d}",
                rooms=1 + i % 4,
                rent=3000 + 100 * i,
                type="temporary" if i % 3 else "permanent",
            ),
        )
    client.force_login(officer)
    url = reverse("housing-dwelling-list")
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"page": 3})
    with CaptureQueriesContext(connection) as full:
        response = client.get(url)
    assert len(full) == len(small)
    assert response.content.decode().count("Vej ") == 5
    html = client.get(url, {"area": area.pk, "min_rooms": 3, "max_rent": 9000}).content.decode()
    # odd i in the area; rooms 1 + i % 4 >= 3 -> i in 3, 7, 11; rent+600 <= 9000 for all
    assert [f"Vej {i:02d}" in html for i in (3, 7, 11)] == [True, True, True]
    assert "3 boliger" in html
    html = client.get(url, {"type": "permanent", "status": "available"}).content.decode()
    assert "4 boliger" in html


def test_housing_need_form_computes_defaults_and_audits(client, officer, household):
    # REQ: HOU-2
    client.force_login(officer)
    url = reverse("household-housing-need", args=[household.pk])
    page = client.get(url).content.decode()
    assert "Beregnet behov: 2 værelser" in page
    response = client.post(url, {"version": 0, "expected_monthly_income": 18000})
    assert response.status_code == 302
    need = HousingNeed.objects.get()
    assert (need.rooms_needed, need.max_rent, need.version) == (2, 9000, 1)
    stale = client.post(url, {"version": 0, "wishes": "Have"})
    assert "En anden har gemt" in stale.content.decode()
    assert client.post(url, {"version": 1, "wishes": "Have", "rooms_needed": 3}).status_code == 302
    need.refresh_from_db()
    assert (need.rooms_needed, need.wishes, need.version) == (3, "Have", 2)
    assert (
        AuditEntry.objects.filter(object_type="housing.HousingNeed", action="change").count() == 3
    )


def test_caseworker_sees_the_need_but_cannot_change_it(client, staff, officer, household):
    # REQ: HOU-2
    services.housing_need_save(
        household=household, acting_user=officer, data=services.NeedData(wishes="Nær skolen")
    )
    client.force_login(staff["caseworker"])
    url = reverse("household-housing-need", args=[household.pk])
    page = client.get(url).content.decode()
    assert "Nær skolen" in page and '<form method="post" novalidate' not in page
    assert client.post(url, {"version": 1, "wishes": "x"}).status_code == 403
    views = AuditEntry.objects.filter(object_type="housing.HousingNeed", action="view")
    assert views.count() == household.members.count()
