"""The personal calendar feed: token-authenticated, only the user's own meetings, minimal data
(REC-4, SEC-1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from velkomst.appointments import services
from velkomst.appointments.models import CalendarFeedToken

from .conftest import parse, soon

pytestmark = pytest.mark.django_db


def feed(client, token):
    return client.get(reverse("calendar-feed", args=[token]))


def test_the_feed_needs_no_login_but_the_right_token(client, caseworker, make_appointment):
    # REQ: SEC-1
    make_appointment(place="Rådhuset")
    token = services.calendar_feed_token_create(acting_user=caseworker)
    response = feed(client, token)  # not logged in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar, events = parse(response.content.decode())
    assert calendar["REFRESH-INTERVAL"] == "PT60M" and len(events) == 1
    assert events[0]["LOCATION"] == "Rådhuset"
    for wrong in ("x" * 43, token[:-1], token + "a", "", "../" + token):
        assert client.get(f"/calendar/{wrong}.ics").status_code == 404


def test_only_the_hash_is_stored_and_a_new_token_replaces_the_old(client, caseworker):
    # REQ: SEC-1
    old = services.calendar_feed_token_create(acting_user=caseworker)
    stored = CalendarFeedToken.objects.get(user=caseworker)
    assert old not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    new = services.calendar_feed_token_create(acting_user=caseworker)
    assert feed(client, old).status_code == 404 and feed(client, new).status_code == 200
    services.calendar_feed_token_revoke(acting_user=caseworker)
    assert feed(client, new).status_code == 404


def test_a_deactivated_user_has_no_feed(client, caseworker):
    # REQ: SEC-1
    token = services.calendar_feed_token_create(acting_user=caseworker)
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    assert feed(client, token).status_code == 404


def test_the_feed_holds_only_my_meetings_never_a_colleagues_or_another_municipalitys(
    client, staff, other_caseworker, other_household, make_appointment
):
    # REQ: SEC-1
    mine = make_appointment(place="Mit møde")
    shared = make_appointment(place="Fælles møde", staff=[staff["caseworker"], staff["manager"]])
    make_appointment(place="Kollegas møde", by=staff["family_consultant"])
    make_appointment(place="Gammelt møde", starts_at=soon(-60))
    make_appointment(place="Fremmed møde", by=other_caseworker, on=other_household)
    token = services.calendar_feed_token_create(acting_user=staff["caseworker"])
    _, events = parse(feed(client, token).content.decode())
    assert sorted(e["LOCATION"] for e in events) == ["Fælles møde", "Mit møde"]
    assert {e["UID"] for e in events} == {f"{mine.uid}@velkomst", f"{shared.uid}@velkomst"}
    other_token = services.calendar_feed_token_create(acting_user=other_caseworker)
    _, other_events = parse(feed(client, other_token).content.decode())
    assert [e["LOCATION"] for e in other_events] == ["Fremmed møde"]


def test_the_feed_carries_no_names_notes_or_languages(client, caseworker, person, make_appointment):
    # REQ: SEC-1
    make_appointment(
        persons=[person],
        notes="Hemmelig bemærkning",
        interpreter_needed=True,
        external_participants="Boligselskabet Ø",
    )
    body = feed(client, services.calendar_feed_token_create(acting_user=caseworker)).content
    text = body.decode()
    for secret in ("Haddad", "Amal", "Hemmelig", "Boligselskabet", "arabisk", person.cpr or "@@"):
        assert secret not in text
    _, (event,) = parse(text)
    assert (
        event["SUMMARY"].startswith("Velkomstmøde") and str(person.household_id) in event["SUMMARY"]
    )


def test_cancelled_meetings_stay_in_the_feed_as_cancelled(client, caseworker, appointment):
    # REQ: REC-4
    services.appointment_cancel(
        appointment=appointment, acting_user=caseworker, expected_version=1, reason="Syg"
    )
    token = services.calendar_feed_token_create(acting_user=caseworker)
    _, (event,) = parse(feed(client, token).content.decode())
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == "1"


def test_a_feed_fetch_is_logged_and_noted_on_the_token(client, caseworker, appointment):
    # REQ: SEC-1
    from velkomst.core.models import AuditEntry

    token = services.calendar_feed_token_create(acting_user=caseworker)
    feed(client, token)
    entry = AuditEntry.objects.get(channel="calendar")
    assert entry.action == "export" and entry.changes == {"appointments": [None, [appointment.pk]]}
    assert CalendarFeedToken.objects.get(user=caseworker).last_used_at is not None


def test_the_calendar_page_shows_a_new_address_once(logged_in, caseworker):
    # REQ: REC-4
    client = logged_in(caseworker)
    page = client.get(reverse("my-calendar")).content.decode()
    assert "Lav en kalenderadresse" in page
    shown = client.post(reverse("calendar-feed-token")).content.decode()
    assert "/calendar/" in shown
    url = shown.split('id="feed-url" value="')[1].split('"')[0]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    assert token not in client.get(reverse("my-calendar")).content.decode()
    client.post(reverse("calendar-feed-token"), {"revoke": "1"})
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_only_roles_that_see_citizens_have_a_calendar(client, logged_in, staff):
    # REQ: SEC-2
    admin = logged_in(staff["administrator"])
    assert admin.get(reverse("my-calendar")).status_code == 403
    assert admin.post(reverse("calendar-feed-token")).status_code == 403
    assert not CalendarFeedToken.objects.exists()
    manager = logged_in(staff["manager"])  # takes part in meetings, books none
    assert manager.get(reverse("my-calendar")).status_code == 200
    token = services.calendar_feed_token_create(acting_user=staff["manager"])
    staff["manager"].role = "administrator"  # a changed role closes the feed
    staff["manager"].save(update_fields=["role"])
    assert feed(client, token).status_code == 404


def test_a_colleague_who_does_not_work_with_citizens_cannot_be_a_participant(
    staff, make_appointment
):
    # REQ: SEC-2
    with pytest.raises(services.InvalidAppointment):
        make_appointment(staff=[staff["caseworker"], staff["administrator"]])
