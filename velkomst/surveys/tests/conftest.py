from __future__ import annotations

from datetime import date

import pytest

ARRIVAL = date(2025, 9, 1)
THREE_MONTHS = date(2025, 12, 1)


@pytest.fixture
def arrived(household):
    """The household arrived on ARRIVAL, so its adults' three months fall on THREE_MONTHS."""
    from velkomst.people.models import Household

    Household.objects.filter(pk=household.pk).update(arrival_date=ARRIVAL)
    household.arrival_date = ARRIVAL
    return household


@pytest.fixture
def sent(arrived):
    """The three-month invitations of the household's adults (Amal, Omar)."""
    from velkomst.surveys import services
    from velkomst.surveys.models import Invitation

    services.invitations_send(day=THREE_MONTHS)
    return {i.person.first_name: i for i in Invitation.objects.select_related("person")}
