"""The plan page (PRG-1, PRG-5): who sees and edits it, the week table, in-place adds (htmx)
and bad input shown on the page."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import AuditEntry
from velkomst.programme import services
from velkomst.programme.models import Activity

from .conftest import activity

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _post_activity(client, person, **overrides):
    values = activity(**overrides)
    data = {
        "activity-kind": values["kind"],
        "activity-start": values["start"].isoformat(),
        "activity-end": values["end"].isoformat() if values["end"] else "",
        "activity-hours_per_week": str(values["hours_per_week"]),
        "activity-provider_kind": values["provider_kind"],
        "activity-provider_name": values["provider_name"],
    }
    return client.post(f"/persons/{person.pk}/plan/activities/", data, **HX)


def test_caseworker_adds_an_activity_in_place_and_the_week_table_updates(
    logged_in, caseworker, person
):
    # REQ: PRG-1
    client = logged_in(caseworker)
    page = client.get(f"/persons/{person.pk}/plan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tilføj aktivitet" in html and 'data-testid="weeks"' in html
    assert AuditEntry.objects.filter(
        actor_id=caseworker.pk, action="view", person_id=person.pk
    ).exists()
    response = _post_activity(client, person)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="plan-body">')  # the partial only
    assert "Virksomhedspraktik" in body and "Netto Rønne" in body
    assert Activity.objects.filter(plan__person=person).count() == 1


def test_bad_hours_are_shown_on_the_field(logged_in, caseworker, person):
    # REQ: PRG-1
    client = logged_in(caseworker)
    response = _post_activity(client, person, hours_per_week=40)
    assert response.status_code == 422
    assert "37" in response.content.decode()
    assert not Activity.objects.exists()
    response = client.post(
        f"/persons/{person.pk}/plan/activities/",
        {
            "activity-kind": "internship",
            "activity-start": "2026-07-10",
            "activity-end": "2026-07-01",
            "activity-hours_per_week": "10",
            "activity-provider_kind": "company",
        },
    )
    assert response.status_code == 422
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()


def test_readers_see_the_plan_without_forms_others_not_at_all(
    logged_in, staff, person, caseworker, household
):
    # REQ: PRG-1
    from velkomst.core.models import Unit

    household.units.add(*Unit.objects.filter(kind__in=["children_family", "health", "jobcentre"]))
    services.activity_add(actor=caseworker, person=person, **activity())
    for role in ("family_consultant", "health_coordinator", "manager"):
        html = logged_in(staff[role]).get(f"/persons/{person.pk}/plan/").content.decode()
        assert "Netto Rønne" in html and "Tilføj aktivitet" not in html
        assert (
            logged_in(staff[role]).post(f"/persons/{person.pk}/plan/activities/").status_code == 403
        )
    assert logged_in(staff["housing_officer"]).get(f"/persons/{person.pk}/plan/").status_code == 403
    html = logged_in(staff["job_consultant"]).get(f"/persons/{person.pk}/plan/").content.decode()
    assert "Tilføj aktivitet" in html


def test_another_municipality_gets_404(logged_in, other_caseworker, person):
    # REQ: PRG-1
    assert logged_in(other_caseworker).get(f"/persons/{person.pk}/plan/").status_code == 404


def test_young_persons_plan_is_flagged_on_the_page(logged_in, caseworker, young):
    # REQ: PRG-5
    html = logged_in(caseworker).get(f"/persons/{young.pk}/plan/").content.decode()
    assert "Uddannelsesrettet" in html
    assert "under 30, og planen har intet uddannelsesmål" in html


def test_edit_and_end_an_activity(logged_in, caseworker, person):
    # REQ: PRG-1
    a = services.activity_add(actor=caseworker, person=person, **activity())
    client = logged_in(caseworker)
    assert client.get(f"/programme/activities/{a.pk}/").status_code == 200
    response = client.post(
        f"/programme/activities/{a.pk}/",
        {
            "activity-kind": "internship",
            "activity-start": "2026-07-13",
            "activity-end": "2026-08-31",
            "activity-hours_per_week": "25",
            "activity-provider_kind": "company",
            "activity-provider_name": "Netto Rønne",
            "activity-version": str(a.version),
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.end == date(2026, 8, 31) and a.version == 2


def test_contract_signed_on_the_page(logged_in, caseworker, person):
    # REQ: PRG-1
    client = logged_in(caseworker)
    response = client.post(
        f"/persons/{person.pk}/plan/contract/",
        {"contract-signed_on": "2026-07-20", "contract-signed_by_municipality_on": "2026-07-20"},
    )
    assert response.status_code == 302
    html = client.get(f"/persons/{person.pk}/plan/").content.decode()
    assert "Underskrevet af begge" in html
