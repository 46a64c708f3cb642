"""Child certificates to renew as rows of the volunteer coordinator's worklist
(core/worklist.py): an approved volunteer with an offer for children or families whose child
certificate has expired (overdue) or expires soon (CIV-3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.worklist import Row

from . import selectors


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    if not access.can(user, access.VOLUNTEER_EDIT):
        return []
    soon = max(due_soon_days, selectors.warning_days(user, day))
    result = []
    for volunteer in selectors.certificates_to_renew(user, day, soon):
        expires = volunteer.child_certificate_expires_on
        result.append(
            Row(
                key=f"volunteers:certificate:{volunteer.pk}",
                due=expires or day,
                state=selectors.certificate_state(volunteer, day, soon),
                title=_("Børneattest udløbet")
                if expires is None or expires < day
                else _("Børneattest udløber snart"),
                person_id=0,  # a volunteer, not a citizen: no citizen's page to link
                person_name=volunteer.name,
                href=reverse("volunteers-detail", args=[volunteer.pk]),
            )
        )
    return result
