"""The plan page (PRG-1, PRG-5): who sees and edits it, the week table, in-place adds (htmx)
and bad input shown on the page."""

from __future__ import annotations

from datetime import date, timedelta

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
    assert response.status_code == 200  # htmx swaps 2xx only: the plan's body with the message
    assert "højst have 37 timer pr. uge" in response.content.decode()
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


def test_a_contract_both_signed_and_refused_is_refused_naming_the_field(
    logged_in, caseworker, person
):
    # REQ: PRG-1
    from velkomst.programme.models import IntegrationContract

    response = logged_in(caseworker).post(
        f"/persons/{person.pk}/plan/contract/",
        {
            "contract-signed_on": "2026-07-20",
            "contract-refused_on": "2026-07-18",
            "contract-refusal_reason": "Vil ikke",
        },
    )
    assert response.status_code == 422
    assert "En afvist kontrakt kan ikke også være underskrevet." in response.content.decode()
    assert not IntegrationContract.objects.filter(person=person, refused_on__isnull=False).exists()


def test_the_plan_page_runs_the_same_queries_for_more_activities(logged_in, caseworker, person):
    # REQ: PRG-1
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(caseworker)
    services.activity_add(actor=caseworker, person=person, **activity())

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/persons/{person.pk}/plan/").status_code == 200
        return len(queries)

    one = count()
    for month in (11, 12):
        services.activity_add(
            actor=caseworker,
            person=person,
            **activity(start=date(2026, month, 2), end=date(2026, month, 20), hours_per_week=5),
        )
    services.goal_add(
        actor=caseworker,
        person=person,
        kind="danish",
        danish_level="B1",
        target_date=date(2027, 6, 1),
    )
    assert count() == one


def _book(client, person, **overrides):
    data = {
        "interview-day": "2026-08-03",
        "interview-start_time": "10:00",
        "interview-end_time": "11:00",
        "interview-place": "Jobcentret, Ullasvej 23",
    }
    data.update(overrides)
    return client.post(f"/persons/{person.pk}/plan/interviews/", data, **HX)


