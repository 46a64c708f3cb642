"""The pages of Danish education: the person's page edited in place, the overview, the centre
register and the month's referral list (PRG-2), by role and municipality."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from velkomst.core.models import AuditEntry
from velkomst.danish import services
from velkomst.danish.models import ModuleProgress
from velkomst.people.models import Person


def test_the_person_page_shows_referral_modules_attendance_and_exams(
    logged_in, caseworker, person, referral
):
    # REQ: PRG-2
    services.module_create(
        acting_user=caseworker,
        referral=referral,
        module=1,
        started_on=date(2026, 8, 10),
        passed_on=date(2026, 9, 30),
    )
    services.attendance_create(
        acting_user=caseworker,
        referral=referral,
        month=date(2026, 8, 1),
        hours_offered=40,
        hours_attended=30,
    )
    services.exam_create(
        acting_user=caseworker,
        person=person,
        exam="PD1",
        term="",
        taken_on=date(2026, 6, 2),
        result="passed",
        grade="7",
        referral=None,
    )
    response = logged_in(caseworker).get(f"/danish/persons/{person.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Danskuddannelse 2, Sprogcenter Bornholm" in text
    assert "A2 – let øvet begynder" in text  # PD1 passed
    assert "75 %" in text  # 30 of 40 hours
    assert "sommer 2026" in text
    assert "Prøve i Dansk 1" in text
    assert "Modulerne, der fører til disse prøver, er ikke registreret" in text
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()


def test_a_module_is_recorded_in_place_with_htmx(logged_in, caseworker, person, referral):
    # REQ: PRG-2
    client = logged_in(caseworker)
    prefix = f"m{referral.pk}"
    response = client.post(
        f"/danish/referrals/{referral.pk}/modules/",
        {f"{prefix}-version": 0, f"{prefix}-module": 1, f"{prefix}-started_on": "2026-08-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only a 2xx answer
    text = response.content.decode()
    assert text.lstrip().startswith(f'<section id="referral-{referral.pk}"')
    assert "Modulet kan ikke starte før undervisningen" in text
    response = client.post(
        f"/danish/referrals/{referral.pk}/modules/",
        {f"{prefix}-version": 0, f"{prefix}-module": 1, f"{prefix}-started_on": "2026-08-10"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Modul 1" in response.content.decode()
    assert ModuleProgress.objects.get().started_on == date(2026, 8, 10)
    # without JavaScript: a redirect back to the page
    response = client.post(
        f"/danish/referrals/{referral.pk}/attendance/",
        {
            f"a{referral.pk}-version": 0,
            f"a{referral.pk}-month": "2026-08",
            f"a{referral.pk}-hours_offered": "40",
            f"a{referral.pk}-hours_attended": "41",
        },
    )
    assert response.status_code == 422
    assert "Fremmødte timer kan ikke være flere end de tilbudte" in response.content.decode()


def test_referring_a_person_through_the_form(logged_in, caseworker, person, centre):
    # REQ: PRG-2
    client = logged_in(caseworker)
    url = f"/danish/persons/{person.pk}/referrals/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "version": 0,
            "centre": centre.pk,
            "track": "DU2",
            "referred_on": "2026-07-20",
            "start_on": "2026-07-01",
        },
    )
    assert response.status_code == 422
    assert "Planlagt start kan ikke ligge før henvisningen." in response.content.decode()
    response = client.post(
        url,
        {
            "version": 0,
            "centre": centre.pk,
            "track": "DU2",
            "referred_on": "2026-07-20",
            "start_on": "2026-08-10",
        },
    )
    assert response.status_code == 302
    assert person.danish_referrals.get().track == "DU2"


def test_an_exam_is_recorded_through_the_form(logged_in, caseworker, person):
    # REQ: PRG-2
    client = logged_in(caseworker)
    url = f"/danish/persons/{person.pk}/exams/new/"
    response = client.post(
        url,
        {"version": 0, "exam": "PD2", "taken_on": "2026-08-20", "result": "passed", "grade": "7"},
    )
    assert response.status_code == 422
    assert "angiv terminen" in response.content.decode()
    response = client.post(
        url,
        {
            "version": 0,
            "exam": "PD2",
            "taken_on": "2026-08-20",
            "term_year": "2026",
            "term_season": "summer",
            "result": "passed",
            "grade": "7",
        },
    )
    assert response.status_code == 302
    assert person.danish_exams.get().term == "2026-summer"


def test_readers_see_the_page_without_edit_links_and_others_not_at_all(
    logged_in, staff, person, referral, other_caseworker
):
    # REQ: PRG-2
    response = logged_in(staff["manager"]).get(f"/danish/persons/{person.pk}/")
    assert response.status_code == 200
    assert "Ret henvisning" not in response.content.decode()
    assert (
        logged_in(staff["housing_officer"]).get(f"/danish/persons/{person.pk}/").status_code == 403
    )
    assert (
        logged_in(staff["manager"]).get(f"/danish/referrals/{referral.pk}/edit/").status_code == 403
    )
    assert logged_in(other_caseworker).get(f"/danish/persons/{person.pk}/").status_code in (
        403,
        404,
    )
    assert (
        logged_in(other_caseworker).get(f"/danish/referrals/{referral.pk}/edit/").status_code == 404
    )


def test_the_person_page_links_to_danish_education(logged_in, caseworker, staff, person, referral):
    # REQ: PRG-2
    text = logged_in(caseworker).get(f"/persons/{person.pk}/").content.decode()
    assert f"/danish/persons/{person.pk}/" in text
    assert "Henvist, ikke startet" not in text  # started 10 August
    text = logged_in(staff["housing_officer"]).get(f"/persons/{person.pk}/").content.decode()
    assert f"/danish/persons/{person.pk}/" not in text


def test_the_overview_filters_by_state_centre_and_deadline(logged_in, caseworker, person, referral):
    # REQ: PRG-2
    client = logged_in(caseworker)
    text = client.get("/danish/").content.decode()
    assert person.full_name in text
    text = client.get("/danish/?state=not_referred").content.decode()
    assert "Omar" in text and "Amal" not in text and "Lina" not in text
    text = client.get("/danish/?state=ended").content.decode()
    assert "Amal" not in text
    assert AuditEntry.objects.filter(action="search", reason="danish overview").exists()


def test_the_month_list_for_a_language_centre(logged_in, caseworker, person, referral, centre):
    # REQ: PRG-2
    Person.objects.filter(pk=person.pk).update(cpr="1403881234")
    client = logged_in(caseworker)
    assert client.get("/danish/centres/").status_code == 200
    response = client.get(f"/danish/centres/{centre.pk}/referrals/?month=2026-07&format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    header, row = text.strip().splitlines()
    assert header.split(";")[:4] == ["Efternavn", "Fornavn", "Fødselsdato", "CPR-nummer"]
    assert "1403881234" in row  # the caseworker sees the full number (SEC-2)
    assert "Haddad" in row and "Amal" in row and "Danskuddannelse 2" in row and "arabisk" in row
    assert "20-07-2026" in row and "10-08-2026" in row
    entry = AuditEntry.objects.get(action="export")
    assert entry.person_id == person.pk
    assert entry.reason == "danish referral list 2026-07 (csv)"
    response = client.get(f"/danish/centres/{centre.pk}/referrals/?month=2026-08&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1  # the header only: no referral in August


def test_the_centre_register_needs_programme_edit(logged_in, staff, centre):
    # REQ: PRG-2
    assert logged_in(staff["manager"]).get("/danish/centres/").status_code == 403
    assert (
        logged_in(staff["manager"])
        .get(f"/danish/centres/{centre.pk}/referrals/?month=2026-07")
        .status_code
        == 403
    )
    client = logged_in(staff["job_consultant"])
    response = client.post("/danish/centres/new/", {"version": 0, "name": "Sprogcenter Bornholm"})
    assert response.status_code == 422
    assert "allerede et sprogcenter" in response.content.decode()


def test_the_month_lists_file_name_spells_the_centres_danish_letters(
    logged_in, caseworker, referral, centre
):
    # REQ: PRG-2
    from velkomst.danish.models import LanguageCentre

    LanguageCentre.objects.filter(pk=centre.pk).update(name="Lær Dansk Århus Sø")
    response = logged_in(caseworker).get(
        f"/danish/centres/{centre.pk}/referrals/?month=2026-07&format=csv"
    )
    assert (
        'filename="henvisninger-laer-dansk-aarhus-soe-2026-07.csv"'
        in (response["Content-Disposition"])
    )


def test_the_overview_reads_a_fixed_number_of_queries_whatever_the_referrals(
    logged_in, caseworker, person, referral, centre
):
    # REQ: PRG-2
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import member
    from velkomst.danish.services import referral_create
    from velkomst.people.services import household_create

    client = logged_in(caseworker)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/danish/").status_code == 200
    for i in range(4):
        household = household_create(
            acting_user=caseworker,
            name=f"Familien Nr{i}",
            visitation_date=date(2026, 5, 15),
            expected_arrival_date=date(2026, 7, 1),
            members=[member(first_name=f"Learner{i}", last_name=f"Nr{i}")],
        )
        referral_create(
            acting_user=caseworker,
            person=household.members.get(),
            centre=centre,
            track="DU2",
            referred_on=date(2026, 7, 21 + i),
            start_on=date(2026, 8, 10),
        )
    with CaptureQueriesContext(connection) as many:
        text = client.get("/danish/").content.decode()
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    # the latest referred first, each with its person and centre
    names = [f"Learner{i}" for i in (3, 2, 1, 0)] + [person.first_name]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions) and centre.name in text
