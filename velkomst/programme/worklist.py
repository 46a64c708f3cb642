"""The programme's deadlines as worklist rows (core/worklist.py): the contract due soon or
overdue, follow-up meetings below the minimum, and the plan of a person under 30 that is not
education-directed or has no education goal (PRG-1, PRG-5)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from velkomst.core.worklist import Row

from . import selectors

TITLES = {
    "contract": lambda: _("Integrationskontrakt"),
    "meetings": lambda: _("Jobsamtaler under minimum"),
    "young": lambda: _("Under 30 uden uddannelsesrettet plan"),
}


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    return [
        Row(
            key=f"programme:{r.key}:{r.person.pk}",
            due=r.due,
            state=r.state,
            title=TITLES[r.key](),
            person_id=r.person.pk,
            person_name=r.person.full_name,
            href=reverse("programme-plan", args=[r.person.pk]),
        )
        for r in selectors.caseworker_deadlines(user, day, due_soon_days)
    ]
