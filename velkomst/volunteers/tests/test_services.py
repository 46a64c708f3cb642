"""The coordinator's decisions, child certificates (CIV-3), hours and diplomas (CIV-6)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.volunteers import selectors, services
from velkomst.volunteers.eligibility import child_eligibility
from velkomst.volunteers.models import Diploma, VolunteerStatus

from .conftest import with_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(municipality):
    return services.register_public(
        municipality=municipality,
        values=dict(
            kind="private",
            name="Ole Ny",
            phone="20 30 40 50",
            email="",
            languages=["da"],
            area=None,
            about="",
            association_name="",
        ),
        offer=services.OfferData(kinds=["homework_help"], audience=["children"]),
        address="10.1.2.3",
    )


def test_the_coordinator_approves_a_registration(coordinator, pending):
    # REQ: CIV-1
    services.volunteer_decide(
        actor=coordinator, volunteer=pending, expected_version=1, status="approved"
    )
    pending.refresh_from_db()
    assert pending.status == VolunteerStatus.APPROVED and pending.decided_by == coordinator
    assert pending.decided_at is not None
    entry = AuditEntry.objects.filter(object_type="volunteers.Volunteer", action="change").get()
    assert entry.actor_id == coordinator.pk and entry.changes["status"] == ["pending", "approved"]
    assert not selectors.approvals(coordinator).exists()


def test_declining_needs_a_reason(coordinator, pending):
    # REQ: CIV-1
    with pytest.raises(ValidationError) as error:
        services.volunteer_decide(
            actor=coordinator, volunteer=pending, expected_version=1, status="declined"
        )
    assert "reason" in error.value.message_dict
    pending.refresh_from_db()
    assert pending.status == VolunteerStatus.PENDING
    services.volunteer_decide(
        actor=coordinator,
        volunteer=pending,
        expected_version=1,
        status="declined",
        reason="Ingen kontakt på telefonen.",
    )
    pending.refresh_from_db()
    assert pending.status == "declined" and pending.decision_reason == "Ingen kontakt på telefonen."


def test_decisions_follow_the_transitions_and_the_version(coordinator, pending):
    # REQ: CIV-1
    with pytest.raises(ValidationError) as error:
        services.volunteer_decide(
            actor=coordinator, volunteer=pending, expected_version=1, status="inactive", reason="x"
        )
    assert "status" in error.value.message_dict
    with pytest.raises(ConcurrentEditError):
        services.volunteer_decide(
            actor=coordinator, volunteer=pending, expected_version=7, status="approved"
        )


def test_only_the_coordinator_decides(staff, pending, other_caseworker):
    # REQ: CIV-1
    for role in ("caseworker", "manager", "housing_officer"):
        with pytest.raises(PermissionDenied):
            services.volunteer_decide(
                actor=staff[role], volunteer=pending, expected_version=1, status="approved"
            )
    with pytest.raises(PermissionDenied):
        services.volunteer_decide(
            actor=other_caseworker, volunteer=pending, expected_version=1, status="approved"
        )


def test_a_volunteer_without_certificate_is_not_eligible_for_children(coordinator, volunteer):
    # REQ: CIV-3
    today = timezone.localdate()
    eligible, reason = child_eligibility(volunteer, today)
    assert not eligible and "ingen børneattest" in reason
    volunteer = services.certificate_record(
        actor=coordinator,
        volunteer=volunteer,
        expected_version=volunteer.version,
        child_certificate_received_on=today - timedelta(days=10),
    )
    eligible, reason = child_eligibility(volunteer, today)
    assert not eligible and "tavshedserklæring" in reason
    volunteer = with_certificate(volunteer, coordinator)
    assert child_eligibility(volunteer, today) == (True, "")


def test_a_certificate_without_expiry_gets_the_configured_validity(coordinator, volunteer):
    # REQ: CIV-3
    received = date(2025, 3, 31)
    volunteer = with_certificate(volunteer, coordinator, received=received)
    assert volunteer.child_certificate_expires_on == date(2027, 3, 31)  # 24 months (preset)


def test_an_expired_certificate_makes_the_volunteer_ineligible_and_tells_the_coordinator(
    coordinator, volunteer
):
    # REQ: CIV-3
    from velkomst.core import worklist

    today = timezone.localdate()
    volunteer = with_certificate(
        volunteer,
        coordinator,
        received=today - timedelta(days=800),
        expires=today - timedelta(days=5),
    )
    eligible, reason = child_eligibility(volunteer, today)
    assert not eligible and "Børneattesten for Karen Frivillig udløb" in reason
    # eligible on a day before the expiry: the rule is about the day of the match
    assert child_eligibility(volunteer, today - timedelta(days=10))[0]
    rows = [r for r in worklist.rows_for(coordinator, today, 7) if r.key.startswith("volunteers")]
    assert len(rows) == 1
    assert rows[0].state == "overdue" and rows[0].person_name == "Karen Frivillig"
    assert rows[0].title == "Børneattest udløbet"
    counts = selectors.panel_counts(coordinator, today)
    assert counts.expired == 1 and counts.approved == 1


def test_a_certificate_expiring_soon_is_due_soon_and_adults_only_offers_are_not_listed(
    coordinator, volunteer
):
    # REQ: CIV-3
    from velkomst.core import worklist

    today = timezone.localdate()
    volunteer = with_certificate(
        volunteer, coordinator, received=today - timedelta(days=700), expires=today + timedelta(10)
    )
    rows = [r for r in worklist.rows_for(coordinator, today, 7) if r.key.startswith("volunteers")]
    assert [r.state for r in rows] == ["due_soon"]  # within the 30 days' warning
    offer = volunteer.offers.get()
    services.offer_update(
        actor=coordinator, offer=offer, expected_version=offer.version, audience=["adults"]
    )
    assert not [
        r for r in worklist.rows_for(coordinator, today, 7) if r.key.startswith("volunteers")
    ]


def test_the_certificate_dates_are_checked(coordinator, volunteer):
    # REQ: CIV-3
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.certificate_record(
            actor=coordinator,
            volunteer=volunteer,
            expected_version=volunteer.version,
            child_certificate_received_on=today,
            child_certificate_expires_on=today - timedelta(days=1),
            confidentiality_signed_on=today + timedelta(days=3),
        )
    assert set(error.value.message_dict) == {
        "child_certificate_expires_on",
        "confidentiality_signed_on",
    }
    volunteer.refresh_from_db()
    assert volunteer.child_certificate_received_on is None


def test_offers_are_checked(coordinator, volunteer, other_municipality):
    # REQ: CIV-1
    from velkomst.housing.models import Area

    foreign = Area.objects.create(municipality=other_municipality, name="Aalborg Øst", kind="town")
    with pytest.raises(ValidationError) as error:
        services.offer_create(
            actor=coordinator,
            volunteer=volunteer,
            kind="juggling",
            audience=[],
            weekdays=[8],
            languages=["zz-not"],
            capacity=0,
            area=foreign,
        )
    assert set(error.value.message_dict) == {
        "kind",
        "audience",
        "weekdays",
        "languages",
        "capacity",
        "area",
    }


def test_a_settled_refugee_volunteers_records_hours_and_gets_a_diploma(coordinator, staff, person):
    # REQ: CIV-6
    refugee = services.volunteer_create(
        actor=coordinator,
        kind="refugee",
        name=person.full_name,
        phone="20 11 22 33",
        languages=["ar", "da"],
        person=person,
    )
    services.offer_create(
        actor=coordinator, volunteer=refugee, kind="city_guide", audience=["adults", "families"]
    )
    for start, hours in ((date(2026, 1, 1), "12.5"), (date(2026, 2, 1), "8")):
        services.hours_record(
            actor=coordinator,
            volunteer=refugee,
            period_start=start,
            period_end=start + timedelta(days=27),
            hours=Decimal(hours),
            activity="Byguide",
        )
    services.hours_record(
        actor=coordinator,
        volunteer=refugee,
        period_start=date(2025, 6, 1),
        period_end=date(2025, 6, 30),
        hours=Decimal("4"),
    )
    diploma = services.diploma_issue(
        actor=coordinator,
        volunteer=refugee,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
    )
    assert diploma.hours == Decimal("20.5") and diploma.activities == "Byguide"
    entry = AuditEntry.objects.get(object_type="volunteers.Diploma")
    assert entry.person_id == person.pk  # a refugee's volunteering is the person's data
    html = services.diploma_html(diploma)
    assert "Diplom" in html and person.full_name in html and "20,5 timer" in html
    assert "1. januar 2026" in html and "31. marts 2026" in html
    pdf = services.diploma_pdf(diploma)
    assert pdf.startswith(b"%PDF")


def test_no_diploma_without_hours_and_hours_are_checked(coordinator, volunteer):
    # REQ: CIV-6
    with pytest.raises(ValidationError) as error:
        services.diploma_issue(
            actor=coordinator,
            volunteer=volunteer,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 1, 31),
        )
    assert "ingen timer" in error.value.message_dict["period_start"][0]
    with pytest.raises(ValidationError) as error:
        services.hours_record(
            actor=coordinator,
            volunteer=volunteer,
            period_start=date(2026, 2, 1),
            period_end=date(2026, 1, 1),
            hours=Decimal("0"),
        )
    assert set(error.value.message_dict) == {"period_end", "hours"}
    assert not Diploma.objects.exists()
