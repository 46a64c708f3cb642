"""Referrals as worklist rows (core/worklist.py): an unanswered referral is on the worklists of
the staff of both the sending and the receiving unit, due soon and then overdue after its
answer deadline, so nothing waits without an owner (COO-1); an accepted one with a deadline is
on its owner's."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from velkomst.core.worklist import Row
from velkomst.engines.deadlines import DeadlineState

from . import selectors
from .models import ReferralStatus


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    result = []
    for r in selectors.worklist_referrals(user, day, due_soon_days):
        unanswered = r.status == ReferralStatus.NEW
        due = r.answer_due if unanswered else r.deadline
        assert due is not None
        state = DeadlineState.OVERDUE if day > due else DeadlineState.DUE_SOON
        if r.is_concern:
            title = _("Bekymring for et barn: ikke besvaret af %(unit)s") % {"unit": r.to_unit}
        elif unanswered:
            title = _("Henvisning fra %(from)s til %(to)s: ikke besvaret") % {
                "from": r.from_unit,
                "to": r.to_unit,
            }
        else:
            title = _("Henvisning fra %(from)s: udføres") % {"from": r.from_unit}
        result.append(
            Row(
                key=f"referrals:{r.pk}",
                due=due,
                state=str(state),
                title=title,
                person_id=r.person_id or 0,
                person_name=r.person.full_name if r.person else r.child_description,
                href=reverse("referral-detail", args=[r.pk]),
            )
        )
    return result
