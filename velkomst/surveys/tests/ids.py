"""Objects of the surveys for the shared walkers (CIT-2): Amal's and Omar's three-month
surveys, sent; one to answer, one to decline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any


def survey_ids(household: Any) -> dict[str, int]:
    from velkomst.surveys.models import Invitation
    from velkomst.surveys.services import definition_current

    definition = definition_current("own_experience")
    made = {}
    for name, key in (("Amal", "invitation_id"), ("Omar", "decline_invitation_id")):
        invitation = Invitation.objects.create(
            municipality_id=household.municipality_id,
            person=household.members.get(first_name=name),
            definition=definition,
            survey_key=definition.key,
            moment="three_months",
            due_on=date(2026, 1, 5),
            answer_by=date(2026, 1, 5) + timedelta(days=3650),
        )
        made[key] = invitation.pk
    return made
