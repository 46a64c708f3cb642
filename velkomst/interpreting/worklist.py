"""Appointments that lack an interpreter as worklist rows (core/worklist.py, INT-1): for each
planned appointment from today with a person who needs an interpreter and none booked, a row due
on the appointment's day. The interpreter coordinator sees every such appointment they may see;
others those they take part in or whose household they hold a case for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.worklist import Row
from velkomst.engines.deadlines import DeadlineState
from velkomst.people.models import PersonLanguage
from velkomst.people.selectors import own_cases

from . import selectors
from .selectors import day_bounds

# how far ahead a missing interpreter is shown (the coordinator books about a month ahead)
AHEAD_DAYS = 30


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    if not access.can(user, access.INTERPRETING_VIEW):
        return []
    start, _end = day_bounds(day)
    _start, end = day_bounds(day + timedelta(days=AHEAD_DAYS))
    qs = selectors.missing_bookings(user=user, start=start, end=end)
    if not access.can(user, access.INTERPRETING_BOOK):
        held = own_cases(user).values("person__household_id")
        qs = qs.filter(Q(staff=user) | Q(household_id__in=held)).distinct()
    appointments = list(qs)
    # the person a row names: one who needs an interpreter (the worklist links to a person)
    who: dict[int, Any] = {}
    for lang in (
        PersonLanguage.objects.filter(
            interpreter_needed=True,
            person__household_id__in={a.household_id for a in appointments},
        )
        .select_related("person")
        .order_by("person__household_id", "person__birth_date", "person_id")
    ):
        who.setdefault(lang.person.household_id, lang.person)
    title = _("Tolk mangler")
    result = []
    for a in appointments:
        person = who.get(a.household_id)
        due = timezone.localtime(a.starts_at).date()
        state = (
            DeadlineState.DUE_SOON
            if due <= day + timedelta(days=due_soon_days)
            else DeadlineState.UPCOMING
        )
        result.append(
            Row(
                key=f"interpreting:missing:{a.pk}",
                due=due,
                state=state,
                title=f"{title}: {a.get_kind_display()}",
                person_id=person.pk if person else 0,
                person_name=person.full_name if person else a.household.name,
                href=reverse("interpreting-appointment", args=[a.pk]),
            )
        )
    return result
