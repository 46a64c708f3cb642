"""Open counselling and house meetings logged as contacts (who came, topic) and counted (REC-8)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from velkomst.appointments import services
from velkomst.appointments.models import ContactLog
from velkomst.appointments.selectors import contact_counts
from velkomst.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def record(user, **overrides):
    values: dict[str, Any] = dict(kind="open_counselling", date=date(2026, 3, 5), topic="letters")
    values.update(overrides)
    return services.contact_record(acting_user=user, data=services.ContactData(**values))


def test_a_contact_records_who_came_and_is_logged_for_them(caseworker, household, person):
    # REQ: REC-8
    contact = record(caseworker, household=household, persons=[person], topic_text="Brev fra SKAT")
    assert list(contact.persons.all()) == [person] and list(contact.staff.all()) == [caseworker]
    entries = AuditEntry.objects.filter(object_type="appointments.ContactLog")
    assert list(entries.values_list("person_id", flat=True)) == [person.pk]


def test_an_anonymous_house_meeting_counts_its_crowd(caseworker):
    # REQ: REC-8
    contact = record(caseworker, kind="house_meeting", topic="housing", anonymous_count=14)
    assert contact.anonymous_count == 14 and contact.household is None
    with pytest.raises(services.NobodyCame):
        record(caseworker, kind="house_meeting", topic="housing")


def test_contacts_are_counted_by_month_kind_and_topic(caseworker, staff, household, person):
    # REQ: REC-8
    omar = household.members.get(first_name="Omar")
    record(caseworker, date=date(2026, 3, 5), household=household, persons=[person, omar])
    record(caseworker, date=date(2026, 3, 20), anonymous_count=3)
    record(caseworker, date=date(2026, 3, 21), topic="economy", anonymous_count=1)
    record(caseworker, date=date(2026, 4, 2), kind="house_meeting", anonymous_count=12)
    record(caseworker, date=date(2025, 12, 31), anonymous_count=5)  # outside the period
    rows = contact_counts(
        user=staff["manager"], date_from=date(2026, 1, 1), date_to=date(2026, 6, 30)
    )
    table = [(r.month, r.kind, r.topic, r.contacts, r.attendees) for r in rows]
    assert table == [
        (date(2026, 3, 1), "open_counselling", "economy", 1, 1),
        (date(2026, 3, 1), "open_counselling", "letters", 2, 5),
        (date(2026, 4, 1), "house_meeting", "letters", 1, 12),
    ]
    only_meetings = contact_counts(
        user=caseworker, date_from=date(2026, 1, 1), date_to=date(2026, 6, 30), kind="house_meeting"
    )
    assert [r.contacts for r in only_meetings] == [1]


def test_the_counts_page_shows_the_table_with_totals(logged_in, caseworker, staff):
    # REQ: REC-8
    record(caseworker, date=date(2026, 3, 5), anonymous_count=4)
    record(caseworker, date=date(2026, 3, 6), anonymous_count=2)
    client = logged_in(staff["manager"])
    html = client.get(
        reverse("contact-counts"), {"date_from": "2026-01-01", "date_to": "2026-12-31"}
    ).content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Åben rådgivning" in html and "Breve og digital post" in html
    assert ">2</td>" in html and ">6</td>" in html


def test_the_page_records_a_contact_from_the_household(logged_in, caseworker, household, person):
    # REQ: REC-8
    client = logged_in(caseworker)
    url = reverse("contact-create") + f"?household={household.pk}"
    page = client.get(url).content.decode()
    assert "Amal Haddad" in page and "<legend" in page
    today = timezone.localdate().isoformat()
    values = {
        "household": household.pk,
        "kind": "open_counselling",
        "date": today,
        "topic": "economy",
        "persons": [person.pk],
        "anonymous_count": "0",
    }
    assert client.post(reverse("contact-create"), values).status_code == 302
    contact = ContactLog.objects.get()
    assert contact.household == household and list(contact.persons.all()) == [person]
    listing = client.get(reverse("contact-list"), {"date_from": today}).content.decode()
    assert "Økonomi og ydelser" in listing


def test_invalid_contacts_write_nothing(logged_in, caseworker, household):
    # REQ: SEC-5
    client = logged_in(caseworker)
    # a contact records the past: the day after tomorrow or before 1900 is no date it can have
    after_tomorrow = (timezone.localdate() + timedelta(days=2)).isoformat()
    today = timezone.localdate().isoformat()
    bad = [
        {
            "kind": "open_counselling",
            "date": after_tomorrow,
            "topic": "economy",
            "anonymous_count": 1,
        },
        {
            "kind": "open_counselling",
            "date": "1800-01-01",
            "topic": "economy",
            "anonymous_count": 1,
        },
        {"kind": "open_counselling", "date": today, "topic": "economy", "anonymous_count": 0},
        {"kind": "chat", "date": today, "topic": "economy", "anonymous_count": 1},
        {"kind": "phone", "date": today, "topic": "economy", "household": household.pk},
    ]
    for values in bad:
        assert client.post(reverse("contact-create"), values).status_code == 422
    assert not ContactLog.objects.exists()


def test_another_municipality_neither_sees_nor_uses_our_contacts(
    logged_in, caseworker, other_caseworker, household, person
):
    # REQ: SEC-1
    record(caseworker, household=household, persons=[person], topic_text="Hemmeligt emne")
    client = logged_in(other_caseworker)
    assert "Hemmeligt emne" not in client.get(reverse("contact-list")).content.decode()
    rows = contact_counts(
        user=other_caseworker, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)
    )
    assert rows == []
    assert client.get(reverse("contact-create") + f"?household={household.pk}").status_code == 404
    with pytest.raises(services.NotSameMunicipality):
        record(other_caseworker, household=household, persons=[person])
    with pytest.raises(services.NotSameMunicipality):
        record(caseworker, anonymous_count=1, staff=[other_caseworker])
    assert ContactLog.objects.count() == 1


@pytest.mark.parametrize(
    "role, listing, counts",
    [
        ("caseworker", 200, 200),
        ("housing_officer", 200, 200),
        ("manager", 403, 200),
        ("volunteer_coordinator", 403, 403),
        ("administrator", 403, 403),
    ],
)
def test_role_matrix_for_contacts(logged_in, staff, role, listing, counts):
    # REQ: SEC-2
    client = logged_in(staff[role])
    assert client.get(reverse("contact-list")).status_code == listing
    assert client.get(reverse("contact-create")).status_code == listing
    assert client.get(reverse("contact-counts")).status_code == counts
    if listing == 403:
        with pytest.raises(PermissionDenied):
            record(staff[role], anonymous_count=1)
