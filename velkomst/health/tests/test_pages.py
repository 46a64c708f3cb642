from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import AuditEntry
from velkomst.health import services
from velkomst.health.models import HealthAssessment

from .conftest import CONCLUSION

pytestmark = pytest.mark.django_db


def test_the_health_coordinators_list_shows_offers_referrals_and_who_waits(
    logged_in, coordinator, amal
):
    # REQ: HEA-1
    from velkomst.people.models import Case

    Case.objects.filter(person=amal).update(takeover_date=date(2026, 7, 1))
    omar = amal.household.members.get(first_name="Omar")
    Case.objects.filter(person=omar).update(takeover_date=date(2026, 7, 1))
    services.offer_create(actor=coordinator, person=amal, offered_on=date(2026, 8, 1))
    services.referral_create(
        actor=coordinator,
        person=amal,
        kind="trauma",
        referred_on=date(2026, 8, 2),
        status="waiting",
    )
    client = logged_in(coordinator)
    page = client.get("/health/").content.decode()
    assert "Tilbud der ikke er besvaret" in page and "Amal Haddad" in page
    assert "Omar Haddad" in page  # taken over, not offered yet: due 1 January 2027
    assert "1. januar 2027" in page
    waiting = client.get("/health/", {"status": "waiting"}).content.decode()
    assert "Traumebehandling" in waiting and "På venteliste" in waiting
    assert AuditEntry.objects.filter(actor_id=coordinator.pk, action="search").exists()
    home = client.get("/").content.decode()
    assert "Tilbud om helbredsvurdering uden svar" in home and "Henvisninger på venteliste" in home
    # each start-page figure counts exactly the rows its link lists
    from velkomst.home.tests.test_start_pages import _check_links, _figures

    figures = _figures(client)
    assert figures["Tilbud om helbredsvurdering uden svar"][0] == 1
    assert figures["Henvisninger på venteliste"][0] == 1
    _check_links(client, figures)


def test_the_health_page_is_the_health_roles_only_and_every_view_is_logged(
    logged_in, staff, amal, assessment
):
    # REQ: HEA-1
    url = f"/persons/{amal.pk}/health/"
    for role in ("caseworker", "job_consultant", "family_consultant", "manager"):
        assert logged_in(staff[role]).get(url).status_code == 403, role
        assert logged_in(staff[role]).get("/health/").status_code == 403, role
    client = logged_in(staff["health_coordinator"])
    page = client.get(url).content.decode()
    assert CONCLUSION in page and "Nedsat arbejdsevne" in page
    entry = AuditEntry.objects.filter(actor_id=staff["health_coordinator"].pk, action="view").get()
    assert entry.person_id == amal.pk and entry.reason == "Helbredsoplysninger"


def test_a_municipality_may_grant_another_role_the_reading_of_health_data(
    logged_in, staff, amal, assessment, municipality
):
    # REQ: HEA-1
    from velkomst.core.models import MunicipalityConfig

    url = f"/persons/{amal.pk}/health/"
    assert logged_in(staff["family_consultant"]).get(url).status_code == 403
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2020, 1, 1),
        values={"health_view_roles": ["family_consultant"]},
    )
    page = logged_in(staff["family_consultant"]).get(url).content.decode()
    assert CONCLUSION in page and "Registrér helbredsvurdering" not in page  # reads, no writes


def test_a_caseworker_sees_no_health_conclusion_on_pages_api_or_audit_log(
    logged_in, client, staff, amal, assessment, jobcentre
):
    # REQ: HEA-1
    services.barrier_create(
        actor=staff["health_coordinator"],
        person=amal,
        kind="trauma",
        description=CONCLUSION,
        measure="Samtaleforløb hos psykolog",
        responsible=staff["caseworker"],
        follow_up_on=date(2026, 1, 1),
    )
    caseworker = logged_in(staff["caseworker"])
    for url in (
        f"/persons/{amal.pk}/",
        f"/persons/{amal.pk}/barriers/",
        f"/persons/{amal.pk}/plan/",
        "/barriers/",
        "/",
    ):
        body = caseworker.get(url).content.decode()
        assert CONCLUSION not in body and "Dr. Jensen" not in body, url
        assert "Nedsat arbejdsevne" not in body, url
    barriers = caseworker.get(f"/persons/{amal.pk}/barriers/").content.decode()
    assert "Der er en helbredsmæssig barriere" in barriers and "Samtaleforløb" in barriers
    assert "Traumer" not in barriers
    # the start page of the responsible caseworker: the overdue follow-up
    assert "Barrierer til opfølgning" in caseworker.get("/").content.decode()
    # the audit log, as its readers read it (page and CSV)
    manager = logged_in(staff["manager"])
    for query in ({}, {"format": "csv"}):
        body = manager.get(f"/audit/persons/{amal.pk}/", query).content.decode()
        assert "Helbredsvurdering" in body
        assert CONCLUSION not in body and "Dr. Jensen" not in body, query
    # the API
    from velkomst.api.services import api_token_create

    _, key = api_token_create(user=staff["caseworker"], name="t")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(f"/api/persons/{amal.pk}/health", headers=headers).status_code == 403
    rows = client.get(f"/api/persons/{amal.pk}/barriers", headers=headers).json()
    assert CONCLUSION not in str(rows) and rows[0]["label"] == "Der er en helbredsmæssig barriere"
    assert rows[0]["kind"] is None and rows[0]["measure"] == "Samtaleforløb hos psykolog"


