"""Refused requests are security events (SEC-1, SEC-3): a probe across municipalities (a 404 for
an object id) and a role's refusal (403) are kept, append-only, without the object's data, and
the administrator sees the own municipality's events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from velkomst.api.services import api_token_create
from velkomst.core.models import AppendOnlyError, SecurityEvent
from velkomst.people.services import person_update

pytestmark = pytest.mark.django_db

# What the first municipality's citizens are called and numbered: never in an event.
SECRETS = ("Amal", "Omar", "Lina", "Haddad", "1403881234", "140388")


@pytest.fixture
def amal(person, caseworker):
    person_update(person=person, acting_user=caseworker, expected_version=1, cpr="1403881234")
    person.refresh_from_db()
    return person


def _only_event() -> SecurityEvent:
    [event] = SecurityEvent.objects.all()
    return event


def _assert_no_citizen_data(event: SecurityEvent) -> None:
    text = " ".join(
        str(v) for v in (event.actor_label, event.route, event.path, event.params, event.method)
    )
    assert not any(secret in text for secret in SECRETS), text


def test_opening_another_municipalitys_person_page_is_a_security_event(
    logged_in, amal, other_caseworker
):
    # REQ: SEC-1
    # REQ: SEC-3
    response = logged_in(other_caseworker).get(reverse("person-detail", args=[amal.pk]))
    assert response.status_code == 404
    event = _only_event()
    assert (event.actor_id, event.municipality_id) == (
        other_caseworker.pk,
        other_caseworker.municipality_id,
    )
    assert event.actor_label == "Caseworker Aalborg (ab-caseworker)"
    assert (event.status, event.method, event.channel) == (404, "GET", "web")
    assert (event.route, event.path) == ("person-detail", f"/persons/{amal.pk}/")
    assert event.params == {"pk": str(amal.pk)}
    assert timezone.now() - event.at < timedelta(minutes=1)
    _assert_no_citizen_data(event)


def test_opening_and_posting_to_another_municipalitys_household_are_security_events(
    logged_in, household, amal, other_caseworker
):
    # REQ: SEC-1
    # REQ: SEC-3
    client = logged_in(other_caseworker)
    assert client.get(reverse("household-detail", args=[household.pk])).status_code == 404
    edit = reverse("household-edit", args=[household.pk])
    assert client.post(edit, {"name": "Overtaget", "version": 1}).status_code == 404
    events = list(SecurityEvent.objects.order_by("id"))
    assert [(e.route, e.method, e.status) for e in events] == [
        ("household-detail", "GET", 404),
        ("household-edit", "POST", 404),
    ]
    for event in events:
        assert event.params == {"pk": str(household.pk)}
        _assert_no_citizen_data(event)


def test_an_api_request_for_another_municipalitys_person_is_a_security_event(
    client, amal, other_caseworker
):
    # REQ: SEC-1
    # REQ: SEC-3
    _, key = api_token_create(user=other_caseworker, name="probe")
    response = client.get(f"/api/persons/{amal.pk}", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 404
    event = _only_event()
    assert (event.actor_id, event.status, event.channel) == (other_caseworker.pk, 404, "api")
    assert (event.route, event.params) == ("api:get_person", {"person_id": str(amal.pk)})
    _assert_no_citizen_data(event)


def test_a_page_the_role_lacks_is_a_security_event(logged_in, staff, household):
    # REQ: SEC-3
    coordinator = staff["volunteer_coordinator"]
    response = logged_in(coordinator).get(reverse("household-housing-need", args=[household.pk]))
    assert response.status_code == 403
    event = _only_event()
    assert (event.actor_id, event.status, event.municipality_id) == (
        coordinator.pk,
        403,
        coordinator.municipality_id,
    )
    assert event.route == "household-housing-need"
    assert event.get_status_display() == "Ingen adgang (403)"
    _assert_no_citizen_data(event)


def test_an_api_route_the_role_lacks_is_a_security_event(client, staff, amal):
    # REQ: SEC-3
    administrator = staff["administrator"]  # configures, reads no case data (SEC-2)
    _, key = api_token_create(user=administrator, name="x")
    response = client.get(f"/api/persons/{amal.pk}", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403
    event = _only_event()
    assert (event.actor_id, event.status, event.channel) == (administrator.pk, 403, "api")


def test_answered_requests_anonymous_ones_and_mistyped_addresses_write_no_event(
    client, logged_in, amal, caseworker
):
    # anonymous: pages send to the login, the API answers 401; nobody without an account can
    # fill the table
    assert client.get(reverse("person-detail", args=[amal.pk])).status_code == 302
    assert client.get(f"/api/persons/{amal.pk}").status_code == 401
    assert client.get("/api/persons/999999").status_code == 401
    own = logged_in(caseworker)
    assert own.get(reverse("person-detail", args=[amal.pk])).status_code == 200
    assert own.get("/no-such-page/").status_code == 404  # no object id: not a probe
    assert not SecurityEvent.objects.exists()
    assert own.get(reverse("person-detail", args=[999999])).status_code == 404
    assert _only_event().params == {"pk": "999999"}


def test_a_token_in_the_address_is_not_kept(logged_in, caseworker):
    # REQ: SEC-3
    response = logged_in(caseworker).get("/report/not-a-channel-token/")
    assert response.status_code == 404
    event = _only_event()
    assert event.params == {"token": "…"} and event.route == "neighbours-public-report"


def test_security_events_cannot_be_changed_or_deleted(logged_in, amal, other_caseworker):
    # REQ: SEC-3
    logged_in(other_caseworker).get(reverse("person-detail", args=[amal.pk]))
    event = _only_event()
    event.status = 200
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.update(status=200)
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_security_events(logged_in, amal, other_caseworker):
    # REQ: SEC-3
    from django.db import DatabaseError

    logged_in(other_caseworker).get(reverse("person-detail", args=[amal.pk]))
    event = _only_event()
    for sql in (
        "UPDATE core_securityevent SET status = 200 WHERE id = %s",
        "DELETE FROM core_securityevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert SecurityEvent.objects.filter(pk=event.pk, status=404).exists()


def _probe(client, user, path):
    client.force_login(user)
    client.get(path)


def test_the_administrator_sees_the_own_municipalitys_events_with_filters(
    client, staff, amal, other_caseworker, other_household
):
    # REQ: SEC-3
    # REQ: SEC-1
    other_person = other_household.members.get()
    _probe(client, other_caseworker, reverse("person-detail", args=[amal.pk]))  # Aalborg's
    _probe(client, staff["caseworker"], reverse("person-detail", args=[other_person.pk]))
    _probe(client, staff["volunteer_coordinator"], reverse("housing-dwelling-list"))
    client.force_login(staff["administrator"])
    url = reverse("security-events")
    html = client.get(url).content.decode()
    assert "Sikkerhedshændelser" in html and "2 hændelser" in html
    assert "bh-caseworker" in html and "bh-volunteer_coordinator" in html
    assert "ab-caseworker" not in html  # another municipality's events are theirs
    assert "Ingen adgang (403)" in html and "Ikke fundet (404)" in html
    assert f"/persons/{other_person.pk}/" in html
    assert "Selam" not in html and "Tesfaye" not in html
    only = client.get(url, {"actor": staff["volunteer_coordinator"].pk}).content.decode()
    assert "1 hændelse" in only and "bh-caseworker (" not in only
    today = timezone.localdate()
    later = client.get(url, {"date_from": (today + timedelta(days=1)).isoformat()})
    assert "0 hændelser" in later.content.decode()
    same_day = {"date_from": today.isoformat(), "date_to": today.isoformat()}
    assert "2 hændelser" in client.get(url, same_day).content.decode()
    backwards = client.get(url, {"date_from": today.isoformat(), "date_to": "2020-01-01"})
    assert "Til-datoen skal være samme dag som fra-datoen eller senere." in (
        backwards.content.decode()
    )
    assert f'href="{url}"' in html  # in the administrator's menu


def test_the_security_events_page_is_the_administrators_only(logged_in, staff):
    # REQ: SEC-2
    url = reverse("security-events")
    for role in ("manager", "caseworker"):
        client = logged_in(staff[role])
        assert client.get(url).status_code == 403
        assert f'href="{url}"' not in client.get(reverse("home"), follow=True).content.decode()


def test_the_security_events_page_is_paginated(logged_in, staff, amal, other_household):
    # REQ: SEC-3
    other_person = other_household.members.get()
    client = logged_in(staff["caseworker"])
    for _ in range(30):
        client.get(reverse("person-detail", args=[other_person.pk]))
    client = logged_in(staff["administrator"])
    first = client.get(reverse("security-events")).content.decode()
    assert "30 hændelser" in first and "Side 1 af 2" in first
    assert "Side 2 af 2" in client.get(reverse("security-events"), {"page": 2}).content.decode()


def test_the_security_events_page_in_english(client, staff):
    _probe(client, staff["volunteer_coordinator"], reverse("housing-dwelling-list"))
    client.force_login(staff["administrator"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("security-events")).content.decode()
    assert "Security events" in html and "1 event" in html and "No access (403)" in html
    assert "hold no data of the object itself" in html and "From date" in html
