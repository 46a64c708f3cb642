from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from velkomst.housing.models import Area


@pytest.fixture
def coordinator(staff):
    return staff["volunteer_coordinator"]


@pytest.fixture
def area(municipality):
    return Area.objects.create(municipality=municipality, name="Rønne Nord", kind="district")


@pytest.fixture
def volunteer(coordinator, area):
    """An approved private volunteer with a mentor offer for families."""
    from velkomst.volunteers import services

    v = services.volunteer_create(
        actor=coordinator,
        kind="private",
        name="Karen Frivillig",
        phone="56 95 00 00",
        email="karen@example.dk",
        languages=["da", "en"],
        area=area,
    )
    services.offer_create(
        actor=coordinator,
        volunteer=v,
        kind="mentor",
        audience=["families"],
        weekdays=[1, 3],
        languages=["da"],
    )
    return v


def with_certificate(volunteer, coordinator, *, received: date | None = None, expires=None):
    from velkomst.volunteers import services

    today = timezone.localdate()
    received = received or today - timedelta(days=30)
    return services.certificate_record(
        actor=coordinator,
        volunteer=volunteer,
        expected_version=volunteer.version,
        child_certificate_received_on=received,
        child_certificate_expires_on=expires,
        confidentiality_signed_on=received,
    )
