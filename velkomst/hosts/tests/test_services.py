"""Private lodging's services (HOU-6): hosts and offers, the household's wishes, meetings, each
side's decision, the lease of at most two years, and the placement only after both say yes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.hosts import services
from velkomst.hosts.models import Lease, Meeting, OfferStatus, Outcome
from velkomst.housing.models import Dwelling, Placement, PlacementSource

from .conftest import TODAY, host_values, offer_values

pytestmark = pytest.mark.django_db

AT = datetime(2026, 6, 20, 14, 0, tzinfo=UTC)


def propose(officer, offer, household, **kw):
    return services.meeting_propose(
        acting_user=officer,
        offer=offer,
        household=household,
        meeting_at=AT,
        place="Hos værten",
        today=TODAY,
        **kw,
    )


def lease(start=date(2026, 7, 1), end=date(2028, 6, 30), rent=4500):
    return services.LeaseData(start_date=start, end_date=end, monthly_rent=rent)


def decide(officer, meeting, host, household, **kw):
    return services.meeting_decide(
        meeting=meeting,
        acting_user=officer,
        expected_version=meeting.version,
        host_decision=host,
        household_decision=household,
        today=TODAY,
        **kw,
    )


def test_hosts_and_offers_are_created_and_changed_with_audit(officer, area):
    # REQ: HOU-6
    host = services.host_create(acting_user=officer, **host_values(area))
    offer = services.offer_create(
        acting_user=officer, host=host, **offer_values(languages=["ar", "da", "ar"])
    )
    assert offer.languages == ["ar", "da"] and offer.status == OfferStatus.OPEN
    services.offer_update(offer=offer, acting_user=officer, expected_version=1, rent=4800)
    assert offer.version == 2
    rows = AuditEntry.objects.filter(object_type="hosts.HostOffer").order_by("id")
    assert [r.action for r in rows] == ["create", "change"]
    assert rows[1].changes == {"rent": [4500, 4800]}
    assert AuditEntry.objects.filter(object_type="hosts.Host", action="create").count() == 1


def test_offers_are_validated_field_by_field(officer, host):
    # REQ: HOU-6
    with pytest.raises(ValidationError) as error:
        services.offer_create(
            acting_user=officer,
            host=host,
            **offer_values(
                household_types=[],
                languages=["xx1"],
                available_until=date(2026, 5, 1),
                max_persons=0,
            ),
        )
    assert set(error.value.message_dict) == {
        "household_types",
        "languages",
        "available_until",
        "max_persons",
    }


def test_an_offer_cannot_be_matched_by_hand(officer, offer):
    # REQ: HOU-6
    with pytest.raises(services.OfferStatusError) as error:
        services.offer_update(
            offer=offer, acting_user=officer, expected_version=1, status=OfferStatus.MATCHED
        )
    assert "status" in error.value.message_dict
    services.offer_update(
        offer=offer, acting_user=officer, expected_version=1, status=OfferStatus.WITHDRAWN
    )
    assert offer.status == OfferStatus.WITHDRAWN


def test_a_stale_edit_is_a_concurrent_edit(officer, offer, host):
    # REQ: HOU-6
    services.offer_update(offer=offer, acting_user=officer, expected_version=1, rent=4600)
    with pytest.raises(ConcurrentEditError):
        services.offer_update(offer=offer, acting_user=officer, expected_version=1, rent=4700)
    services.host_update(host=host, acting_user=officer, expected_version=1, phone="1")
    with pytest.raises(ConcurrentEditError):
        services.host_update(host=host, acting_user=officer, expected_version=1, phone="2")


def test_only_the_housing_officer_writes_and_only_in_their_municipality(
    staff, officer, offer, household, other_household, need
):
    # REQ: HOU-6, SEC-1, SEC-2
    for role in ("caseworker", "manager", "job_consultant"):
        with pytest.raises(PermissionDenied):
            services.host_create(acting_user=staff[role], **host_values(None))
        with pytest.raises(PermissionDenied):
            propose(staff[role], offer, household)
    from conftest import _make_user

    outsider = _make_user(other_household.municipality, "housing_officer", "ab-housing")
    with pytest.raises(PermissionDenied):
        services.offer_update(offer=offer, acting_user=outsider, expected_version=1, rent=1)
    with pytest.raises(ValidationError):
        propose(officer, offer, other_household)


def test_the_household_profile_is_saved_and_audited_per_member(officer, household):
    # REQ: HOU-6, SEC-3
    profile = services.lodging_profile_save(
        household=household,
        acting_user=officer,
        data=services.ProfileData(has_pets=True, wants_private_lodging=True),
        expected_version=0,
    )
    rows = AuditEntry.objects.filter(object_type="hosts.LodgingProfile", action="create")
    assert rows.count() == household.members.count() == 3
    services.lodging_profile_save(
        household=household,
        acting_user=officer,
        data=services.ProfileData(has_pets=False, wants_private_lodging=True),
        expected_version=1,
    )
    profile.refresh_from_db()
    assert not profile.has_pets and profile.version == 2
    with pytest.raises(ConcurrentEditError):
        services.lodging_profile_save(
            household=household,
            acting_user=officer,
            data=services.ProfileData(),
            expected_version=1,
        )


def test_a_meeting_is_only_proposed_for_a_household_passing_the_hard_rules(
    officer, offer, household, need
):
    # REQ: HOU-6
    services.lodging_profile_save(
        household=household,
        acting_user=officer,
        data=services.ProfileData(has_pets=True),
        expected_version=0,
    )
    with pytest.raises(ValidationError) as error:
        propose(officer, offer, household)
    assert "værten accepterer ikke kæledyr" in " ".join(error.value.message_dict["household"])
    services.offer_update(offer=offer, acting_user=officer, expected_version=1, pets_ok=True)
    meeting = propose(officer, offer, household)
    assert meeting.outcome == Outcome.PENDING and meeting.score >= 3  # Arabic spoken by both
    assert {r["code"] for r in meeting.reasons} >= {"persons", "type", "rent", "pets", "language"}
    assert AuditEntry.objects.filter(object_type="hosts.Meeting", action="create").count() == 3
    with pytest.raises(ValidationError):  # one open meeting per offer and household
        propose(officer, offer, household)


def test_both_yes_makes_the_lease_the_dwelling_and_the_placement(
    officer, offer, household, need, host
):
    # REQ: HOU-6
    meeting = propose(officer, offer, household)
    meeting = decide(officer, meeting, "yes", "pending")
    assert meeting.is_open and not Placement.objects.exists()
    meeting = decide(officer, meeting, "yes", "yes", note="God kemi", lease=lease())
    assert meeting.outcome == Outcome.MATCHED and meeting.outcome_date == TODAY
    made = Lease.objects.get()
    assert (made.start_date, made.end_date, made.monthly_rent) == (
        date(2026, 7, 1),
        date(2028, 6, 30),
        4500,
    )
    dwelling = Dwelling.objects.get()
    assert (dwelling.type, dwelling.landlord_kind, dwelling.landlord_name, dwelling.area_id) == (
        "private_host",
        "private",
        host.name,
        host.area_id,
    )
    placement = Placement.objects.get()
    assert (placement.household, placement.dwelling, placement.source) == (
        household,
        dwelling,
        PlacementSource.HOST_MATCH,
    )
    assert placement.start_date == date(2026, 7, 1) and placement.end_date is None
    offer.refresh_from_db()
    assert offer.status == OfferStatus.MATCHED and offer.dwelling == dwelling
    assert AuditEntry.objects.filter(object_type="hosts.Lease", action="create").count() == 3
    with pytest.raises(services.MeetingClosed):
        decide(officer, meeting, "no", "no")


def test_either_no_records_the_outcome_and_keeps_the_offer_open(officer, offer, household, need):
    # REQ: HOU-6
    meeting = propose(officer, offer, household)
    meeting = decide(officer, meeting, "yes", "no", note="For langt fra skolen")
    assert meeting.outcome == Outcome.DECLINED and meeting.outcome_note == "For langt fra skolen"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    assert not Placement.objects.exists() and not Lease.objects.exists()
    assert not Dwelling.objects.exists()
    assert propose(officer, offer, household).is_open  # they may meet again


def test_the_lease_is_at_most_two_years_with_field_messages(officer, offer, household, need):
    # REQ: HOU-6
    meeting = propose(officer, offer, household)
    for data, field in [
        (lease(end=date(2028, 7, 2)), "end_date"),
        (lease(end=date(2026, 6, 30)), "end_date"),
        (lease(start=date(2026, 5, 1)), "start_date"),
        (services.LeaseData(), "start_date"),
        (lease(rent=None), "monthly_rent"),
    ]:
        with pytest.raises(ValidationError) as error:
            decide(officer, meeting, "yes", "yes", lease=data)
        assert field in error.value.message_dict, (data, error.value.message_dict)
    assert "højst for to år" in " ".join(
        pytest.raises(
            ValidationError,
            decide,
            officer,
            meeting,
            "yes",
            "yes",
            lease=lease(end=date(2028, 7, 2)),
        ).value.message_dict["end_date"]
    )
    meeting.refresh_from_db()
    assert meeting.is_open and meeting.host_decision == "pending"  # nothing saved
    assert not Placement.objects.exists()
    decide(officer, meeting, "yes", "yes", lease=lease(end=date(2028, 7, 1)))  # exactly two years
    assert Lease.objects.get().end_date == date(2028, 7, 1)


def test_two_years_from_a_leap_day():
    assert services.add_years(date(2028, 2, 29), 2) == date(2030, 2, 28)


def test_the_host_needs_an_area_before_the_match_is_registered(officer, offer, household, need):
    # REQ: HOU-6
    services.host_update(host=offer.host, acting_user=officer, expected_version=1, area=None)
    meeting = propose(officer, offer, household)
    with pytest.raises(ValidationError) as error:
        decide(officer, meeting, "yes", "yes", lease=lease())
    assert "area" in error.value.message_dict
    assert not Placement.objects.exists()


def test_concurrent_decisions_are_refused(officer, offer, household, need):
    # REQ: HOU-6, SEC-5
    meeting = propose(officer, offer, household)
    stale = Meeting.objects.get(pk=meeting.pk)
    decide(officer, meeting, "yes", "pending")
    with pytest.raises(ConcurrentEditError):
        decide(officer, stale, "no", "pending")


def test_a_match_cancels_the_offers_other_open_meetings(
    officer, offer, household, need, caseworker
):
    # REQ: HOU-6
    from conftest import member
    from velkomst.housing.services import NeedData, housing_need_save
    from velkomst.people.services import household_create

    single = household_create(
        acting_user=caseworker,
        name="Familien Noor",
        visitation_date=date(2026, 5, 1),
        expected_arrival_date=date(2026, 6, 1),
        members=[member(first_name="Noor", last_name="Ali")],
    )
    housing_need_save(household=single, acting_user=officer, data=NeedData())
    first = propose(officer, offer, household)
    second = propose(officer, offer, single)
    decide(officer, first, "yes", "yes", lease=lease())
    second.refresh_from_db()
    assert second.outcome == Outcome.CANCELLED and "anden husstand" in second.outcome_note
    with pytest.raises(ValidationError):
        propose(officer, offer, single)  # the offer is no longer open


def test_a_placed_household_is_not_a_candidate(officer, offer, household, need):
    # REQ: HOU-6
    from velkomst.hosts import selectors

    ranked = selectors.candidates(user=officer, offer=offer, today=TODAY)
    assert [c.household_id for c in ranked.result.candidates] == [str(household.pk)]
    meeting = propose(officer, offer, household)
    decide(
        officer,
        meeting,
        "yes",
        "yes",
        lease=lease(start=TODAY + timedelta(days=1), end=date(2028, 6, 1)),
    )
    assert not selectors.candidate_households(officer).exists()


def test_the_placement_ends_on_the_last_day_of_the_lease_by_the_daily_command(
    officer, offer, household, need
):
    # REQ: HOU-6
    # REQ: HOU-4
    from django.core.management import call_command

    meeting = propose(officer, offer, household)
    decide(officer, meeting, "yes", "yes", lease=lease(end=date(2027, 6, 30)))
    placement = Placement.objects.get()
    services.leases_end_placements(day=date(2027, 6, 29))  # the lease still runs
    placement.refresh_from_db()
    assert placement.end_date is None
    call_command("end_host_leases", "--date", "2027-06-30")
    placement.refresh_from_db()
    assert (placement.end_date, placement.end_reason) == (date(2027, 6, 30), "lease_ended")
    assert placement.dwelling.status == "withdrawn"  # no longer the municipality's to let
    rows = AuditEntry.objects.filter(
        object_type="housing.Placement", object_id=placement.pk, action="change"
    )
    assert {row.person_id for row in rows} == set(household.members.values_list("pk", flat=True))
    assert {row.channel for row in rows} == {"system"} and rows[0].actor_id == officer.pk
    assert rows[0].changes["end_reason"][1] == "lease_ended"
    # idempotent: a second run, a day later, changes nothing
    count = AuditEntry.objects.count()
    assert services.leases_end_placements(day=date(2027, 7, 1)) == []
    assert AuditEntry.objects.count() == count


def test_a_household_that_moved_on_before_the_lease_ended_is_left_alone(
    officer, offer, household, need, area
):
    # REQ: HOU-6
    from velkomst.housing import services as housing_services
    from velkomst.housing.tests.conftest import dwelling_values

    meeting = propose(officer, offer, household)
    decide(officer, meeting, "yes", "yes", lease=lease(end=date(2027, 6, 30)))
    flat = housing_services.dwelling_create(
        acting_user=officer, **dwelling_values(area, available_from=date(2026, 6, 1))
    )
    housing_services.placement_start(
        acting_user=officer, household=household, dwelling=flat, start_date=date(2027, 3, 1)
    )
    assert services.leases_end_placements(day=date(2027, 7, 1)) == []
    current = Placement.objects.get(end_date__isnull=True)
    assert current.dwelling == flat
    moved = Placement.objects.get(dwelling__type="private_host")
    assert (moved.end_date, moved.end_reason) == (date(2027, 2, 28), "moved")


def test_a_lease_registered_after_it_ended_ends_the_placement_at_once(
    officer, offer, household, need
):
    # REQ: HOU-6
    meeting = propose(officer, offer, household)
    decide(
        officer,
        meeting,
        "yes",
        "yes",
        lease=lease(start=date(2026, 6, 1), end=TODAY - timedelta(days=1)),
    )
    placement = Placement.objects.get()
    assert placement.end_date == TODAY - timedelta(days=1)
    assert placement.end_reason == "lease_ended"
