"""Community indicators (volunteer matches, leisure continuity, video interpreting, cooperation
agreements) on small hand-made datasets; the right answers worked out by hand."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from velkomst.appointments.models import Appointment
from velkomst.associations.models import HousingAssociation
from velkomst.community.models import Association, FreeMembership, Participation
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import Scope, definition
from velkomst.interpreting.models import Booking
from velkomst.pairings.models import Match
from velkomst.volunteers.models import Offer, Volunteer

from .conftest import member

pytestmark = pytest.mark.django_db

H1 = Scope(date(2026, 1, 1), date(2026, 6, 30))


def _volunteer(municipality, status="approved", decided=None):
    return Volunteer.objects.create(
        municipality=municipality,
        kind="private",
        name=f"Frivillig {Volunteer.objects.count() + 1}",
        status=status,
        decided_at=None
        if decided is None
        else datetime.combine(decided, datetime.min.time(), UTC) + timedelta(hours=10),
        token=uuid.uuid4().hex,
    )


def _match(household, user, accepted=None, state="accepted"):
    volunteer = _volunteer(household.municipality)
    offer = Offer.objects.create(
        municipality=household.municipality, volunteer=volunteer, kind="mentor", audience=["adults"]
    )
    Match.objects.create(
        municipality=household.municipality,
        offer=offer,
        household=household,
        state=state,
        proposed_on=date(2025, 7, 1),
        proposed_by=user,
        accepted_on=accepted,
    )


def test_volunteer_matches_per_household_average_the_matches_accepted_by_the_day(
    arrive, caseworker, other_caseworker
):
    # REQ: MI-1
    # H1 arrived 1 June 2025: matches accepted 1 Aug 2025 and 30 June 2026 (the period's last
    # day), one declined; H2 arrived 1 Feb 2026: a match accepted 1 July 2026, a day too late;
    # H3 arrives 1 July 2026, after the period; Aalborg's household has a match that must not count
    h1 = arrive(date(2025, 6, 1), [member(first_name="Amal")])
    h2 = arrive(date(2026, 2, 1), [member(first_name="Hiba")])
    arrive(date(2026, 7, 1), [member(first_name="Sami")])
    _match(h1, caseworker, date(2025, 8, 1))
    _match(h1, caseworker, date(2026, 6, 30))
    _match(h1, caseworker, None, state="declined")
    _match(h2, caseworker, date(2026, 7, 1))
    elsewhere = arrive(date(2025, 6, 1), [member(first_name="Selam")], user=other_caseworker)
    _match(elsewhere, other_caseworker, date(2025, 8, 1))
    per = definition("volunteer_matches_per_household").compute(h1.municipality, H1)
    # H1 2, H2 0: (2 + 0) / 2 = 1.0
    assert (per.total.numerator, per.total.denominator, per.total.value) == (2, 2, Decimal(1))
    assert {i.household_id: i.value for i in per.items} == {h1.pk: 2, h2.pk: 0}
    # three months after arrival: H1 on 1 Sept 2025 had 1; H2 on 1 May 2026 had 0 -> 0.5
    three = definition("volunteer_matches_per_household").compute(
        h1.municipality, Scope(H1.start, H1.end, months_since_arrival=3)
    )
    assert three.total.value == Decimal("0.5")


@pytest.fixture
def leisure(arrive, other_caseworker):
    """A family arrived 1 June 2025. Amal (woman) played in club A 15 Oct – 31 Dec 2025 and in
    club B from 1 Jan 2026 (a change of club, no break); Omar (man) 1 Nov 2025 – 31 Jan 2026;
    Lina (girl, 9) from 31 Mar 2026; Sara (girl, 11) from 30 Sep 2025. Aalborg: Selam from 1 Jan
    2026."""
    family = arrive(
        date(2025, 6, 1),
        [
            member(first_name="Amal"),
            member(first_name="Omar", sex="M", birth_date=date(1985, 1, 2), relation="spouse"),
            member(first_name="Lina", birth_date=date(2016, 9, 9), relation="child"),
            member(first_name="Sara", birth_date=date(2014, 6, 1), relation="child"),
        ],
    )
    people = {p.first_name: p for p in family.members.all()}
    club_a = Association.objects.create(municipality=family.municipality, name="Rønne IK")
    club_b = Association.objects.create(municipality=family.municipality, name="Nexø BK")

    def join(person, club, start, end=None):
        Participation.objects.create(
            municipality=person.municipality,
            person=person,
            association=club,
            started_on=start,
            ended_on=end,
        )

    join(people["Amal"], club_a, date(2025, 10, 15), date(2025, 12, 31))
    join(people["Amal"], club_b, date(2026, 1, 1))
    join(people["Omar"], club_a, date(2025, 11, 1), date(2026, 1, 31))
    join(people["Lina"], club_b, date(2026, 3, 31))
    join(people["Sara"], club_b, date(2025, 9, 30))
    elsewhere = arrive(date(2025, 6, 1), [member(first_name="Selam")], user=other_caseworker)
    selam = elsewhere.members.get()
    join(
        selam,
        Association.objects.create(municipality=selam.municipality, name="AaB"),
        date(2026, 1, 1),
    )
    return people


def test_leisure_continuity_after_3_months_uses_the_engines_rule(leisure):
    # REQ: MI-1
    three = definition("leisure_continuity_3_months").compute(leisure["Amal"].municipality, H1)
    # three months after the first start, in the period: Amal 15 Jan 2026 (club B: active), Omar
    # 1 Feb 2026 (stopped 31 Jan), Lina 30 Jun 2026 (the last day: active); Sara's was 30 Dec 2025
    assert (three.total.numerator, three.total.denominator) == (2, 3)
    assert three.total.value == Decimal("66.7")
    assert three.person_ids(counted=False) == [leisure["Omar"].pk]
    groups = {key: (f.numerator, f.denominator) for key, f in three.groups["group"].items()}
    assert groups == {"women": (1, 1), "men": (0, 1), "girls": (1, 1)}
    assert group_label("leisure_continuity_3_months", "group", "girls") == "Piger"


def test_leisure_continuity_after_6_months(leisure):
    # REQ: MI-1
    six = definition("leisure_continuity_6_months").compute(leisure["Amal"].municipality, H1)
    # six months after: Amal 15 Apr 2026 (active), Omar 1 May 2026 (stopped), Sara 30 Mar 2026
    # (active); Lina's is 30 Sep 2026, after the period
    assert (six.total.numerator, six.total.denominator) == (2, 3)
    assert six.person_ids(counted=True) == sorted([leisure["Amal"].pk, leisure["Sara"].pk])


def _booking(household, user, mode, day, status="confirmed", language="ar"):
    start = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
    appointment = Appointment.objects.create(
        municipality=household.municipality,
        household=household,
        kind="welcome_meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="Rådhuset",
        created_by=user,
    )
    Booking.objects.create(
        municipality=household.municipality,
        appointment=appointment,
        language=language,
        mode=mode,
        starts_at=start,
        duration_minutes=60,
        ends_at=start + timedelta(hours=1),
        status=status,
        requested_by=user,
    )


def test_video_interpreting_share_of_the_bookings_in_the_period(
    arrive, caseworker, other_caseworker
):
    # REQ: MI-1
    family = arrive(date(2025, 6, 1), [member()])
    _booking(family, caseworker, "video", date(2026, 1, 1))  # the first day: video
    _booking(family, caseworker, "on_site", date(2026, 3, 3))
    _booking(family, caseworker, "phone", date(2026, 6, 30), language="ti")  # the last day
    _booking(family, caseworker, "video", date(2026, 5, 5), status="cancelled")  # cancelled
    _booking(family, caseworker, "video", date(2025, 12, 31))  # the day before
    elsewhere = arrive(date(2025, 6, 1), [member(first_name="Selam")], user=other_caseworker)
    _booking(elsewhere, other_caseworker, "video", date(2026, 2, 2))  # Aalborg's
    share = definition("video_interpreting_share").compute(family.municipality, H1)
    # counted: video 1 Jan, on site 3 Mar, phone 30 Jun -> 1 of 3
    assert (share.total.numerator, share.total.denominator) == (1, 3)
    assert share.total.value == Decimal("33.3")
    assert share.groups["language"]["ar"].value == Decimal(50)
    assert group_label("video_interpreting_share", "language", "ar") == "arabisk"
    assert {i.household_id for i in share.items} == {family.pk}


def test_cooperation_agreements_count_associations_volunteers_and_housing_associations(
    arrive, other_caseworker
):
    # REQ: MI-1
    family = arrive(
        date(2025, 6, 1), [member(), member(first_name="Omar", sex="M", relation="spouse")]
    )
    bornholm = family.municipality
    amal, omar = family.members.order_by("pk")
    # associations: Rønne IK with a free membership 1 Dec 2025 - 31 May 2026 (two members, one
    # association); Nexø BK with one that ended 31 Dec 2025, the day before; Aakirkeby with none
    roenne = Association.objects.create(municipality=bornholm, name="Rønne IK")
    nexoe = Association.objects.create(municipality=bornholm, name="Nexø BK")
    Association.objects.create(municipality=bornholm, name="Aakirkeby")
    for person in (amal, omar):
        FreeMembership.objects.create(
            municipality=bornholm,
            association=roenne,
            person=person,
            starts_on=date(2025, 12, 1),
            ends_on=date(2026, 5, 31),
            volunteering="Kiosk",
        )
    FreeMembership.objects.create(
        municipality=bornholm,
        association=nexoe,
        person=amal,
        starts_on=date(2025, 7, 1),
        ends_on=date(2025, 12, 31),
        volunteering="Træner",
    )
    # volunteers: approved 2025 and on the period's last day count; approved the day after, and
    # one pending, do not
    _volunteer(bornholm, decided=date(2025, 3, 1))
    _volunteer(bornholm, decided=date(2026, 6, 30))
    _volunteer(bornholm, decided=date(2026, 7, 1))
    _volunteer(bornholm, status="pending")
    # housing associations: one active, one no longer
    HousingAssociation.objects.create(municipality=bornholm, name="BOBO")
    HousingAssociation.objects.create(municipality=bornholm, name="Gammel", active=False)
    # Aalborg's approved volunteer and housing association must not count
    _volunteer(other_caseworker.municipality, decided=date(2025, 3, 1))
    HousingAssociation.objects.create(municipality=other_caseworker.municipality, name="Himmerland")
    agreements = definition("cooperation_agreements").compute(bornholm, H1)
    # 1 association + 2 volunteers + 1 housing association
    assert agreements.total.value == 4
    kinds = {k: f.value for k, f in agreements.groups["kind"].items()}
    assert kinds == {"association": 1, "volunteer": 2, "housing_association": 1}
    assert group_label("cooperation_agreements", "kind", "volunteer") == "Frivillige"
