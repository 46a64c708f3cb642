"""Matches' follow-ups as worklist rows (core/worklist.py) for whoever may edit matches: the
first meeting due after both sides accepted, the follow-up after the first meeting, and a
child-facing match whose volunteer's child certificate is no longer valid (CIV-2, CIV-3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.worklist import Row

from . import selectors

TITLES = {
    "first_meeting": lambda: _("Frivilligmatch: første møde"),
    "follow_up": lambda: _("Frivilligmatch: opfølgning"),
    "certificate": lambda: _("Frivilligmatch: børneattest ikke gyldig"),
}


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    if not access.can(user, access.PAIRING_EDIT):
        return []
    out = []
    for f in selectors.follow_ups(user=user, today=day, due_soon_days=due_soon_days):
        if f.state not in ("due_soon", "overdue"):
            continue
        first = next(iter(f.match.household.members.all()), None)
        out.append(
            Row(
                key=f"pairings:{f.key}:{f.match.pk}",
                due=f.due,
                state=f.state,
                title=TITLES[f.key](),
                person_id=first.pk if first else 0,
                person_name=f.match.household.name,
                href=reverse("pairings-match", args=[f.match.pk]),
            )
        )
    return out
