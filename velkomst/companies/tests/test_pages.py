"""The job consultant's pages: lists, company and opening pages, the proposal flow, events and
the company import (PRG-4)."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from django.urls import reverse

from velkomst.companies import importing, services
from velkomst.companies.models import Company, Proposal
from velkomst.core.models import AuditEntry

from .conftest import OTHER_CVR, VALID_CVR

pytestmark = pytest.mark.django_db


def _csv(rows: list[list[str]]) -> bytes:
    header = ["navn", "cvr", "branchekode", "adresse", "område"]
    return "\n".join(";".join(r) for r in [header, *rows]).encode("utf-8")


def test_the_consultants_pages_answer(logged_in, consultant, company, opening, person):
    # REQ: PRG-4
    client = logged_in(consultant)
    proposal = services.proposal_create(actor=consultant, opening=opening, person=person)
    for url in [
        reverse("companies:company-list"),
        reverse("companies:company-list") + "?q=Tømrer",
        reverse("companies:company-detail", args=[company.pk]),
        reverse("companies:opening-list"),
        reverse("companies:opening-detail", args=[opening.pk]),
        reverse("companies:proposal-list"),
        reverse("companies:proposal-detail", args=[proposal.pk]),
        reverse("companies:job-event-list"),
        reverse("companies:company-import"),
        reverse("companies:opening-create", args=[company.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    html = client.get(reverse("companies:company-list"), {"q": VALID_CVR[:4]}).content.decode()
    assert "Rønne Tømrer ApS" in html
    html = client.get(reverse("companies:opening-detail", args=[opening.pk])).content.decode()
    assert "Amal" in html and "Virksomhedspraktik" in html
    assert AuditEntry.objects.filter(
        action="view", person_id=person.pk, object_type="companies.Opening"
    ).exists()


def test_the_match_link_shows_only_where_the_matching_page_exists(logged_in, consultant, opening):
    # REQ: PRG-4
    from django.urls import NoReverseMatch

    html = (
        logged_in(consultant)
        .get(reverse("companies:opening-detail", args=[opening.pk]))
        .content.decode()
    )
    try:
        url = reverse("matching:opening", args=[opening.pk])
    except NoReverseMatch:
        assert "ikke tilgængelig endnu" in html
    else:
        assert f'href="{url}"' in html


def test_a_reader_sees_but_cannot_edit(logged_in, staff, company):
    # REQ: PRG-4
    client = logged_in(staff["caseworker"])
    html = client.get(reverse("companies:company-detail", args=[company.pk])).content.decode()
    assert "Ret virksomhed" not in html
    assert client.get(reverse("companies:company-edit", args=[company.pk])).status_code == 403
    assert (
        logged_in(staff["housing_officer"]).get(reverse("companies:company-list")).status_code
        == 403
    )


def test_a_company_form_names_the_failing_cvr(logged_in, consultant):
    # REQ: PRG-4
    response = logged_in(consultant).post(
        reverse("companies:company-create"),
        {"name": "Fejl ApS", "cvr": "12345678", "industry": "4711", "version": 0},
    )
    assert response.status_code == 422
    assert "modulus 11" in response.content.decode()
    assert not Company.objects.exists()


def test_the_proposal_form_is_prefilled_from_the_query(logged_in, consultant, opening, person):
    # REQ: PRG-4
    client = logged_in(consultant)
    url = reverse("companies:proposal-create")
    html = client.get(url, {"opening": opening.pk, "person": person.pk}).content.decode()
    assert f'<option value="{opening.pk}" selected>' in html
    assert f'<option value="{person.pk}" selected>' in html
    response = client.post(
        url, {"opening": opening.pk, "person": person.pk, "proposed_on": "2026-08-01"}
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{proposal.pk}/")


def test_the_answer_and_the_result_are_recorded_on_the_proposal_page(
    logged_in, consultant, opening, person
):
    # REQ: PRG-4
    # REQ: PRG-1
    client = logged_in(consultant)
    proposal = services.proposal_create(
        actor=consultant, opening=opening, person=person, proposed_on=date(2026, 8, 1)
    )
    answer = reverse("companies:proposal-answer", args=[proposal.pk])
    bad = client.post(
        answer,
        {"answer-version": 1, "answer-company_answer": "declined", "answer-answered_on": ""},
    )
    assert bad.status_code == 422 and "begrundelse" in bad.content.decode()
    client.post(
        answer,
        {
            "answer-version": 1,
            "answer-company_answer": "accepted",
            "answer-answered_on": "2026-08-05",
        },
    )
    result = reverse("companies:proposal-result", args=[proposal.pk])
    client.post(
        result,
        {"result-version": 2, "result-result": "started", "result-result_on": "2026-09-01"},
    )
    proposal.refresh_from_db()
    assert proposal.result == "started" and proposal.activity is not None
    stale = client.post(
        answer,
        {"answer-version": 1, "answer-company_answer": "declined", "answer-answer_reason": "x"},
    )
    assert stale.status_code in (302, 422)
    proposal.refresh_from_db()
    assert proposal.company_answer == "accepted"


def test_an_event_page_invites_and_shows_the_letter_in_the_persons_language(
    logged_in, consultant, company, person
):
    # REQ: PRG-4
    client = logged_in(consultant)
    client.post(
        reverse("companies:job-event-create"),
        {
            "name": "Speed-dating på Campus",
            "held_on": "2026-10-01",
            "place": "Campus Bornholm",
            "companies": [company.pk],
            "version": 0,
        },
    )
    event = company.events.get()
    client.post(
        reverse("companies:job-event-invite", args=[event.pk]),
        {"person": person.pk, "invited_on": "2026-09-01", "letter_language": "en"},
    )
    invitation = event.invitations.get()
    html = client.get(
        reverse("companies:job-invitation-letter", args=[invitation.pk])
    ).content.decode()
    assert "You are invited to Speed-dating på Campus on 1 October 2026" in html
    client.post(
        reverse("companies:job-invitation-attendance", args=[invitation.pk]),
        {f"att{invitation.pk}-version": 1, f"att{invitation.pk}-attended": "yes"},
    )
    client.post(
        reverse("companies:job-event-meeting", args=[event.pk]),
        {"person": person.pk, "company": company.pk, "outcome": "job_offered", "note": ""},
    )
    html = client.get(reverse("companies:job-event-detail", args=[event.pk])).content.decode()
    assert "Tilbudt job" in html
    invitation.refresh_from_db()
    assert invitation.attended == "yes"


def test_the_import_reviews_then_writes_all_rows(logged_in, consultant, area):
    # REQ: PRG-4
    client = logged_in(consultant)
    content = _csv(
        [
            ["Rønne Tømrer ApS", VALID_CVR, "43.32.00", "Havnegade 4", "Rønne Nord"],
            ["Nexø Røgeri", OTHER_CVR, "1020", "", ""],
        ]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("firmaer.csv", content, content_type="text/csv")
    review = client.post(reverse("companies:company-import"), {"file": upload})
    assert review.status_code == 200 and "Bekræft import" in review.content.decode()
    assert not Company.objects.exists()  # nothing until confirmed
    response = client.post(
        reverse("companies:company-import"),
        {"confirm": "1", "content": base64.b64encode(content).decode(), "file_name": "f.csv"},
    )
    assert response.status_code == 302
    assert set(Company.objects.values_list("cvr", flat=True)) == {VALID_CVR, OTHER_CVR}
    assert Company.objects.get(cvr=VALID_CVR).area == area


def test_an_import_with_a_broken_row_names_it_and_writes_nothing(logged_in, consultant, area):
    # REQ: PRG-4
    content = _csv(
        [
            ["Rønne Tømrer ApS", VALID_CVR, "433200", "", "Rønne Nord"],
            ["Fejl ApS", "12345678", "433200", "", ""],
            ["Ukendt Branche", OTHER_CVR, "9999", "", ""],
            ["Ukendt Område", "20000007", "4711", "", "Aakirkeby"],
        ]
    )
    check = importing.check_file(content, areas=[area], municipality_id=consultant.municipality_id)
    problems = {(p.line, p.column) for p in check.problems}
    assert (3, "cvr") in problems and (4, "branchekode") in problems and (5, "område") in problems
    assert not check.ok
    response = logged_in(consultant).post(
        reverse("companies:company-import"),
        {"confirm": "1", "content": base64.b64encode(content).decode(), "file_name": "f.csv"},
    )
    assert response.status_code == 422 and "Ingen virksomheder er importeret" in (
        response.content.decode()
    )
    assert not Company.objects.exists()


def test_the_import_template_is_a_spreadsheet_that_imports(logged_in, consultant, area):
    # REQ: PRG-4
    client = logged_in(consultant)
    response = client.get(reverse("companies:company-import-template"), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    check = importing.check_file(
        response.content, areas=[area], municipality_id=consultant.municipality_id
    )
    assert check.ok, check.problems


def test_the_job_consultants_start_page_counts_openings_proposals_and_events(
    logged_in, consultant, opening, person
):
    # REQ: PRG-4
    services.proposal_create(actor=consultant, opening=opening, person=person)
    response = logged_in(consultant).get("/")
    panel = next(p for p in response.context["panels"] if p.title == "Virksomheder og job")
    counts = {f.label: f.count for f in panel.figures}
    assert counts["Åbne opslag"] == 1
    assert counts["Forslag der venter på virksomhedens svar"] == 1


def test_a_refused_result_shows_the_reason_and_not_a_result_that_was_never_saved(
    logged_in, consultant, opening, person
):
    # REQ: PRG-4
    from velkomst.programme.services import activity_add

    activity_add(
        actor=consultant,
        person=person,
        category="danish",
        kind="danish_education",
        start=date(2026, 8, 1),
        end=None,
        hours_per_week=20,
        provider_kind="language_centre",
        provider_name="Sprogcenter",
    )
    proposal = services.proposal_create(
        actor=consultant, opening=opening, person=person, proposed_on=date(2026, 8, 1)
    )
    proposal = services.proposal_answer(
        actor=consultant,
        proposal=proposal,
        expected_version=proposal.version,
        company_answer="accepted",
        answered_on=date(2026, 8, 5),
    )
    response = logged_in(consultant).post(
        reverse("companies:proposal-result", args=[proposal.pk]),
        {
            "result-version": proposal.version,
            "result-result": "started",
            "result-result_on": "2026-09-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "kan ikke komme på integrationsplanen" in html
    assert "Startet, 1. september 2026" not in html
    assert 'name="result-result"' in html  # the form is still there to try again
    proposal.refresh_from_db()
    assert proposal.result == ""


def test_the_company_list_names_the_industry_not_only_its_code(logged_in, consultant, company):
    # REQ: PRG-4
    html = logged_in(consultant).get(reverse("companies:company-list")).content.decode()
    assert "43.32.00 Joinery installation" in html  # as the company's page shows it
    assert "<td>433200</td>" not in html


def test_job_proposals_are_proposals_in_english_everywhere(logged_in, consultant, opening, person):
    # REQ: PRG-4
    proposal = services.proposal_create(actor=consultant, opening=opening, person=person)
    client = logged_in(consultant)
    client.cookies["django_language"] = "en"
    listing = client.get(reverse("companies:proposal-list")).content.decode()
    detail = client.get(reverse("companies:proposal-detail", args=[proposal.pk])).content.decode()
    assert "<h1>Proposals</h1>" in listing and "Suggestions" not in listing
    assert "Proposal: " in detail and "Suggestions" not in detail
