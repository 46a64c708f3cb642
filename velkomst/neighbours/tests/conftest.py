from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture
def officer(staff):
    return staff["housing_officer"]


@pytest.fixture
def channel(officer):
    from velkomst.neighbours.services import channel_create

    return channel_create(acting_user=officer, name="BoBornholm", kind="housing_association")


def report_data(**overrides):
    from velkomst.neighbours.services import ReportData

    values: dict[str, Any] = dict(
        reporter_name="Kirsten Vicevært",
        reporter_phone="56 95 12 34",
        address="Storegade 1, 3700 Rønne",
        description="Høj musik om natten og råben i opgangen.",
        since=date(2026, 3, 1),
        urgency="normal",
    )
    values.update(overrides)
    return ReportData(**values)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in Danish time."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


@pytest.fixture
def report(channel):
    from velkomst.neighbours.services import report_submit

    return report_submit(channel=channel, data=report_data(), now=local(2026, 4, 1, 10, 0))


@pytest.fixture
def placed(officer, household):
    """The household lives in Storegade 1 (a dwelling of the register, an open placement)."""
    from velkomst.housing import services

    area = services.area_create(acting_user=officer, name="Rønne Nord", kind="district")
    dwelling = services.dwelling_create(
        acting_user=officer,
        address="Storegade 1, 3700 Rønne",
        area=area,
        type="permanent",
        rooms=3,
        size_m2=78,
        rent=5200,
        landlord_kind="housing_association",
        landlord_name="BoBornholm",
        available_from=date(2026, 6, 1),
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=dwelling, start_date=date(2026, 7, 1)
    )
    return dwelling