def test_job_interview_booked_from_the_plan_counts_once_held(logged_in, caseworker, staff, person):
    # REQ: PRG-1
    from velkomst.appointments.models import Appointment

    client = logged_in(caseworker)
    page = client.get(f"/persons/{person.pk}/plan/").content.decode()
    assert "Book jobsamtale" in page and "Holdt: 0 af mindst" in page
    consultant = staff["job_consultant"]
    response = _book(client, person, **{"interview-staff": [str(consultant.pk)]})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="plan-body">')
    assert "Jobcentret, Ullasvej 23" in body and "Planlagt" in body
    booked = Appointment.objects.get()
    assert booked.kind == "job_interview"
    assert list(booked.persons.all()) == [person]  # the person, not the whole household
    assert list(booked.staff.all()) == [consultant]
    assert booked.household_id == person.household_id
    assert AuditEntry.objects.filter(
        actor_id=caseworker.pk, action="create", person_id=person.pk, object_id=str(booked.pk)
    ).exists()
    assert "Holdt: 0 af mindst" in body  # booked, not yet held

    response = client.post(
        f"/persons/{person.pk}/plan/interviews/held/",
        {"appointment": booked.pk, "version": booked.version},
        **HX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Holdt: 1 af mindst" in body and "Afholdt" in body
    booked.refresh_from_db()
    assert booked.status == "held"
    # held twice: refused with a message, nothing changes
    response = client.post(
        f"/persons/{person.pk}/plan/interviews/held/",
        {"appointment": booked.pk, "version": booked.version},
        **HX,
    )
    assert "allerede afsluttet" in response.content.decode()


def test_job_interview_bad_input_and_other_households_meetings(
    logged_in, caseworker, person, household
):
    # REQ: PRG-1
    from velkomst.appointments.models import Appointment

    client = logged_in(caseworker)
    response = _book(client, person, **{"interview-end_time": "09:00"})
    assert "Mødet skal slutte efter, det begynder." in response.content.decode()
    response = client.post(
        f"/persons/{person.pk}/plan/interviews/",
        {"interview-day": "2026-08-03", "interview-start_time": "10:00"},
    )
    assert response.status_code == 422
    assert not Appointment.objects.exists()
    # a meeting of the spouse alone is not the person's to mark held
    omar = household.members.get(first_name="Omar")
    _book(client, omar)
    theirs = Appointment.objects.get()
    response = client.post(
        f"/persons/{person.pk}/plan/interviews/held/",
        {"appointment": theirs.pk, "version": theirs.version},
    )
    assert response.status_code == 422
    theirs.refresh_from_db()
    assert theirs.status == "planned"


def test_a_job_interview_ahead_is_not_marked_held_before_it_begins(logged_in, caseworker, person):
    # REQ: PRG-1
    from django.utils import timezone

    from velkomst.appointments.models import Appointment

    client = logged_in(caseworker)
    ahead = timezone.localdate() + timedelta(days=7)
    body = _book(client, person, **{"interview-day": ahead.isoformat()}).content.decode()
    booked = Appointment.objects.get()
    assert "Planlagt" in body and "Marker som afholdt" not in body
    response = client.post(
        f"/persons/{person.pk}/plan/interviews/held/",
        {"appointment": booked.pk, "version": booked.version},
        **HX,
    )
    assert "Mødet er ikke begyndt endnu." in response.content.decode()
    booked.refresh_from_db()
    assert booked.status == "planned"


def test_readers_cannot_book_a_job_interview(logged_in, staff, person):
    # REQ: PRG-1
    from velkomst.appointments.models import Appointment

    client = logged_in(staff["manager"])
    response = _book(client, person)
    assert response.status_code in (403, 404)
    assert not Appointment.objects.exists()


def test_contract_pdf_in_danish_holds_the_goals_and_signatures(logged_in, caseworker, person):
    # REQ: PRG-1
    from velkomst.core.pdf import pdf_text

    services.goal_add(
        actor=caseworker,
        person=person,
        kind="job",
        trade_label="Kok",
        trade_code="5120",
        target_date=date(2027, 6, 1),
    )
    services.goal_add(
        actor=caseworker,
        person=person,
        kind="education",
        education="Social- og sundhedshjælper",
        target_date=date(2028, 1, 31),
    )
    services.activity_add(actor=caseworker, person=person, **activity())
    contract = services.contract_for(actor=caseworker, person=person)
    services.contract_sign(
        actor=caseworker,
        person=person,
        expected_version=contract.version,
        signed_on=date(2026, 7, 20),
    )
    person.cpr = "1403881234"
    person.save(update_fields=["cpr"])
    client = logged_in(caseworker)
    assert (
        'data-testid="contract-pdf"' in client.get(f"/persons/{person.pk}/plan/").content.decode()
    )
    response = client.get(f"/persons/{person.pk}/plan/contract.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Integrationskontrakt" in text and "Amal Haddad" in text
    assert "Kok (5120)" in text and "Social- og sundhedshjælper" in text  # the goals
    assert "1. juni 2027" in text  # a goal's date, in Danish
    assert "Virksomhedspraktik" in text and "Netto Rønne" in text  # the activity
    assert "Delvist underskrevet" in text and "20. juli 2026" in text  # the signature state
    assert "Kommunens underskrift og dato" in text  # a line left for the municipality
    assert "1403881234" not in text and "140388-1234" not in text
    entry = AuditEntry.objects.get(action="export", person_id=person.pk)
    assert entry.reason == "Integrationskontrakt som PDF"


def test_contract_pdf_of_another_municipality_is_404(logged_in, other_caseworker, person):
    # REQ: PRG-1
    response = logged_in(other_caseworker).get(f"/persons/{person.pk}/plan/contract.pdf")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()
