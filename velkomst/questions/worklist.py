"""Citizens' questions as worklist rows (core/worklist.py, CIT-1): an open question of one of
the user's own citizens is on their worklist from ``due_soon_days`` before its answer deadline,
and overdue after it, like any other deadline."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from velkomst.core.worklist import Row

from . import selectors


def rows(user: Any, day: date, due_soon_days: int) -> list[Row]:
    return [
        Row(
            key=f"questions:{q.pk}",
            due=q.answer_due,
            state=str(selectors.state(q, day, due_soon_days)),
            title=_("Spørgsmål fra borgeren: ikke besvaret"),
            person_id=q.person_id,
            person_name=q.person.full_name,
            href=reverse("question-detail", args=[q.pk]),
        )
        for q in selectors.worklist_questions(user, day, due_soon_days)
    ]
