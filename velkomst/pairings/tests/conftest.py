from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def coordinator(staff):
    return staff["volunteer_coordinator"]


@pytest.fixture
def family(household):
    """Familien Haddad (two adults, a child), worked with by every unit."""
    from velkomst.core.models import Unit

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    return household


def make_volunteer(municipality, name="Karen Holm", *, certificate=True, **kw):
    import secrets

    from velkomst.volunteers.models import Volunteer, VolunteerStatus

    today = timezone.localdate()
    values = {
        "municipality": municipality,
        "kind": "private",
        "name": name,
        "languages": ["ara", "dan"],
        "status": VolunteerStatus.APPROVED,
        "token": secrets.token_urlsafe(16),
    }
    if certificate:
        values.update(
            child_certificate_received_on=today - timedelta(days=30),
            child_certificate_expires_on=today + timedelta(days=300),
            confidentiality_signed_on=today - timedelta(days=30),
        )
    values.update(kw)
    return Volunteer.objects.create(**values)


def make_offer(volunteer, *, kind="mentor", audience=("adults", "families"), capacity=1, **kw):
    from velkomst.volunteers.models import Offer

    return Offer.objects.create(
        municipality=volunteer.municipality,
        volunteer=volunteer,
        kind=kind,
        languages=kw.pop("languages", ["ara"]),
        audience=list(audience),
        capacity=capacity,
        weekdays=kw.pop("weekdays", [0, 2]),
        **kw,
    )


def give_consent(person, recorded_by, purpose="contact.volunteer"):
    from velkomst.consent.models import Consent

    return Consent.objects.create(
        municipality=person.municipality,
        person=person,
        purpose=purpose,
        given_on=timezone.localdate() - timedelta(days=1),
        recorded_by=recorded_by,
    )


def consent_household(household, recorded_by):
    today = timezone.localdate()
    return [give_consent(p, recorded_by) for p in household.members.all() if p.age_on(today) >= 18]


@pytest.fixture
def wish(family, coordinator):
    from velkomst.pairings import services

    return services.wish_save(
        actor=coordinator,
        household=family,
        kinds=["mentor", "homework_help"],
        interests=["fodbold"],
        weekdays=[0],
    )


ON = date(2026, 12, 6)