def test_recording_an_assessment_on_the_page(logged_in, coordinator, amal):
    # REQ: HEA-1
    client = logged_in(coordinator)
    url = f"/persons/{amal.pk}/health/assessments/new/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"version": 0, "assessed_on": "2026-08-03", "work_capacity": "ordinary"})
    assert bad.status_code == 422 and "Læge" in bad.content.decode()
    response = client.post(
        url,
        {
            "version": 0,
            "assessed_on": "2026-08-03",
            "doctor": "Dr. Hansen",
            "work_capacity": "consideration",
            "conclusion": "Skånehensyn: ingen tunge løft",
        },
    )
    assert response.status_code == 302
    assessment = HealthAssessment.objects.get()
    assert assessment.doctor == "Dr. Hansen" and assessment.recorded_by == coordinator


def test_a_concurrent_edit_of_an_assessment_is_refused_with_a_message(
    logged_in, coordinator, assessment
):
    # REQ: HEA-1
    client = logged_in(coordinator)
    url = f"/health/assessments/{assessment.pk}/edit/"
    services.assessment_update(
        actor=coordinator, assessment=assessment, expected_version=1, doctor="Dr. Berg"
    )
    response = client.post(
        url,
        {
            "version": 1,
            "assessed_on": "2026-08-03",
            "doctor": "Dr. Jensen",
            "work_capacity": "reduced",
            "conclusion": "x",
        },
        follow=True,
    )
    assert "En anden har gemt ændringer" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.doctor == "Dr. Berg"


def test_sharing_without_consent_is_refused_on_the_page(
    logged_in, coordinator, assessment, jobcentre
):
    # REQ: HEA-1
    client = logged_in(coordinator)
    response = client.post(
        f"/health/assessments/{assessment.pk}/share/",
        {"unit": jobcentre.pk, "purpose": "health.work_capacity"},
    )
    assert response.status_code == 422
    assert "har ikke et gældende samtykke" in response.content.decode()


def test_a_vulnerable_family_gets_one_coordinator_and_a_shared_plan(
    logged_in, staff, seen, municipality
):
    # REQ: HEA-2
    from velkomst.core.models import Unit

    family = staff["family_consultant"]
    client = logged_in(family)
    response = client.post(
        f"/households/{seen.pk}/coordinations/new/",
        {
            "coordinator": staff["health_coordinator"].pk,
            "started_on": "2026-08-01",
            "goal": "Familien kommer i behandling og børnene trives i skole",
        },
    )
    assert response.status_code == 302
    coordination = seen_coordination = __import__(
        "velkomst.health.models", fromlist=["CareCoordination"]
    ).CareCoordination.objects.get()
    school = Unit.objects.get(municipality=municipality, kind="school")
    health = Unit.objects.get(municipality=municipality, kind="health")
    coordinator = logged_in(staff["health_coordinator"])
    for unit, text in ((school, "Lina får støttetimer"), (health, "Traumebehandling for Amal")):
        response = coordinator.post(
            f"/coordinations/{coordination.pk}/measures/new/",
            {"unit": unit.pk, "measure": text, "from_on": "2026-08-15"},
        )
        assert response.status_code == 302
    page = coordinator.get(f"/coordinations/{seen_coordination.pk}/").content.decode()
    assert "Lina får støttetimer" in page and "Traumebehandling for Amal" in page
    assert school.name in page and health.name in page
    home = coordinator.get("/").content.decode()
    assert "Koordinerede indsatser, du er koordinator for" in home
    mine = coordinator.get("/coordinations/").content.decode()
    assert seen.name in mine
    # every member's audit log has the plan
    members = set(seen.members.values_list("pk", flat=True))
    logged = set(
        AuditEntry.objects.filter(object_type="health.CoordinatedMeasure").values_list(
            "person_id", flat=True
        )
    )
    assert logged == members


def test_a_new_barrier_asks_only_for_what_it_saves(logged_in, staff, amal):
    # REQ: PRG-6
    from velkomst.health.models import Barrier

    caseworker = staff["caseworker"]
    client = logged_in(caseworker)
    url = f"/persons/{amal.pk}/barriers/new/"
    form = client.get(url).content.decode()
    assert 'name="follow_up_on"' in form
    assert 'name="resolved_on"' not in form  # resolved later, on the barrier's edit page
    response = client.post(
        url,
        {
            "version": 0,
            "kind": "transport",
            "measure": "Buskort",
            "responsible": caseworker.pk,
            "follow_up_on": "2026-12-20",
        },
    )
    assert response.status_code == 302
    barrier = Barrier.objects.get(person=amal)
    edit = client.get(f"/barriers/{barrier.pk}/edit/").content.decode()
    assert 'name="resolved_on"' in edit
