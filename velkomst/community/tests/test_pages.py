"""The pages of events, associations and participation (CIV-4, CIV-5, CHI-4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from velkomst.community import services
from velkomst.community.models import FreeMembership, Invitation
from velkomst.engines.calendar import add_months


def test_the_pages_open_for_the_volunteer_coordinator(
    coordinator, event, club, seen, amal, logged_in
):
    services.invite(actor=coordinator, event=event, persons=[amal])
    client = logged_in(coordinator)
    invitation = Invitation.objects.get()
    for url in (
        "/community/events/",
        "/community/events/?when=coming&kind=language_cafe",
        "/community/events/?attendance=missing",
        "/community/events/new/",
        f"/community/events/{event.pk}/",
        f"/community/events/{event.pk}/edit/",
        f"/community/invitations/{invitation.pk}/text/",
        "/community/associations/",
        "/community/associations/new/",
        f"/community/associations/{club.pk}/",
        f"/community/associations/{club.pk}/edit/",
        "/community/participation/",
        f"/community/participation/?association={club.pk}",
        "/community/participations/new/",
        f"/households/{seen.pk}/leisure/",
        "/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_invitation_text_is_in_the_persons_language(coordinator, event, amal, logged_in):
    # REQ: CIV-4
    (invitation,) = services.invite(actor=coordinator, event=event, persons=[amal])
    html = logged_in(coordinator).get(f"/community/invitations/{invitation.pk}/text/").content
    text = html.decode()
    assert 'lang="ar" dir="rtl"' in text
    assert "مقهى اللغة" in text  # the language café's text in Arabic


def test_invite_a_household_and_record_attendance_through_the_pages(
    coordinator, event, seen, logged_in
):
    # REQ: CIV-4
    client = logged_in(coordinator)
    response = client.post(
        f"/community/events/{event.pk}/invite/",
        {"household": seen.pk, "channel": "letter", "address": "", "language": ""},
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(event=event).count() == 3
    invitation = Invitation.objects.filter(event=event).order_by("id")[0]
    response = client.post(
        f"/community/invitations/{invitation.pk}/attendance/",
        {f"att{invitation.pk}-attendance": "attended", f"att{invitation.pk}-version": 1},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.attendance == "attended"
    page = client.get(f"/community/events/{event.pk}/").content.decode()
    assert "3 inviteret, 1 deltog." in page


def test_over_capacity_is_a_field_message(coordinator, event, seen, amal, logged_in):
    # REQ: CIV-4
    event.capacity = 1
    event.save()
    response = logged_in(coordinator).post(
        f"/community/events/{event.pk}/invite/",
        {"household": seen.pk, "channel": "letter"},
    )
    assert response.status_code == 422
    assert "ledige pladser" in response.content.decode()
    assert not Invitation.objects.exists()


def test_free_membership_over_six_months_shows_the_message_on_the_end_date(
    coordinator, club, amal, today, logged_in
):
    # REQ: CIV-5
    response = logged_in(coordinator).post(
        f"/community/associations/{club.pk}/memberships/new/",
        {
            "person": amal.pk,
            "starts_on": today.isoformat(),
            "ends_on": (add_months(today, 7)).isoformat(),
            "volunteering": "Hjælper i klubhuset",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "højst vare 6 måneder" in html
    assert not FreeMembership.objects.exists()


@pytest.mark.parametrize(
    "role", ["job_consultant", "housing_officer", "health_coordinator", "administrator"]
)
def test_roles_without_the_need_cannot_open_the_pages(staff, role, event, logged_in):
    client = logged_in(staff[role])
    assert client.get("/community/events/").status_code == 403
    assert client.get(f"/community/events/{event.pk}/").status_code == 403


def test_a_caseworker_invites_but_does_not_run_events(caseworker, event, seen, logged_in):
    client = logged_in(caseworker)
    assert client.get("/community/events/new/").status_code == 403
    assert client.get(f"/community/events/{event.pk}/").status_code == 200
    response = client.post(
        f"/community/events/{event.pk}/invite/",
        {"persons": [seen.members.first().pk], "channel": "letter"},
    )
    assert response.status_code == 302


def test_another_municipalitys_event_is_not_found(other_municipality, event, logged_in):
    from conftest import _make_user

    other = _make_user(other_municipality, "volunteer_coordinator", "ab-vol", ("volunteer_centre",))
    assert logged_in(other).get(f"/community/events/{event.pk}/").status_code == 404


def test_the_coordinators_start_page_counts_events(coordinator, event, today, logged_in):
    # REQ: CIV-4
    html = logged_in(coordinator).get("/").content.decode()
    assert "Kommende arrangementer" in html
    assert "/community/events/?when=coming" in html


def test_child_leisure_recorded_from_the_household_page(staff, seen, lina, club, today, logged_in):
    # REQ: CHI-4
    consultant = staff["family_consultant"]
    client = logged_in(consultant)
    response = client.post(
        f"/community/participations/new/?person={lina.pk}&next=household",
        {
            "person": lina.pk,
            "association": club.pk,
            "activity": club.activities.get().pk,
            "started_on": (today - timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/households/{seen.pk}/leisure/"


def test_the_invitation_picker_lists_only_a_searchs_finds_and_logs_them(
    coordinator, event, seen, omar, logged_in
):
    # REQ: CIV-4
    from velkomst.core.models import AuditEntry

    client = logged_in(coordinator)
    html = client.get(f"/community/events/{event.pk}/").content.decode()
    assert "Omar Haddad" not in html  # nobody is listed before a search
    html = client.get(f"/community/events/{event.pk}/?q=Haddad").content.decode()
    assert "Omar Haddad" in html and "Familien Haddad" in html
    assert AuditEntry.objects.filter(
        actor_id=coordinator.pk, person_id=omar.pk, action="view"
    ).exists()
