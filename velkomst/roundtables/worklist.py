"""Round tables' follow-up tasks as worklist rows (core/worklist.py): the owner's open tasks
that are due soon or overdue, on "Mine opgaver" and in the daily digest (COO-3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.worklist import Row

from . import selectors


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    if not access.can(user, access.PERSON_VIEW):
        return []
    result = []
    for f in selectors.followups_due(user, day, due_soon_days):
        rt = f.round_table
        person = rt.person
        # the citizen, else the household's first member (annotated by the selector)
        person_id = person.pk if person is not None else getattr(f, "first_member_id", None)
        if person_id is None:
            continue
        name = (
            person.full_name
            if person is not None
            else f"{getattr(f, 'first_member_first', '')} {getattr(f, 'first_member_last', '')}"
        ).strip()
        result.append(
            Row(
                key=f"roundtable:followup:{f.pk}",
                due=f.deadline,
                state=selectors.followup_state(f, day, due_soon_days),
                title=_("Rundbordsmøde: %(task)s") % {"task": f.text},
                person_id=person_id,
                person_name=name,
                href=reverse("roundtable-detail", args=[rt.pk]) + f"#followup-{f.pk}",
            )
        )
    return result
