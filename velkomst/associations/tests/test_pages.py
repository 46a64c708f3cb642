"""The associations' and allocation meetings' pages: roles, tenancy, forms, the list with its
key, outcome recording and the export (HOU-5)."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from velkomst.associations import services
from velkomst.associations.models import AllocationLine, AllocationMeeting, MoveOutCount
from velkomst.core.models import AuditEntry
from velkomst.housing.models import Placement

from .conftest import household_in_need

pytestmark = pytest.mark.django_db

# role -> (meeting list, association list, new association, meeting detail)
MATRIX = {
    "housing_officer": (200, 200, 200, 200),
    "caseworker": (200, 200, 403, 200),
    "manager": (200, 200, 403, 200),
    "job_consultant": (403, 403, 403, 403),
    "administrator": (403, 403, 403, 403),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix(client, staff, meeting, role):
    # REQ: HOU-5, SEC-2
    client.force_login(staff[role])
    urls = [
        reverse("associations-meeting-list"),
        reverse("associations-list"),
        reverse("associations-create"),
        reverse("associations-meeting-detail", args=[meeting.pk]),
    ]
    assert tuple(client.get(url).status_code for url in urls) == MATRIX[role]


def test_viewers_cannot_post(client, staff, meeting, associations):
    # REQ: SEC-2
    line = meeting.lines.first()
    client.force_login(staff["manager"])
    posts = [
        (reverse("associations-meeting-list"), {"month": "2026-09", "meeting_date": "2026-09-01"}),
        (reverse("associations-move-outs", args=[associations[0].pk]), {}),
        (reverse("associations-line-detail", args=[line.pk]), {"action": "outcome"}),
        (reverse("associations-meeting-recompute", args=[meeting.pk]), {"version": 1}),
    ]
    assert [client.post(url, data).status_code for url, data in posts] == [403] * 4
    html = client.get(reverse("associations-line-detail", args=[line.pk])).content.decode()
    assert "Registrér resultat" not in html


def test_the_menu_links_to_the_meetings(client, staff):
    # REQ: HOU-5
    client.force_login(staff["caseworker"])
    html = client.get(reverse("associations-meeting-list")).content.decode()
    assert "Boligforeninger og anvisning" in html


def test_creating_and_editing_an_association(client, officer):
    # REQ: HOU-5
    client.force_login(officer)
    response = client.post(
        reverse("associations-create"),
        {"name": "Fjordbo", "email": "ikke en adresse", "version": 0, "active": "on"},
    )
    assert response.status_code == 422 and "E-mail" in response.content.decode()
    response = client.post(
        reverse("associations-create"),
        {"name": "Fjordbo", "contact_person": "Hanne", "version": 0, "active": "on"},
    )
    assert response.status_code == 302
    association = services.selectors.associations_for(officer).get()
    response = client.post(
        reverse("associations-create"), {"name": "fjordbo", "version": 0, "active": "on"}
    )
    assert response.status_code == 422
    assert "Der findes allerede en boligforening med det navn." in response.content.decode()
    response = client.post(
        reverse("associations-edit", args=[association.pk]),
        {"name": "Fjordbo", "phone": "11223344", "version": 7, "active": "on"},
    )
    assert "En anden har gemt ændringer" in response.content.decode()
    html = client.get(reverse("associations-list")).content.decode()
    assert "Fjordbo" in html and "Hanne" in html


def test_entering_move_outs_by_month(client, officer):
    # REQ: HOU-5
    association = services.association_create(acting_user=officer, name="Fjordbo")
    client.force_login(officer)
    url = reverse("associations-move-outs", args=[association.pk]) + "?year=2026"
    page = client.get(url)
    assert page.status_code == 200 and "01.2026" in page.content.decode()
    data: dict[str, object] = {f"v-2026-{m:02d}": 0 for m in range(1, 13)}
    data.update({"m-2026-01": "4", "m-2026-02": "-2"})
    response = client.post(url, data)
    assert response.status_code == 422 and not MoveOutCount.objects.exists()
    data["m-2026-02"] = "3"
    response = client.post(url, data)
    assert response.status_code == 302
    assert dict(MoveOutCount.objects.values_list("period", "move_outs")) == {
        date(2026, 1, 1): 4,
        date(2026, 2, 1): 3,
    }
    stale = client.post(url, {**data, "m-2026-01": "9"})  # still the versions 0 it saw
    assert "En anden har gemt ændringer" in stale.content.decode()
    assert MoveOutCount.objects.get(period=date(2026, 1, 1)).move_outs == 4


def test_drafting_a_meeting_from_the_list_page(client, officer, associations, waiting):
    # REQ: HOU-5
    client.force_login(officer)
    response = client.post(
        reverse("associations-meeting-list"), {"month": "2026-07", "meeting_date": "2026-06-24"}
    )
    meeting = AllocationMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("associations-meeting-detail", args=[meeting.pk])
    assert meeting.month == date(2026, 7, 1) and meeting.lines.count() == 5
    again = client.post(
        reverse("associations-meeting-list"), {"month": "2026-07", "meeting_date": "2026-06-24"}
    )
    assert again.status_code == 422
    assert "Der er allerede et anvisningsmøde for den måned." in again.content.decode()


def test_the_meeting_page_shows_the_key_and_each_associations_list(client, officer, meeting):
    # REQ: HOU-5
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("associations-meeting-detail", args=[meeting.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # the key's numbers: 5 households × move-outs / 120
    assert "5 × 72 / 120" in html and "5 × 12 / 120" in html
    assert "3,000" in html or "3.000" in html
    assert "0,500" in html or "0.500" in html
    for name in ("Familien Hus0", "Familien Hus4", "Fjordbo", "Lyngen", "Kilden"):
        assert name in html
    assert "Familien Senere" not in html
    assert 'media="print"' in html
    assert len(queries) < 40  # not one query per household
    members = sum(line.household.members.count() for line in meeting.lines.all())
    views = AuditEntry.objects.filter(object_type="associations.AllocationLine", action="view")
    assert views.count() == members


def test_the_list_page_query_count_does_not_grow_with_households(
    client, officer, caseworker, meeting
):
    # REQ: HOU-5
    client.force_login(officer)
    url = reverse("associations-meeting-detail", args=[meeting.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(4):
        household_in_need(caseworker, officer, f"Flere{i}", date(2026, 6, 1), size=2)
    services.meeting_recompute(acting_user=officer, meeting=meeting, expected_version=1)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_the_empty_key_is_explained(client, officer, waiting):
    # REQ: HOU-5
    services.association_create(acting_user=officer, name="Fjordbo")
    meeting = services.meeting_draft(
        acting_user=officer, month=date(2026, 7, 1), meeting_date=date(2026, 6, 24)
    )
    client.force_login(officer)
    html = client.get(reverse("associations-meeting-detail", args=[meeting.pk])).content.decode()
    assert "Ingen aktive boligforeninger har fraflytninger i nøgleperioden" in html
    assert "5 husstande er ikke fordelt." in html


def test_moving_a_household_shows_a_deviation(client, officer, associations, meeting):
    # REQ: HOU-5
    line = meeting.lines.get(position=0)
    client.force_login(officer)
    url = reverse("associations-line-detail", args=[line.pk])
    response = client.post(
        url,
        {
            "action": "move",
            "move-association": associations[2].pk,
            "move-note": "Tæt på skolen",
            "move-version": 1,
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("associations-meeting-detail", args=[meeting.pk])).content.decode()
    assert "Afviger fra nøglen: nøglen gav Fjordbo" in html and "Tæt på skolen" in html
    assert "1 husstand er flyttet til en anden boligforening end nøglen gav." in html
    assert html.count("(afviger)") == 2  # Fjordbo one fewer, Kilden one more than the key


def test_recording_an_accepted_outcome_places_the_household(client, officer, meeting, dwelling):
    # REQ: HOU-5
    line = meeting.lines.get(position=0)
    client.force_login(officer)
    url = reverse("associations-line-detail", args=[line.pk])
    page = client.get(url).content.decode()
    assert "Fjordvej 3" in page
    response = client.post(
        url, {"action": "outcome", "outcome-outcome": "accepted", "outcome-version": 1}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vælg den bolig, husstanden har accepteret." in html
    assert "Skriv indflytningsdatoen." in html
    response = client.post(
        url,
        {
            "action": "outcome",
            "outcome-outcome": "accepted",
            "outcome-dwelling": dwelling.pk,
            "outcome-start_date": "2026-05-01",  # before the dwelling is free
            "outcome-version": 1,
        },
    )
    assert response.status_code == 422 and "Boligen er først ledig" in response.content.decode()
    response = client.post(
        url,
        {
            "action": "outcome",
            "outcome-outcome": "accepted",
            "outcome-dwelling": dwelling.pk,
            "outcome-start_date": "2026-07-01",
            "outcome-version": 1,
        },
    )
    assert response.status_code == 302
    assert Placement.objects.get().household == line.household
    assert AllocationLine.objects.get(pk=line.pk).outcome == "accepted"
    html = client.get(reverse("associations-meeting-detail", args=[meeting.pk])).content.decode()
    assert "Bolig accepteret: Fjordvej 3" in html


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_export_has_every_household_and_is_audited_per_member(client, officer, meeting, kind):
    # REQ: HOU-5, SEC-3
    client.force_login(officer)
    response = client.get(
        reverse("associations-meeting-export", args=[meeting.pk]), {"format": kind}
    )
    assert response.status_code == 200
    assert f"anvisningsliste-2026-07.{kind}" in response["Content-Disposition"]
    if kind == "csv":
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [
            [str(c) if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)
        ]
    assert rows[0][:3] == ["Boligforening", "Husstand", "Personer"]
    assert len(rows) == 6
    assert {r[1] for r in rows[1:]} == {f"Familien Hus{i}" for i in range(5)}
    assert {r[0] for r in rows[1:]} == {"Fjordbo", "Lyngen", "Kilden"}
    members = sum(line.household.members.count() for line in meeting.lines.all())
    exports = AuditEntry.objects.filter(action="export", object_type="associations.AllocationLine")
    assert exports.count() == members
    assert exports[0].reason == f"anvisningsliste 2026-07 ({kind})"


def test_another_municipalitys_meeting_is_404(client, other_municipality, meeting, associations):
    # REQ: SEC-1
    from conftest import _make_user

    outsider = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    client.force_login(outsider)
    line = meeting.lines.first()
    for url in (
        reverse("associations-meeting-detail", args=[meeting.pk]),
        reverse("associations-meeting-export", args=[meeting.pk]),
        reverse("associations-line-detail", args=[line.pk]),
        reverse("associations-edit", args=[associations[0].pk]),
        reverse("associations-move-outs", args=[associations[0].pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert "Fjordbo" not in client.get(reverse("associations-list")).content.decode()
    assert not AuditEntry.objects.filter(actor_id=outsider.pk).exists()


def test_marking_the_meeting_held(client, officer, meeting):
    # REQ: HOU-5
    client.force_login(officer)
    url = reverse("associations-meeting-edit", args=[meeting.pk])
    response = client.post(
        url, {"meeting_date": "2026-06-25", "status": "held", "note": "", "version": 1}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"meeting_date": "2026-06-25", "status": "draft", "note": "", "version": 2}
    )
    assert response.status_code == 422 and "kan ikke få status" in response.content.decode()
