from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def takeover(person):
    """Amal's takeover moved back to 1 January 2025, so grants can have been earned by today."""
    from velkomst.people.models import Case

    Case.objects.filter(person=person).update(takeover_date=date(2025, 1, 1))
    return date(2025, 1, 1)


def employment_values(**overrides):
    values = dict(
        employer_name="Netto Rønne",
        cvr="12345674",
        start_date=date(2025, 2, 1),
        end_date=date(2025, 7, 31),
        hours_per_week=Decimal("30"),
        subsidy="none",
    )
    values.update(overrides)
    return values
