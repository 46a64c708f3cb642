"""The daily deadline digest: which tasks each owner is told about, and sending it.

An owner is an active staff member of the task's municipality with an email address, the task's
owner role, a unit of the task's owner unit kind, and the household among those they may see.
The email names no citizen (it leaves the system): each task is its title, due date, state and a
link to the household's plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from velkomst.core import worklist
from velkomst.core.models import Municipality, StaffUser
from velkomst.people.selectors import households_visible_to

from . import selectors
from .models import DigestNotification, PlanTask


@dataclass
class DigestResult:
    emails: int = 0
    notifications: int = 0


def _owners(municipality: Municipality) -> list[StaffUser]:
    return list(
        StaffUser.objects.filter(municipality=municipality, is_active=True)
        .exclude(email="")
        .exclude(role="")
        .prefetch_related("units")
        .order_by("id")
    )


def send_digest(*, day: date | None = None) -> DigestResult:
    day = day or timezone.localdate()
    result = DigestResult()
    for municipality in Municipality.objects.order_by("id"):
        today = selectors.Today.for_municipality(municipality, day)
        tasks = list(selectors.digest_tasks(municipality, today))
        by_owner: dict[tuple[str, str], list[PlanTask]] = defaultdict(list)
        for task in tasks:
            by_owner[(task.owner_role, task.owner_unit_kind)].append(task)
        for user in _owners(municipality):
            kinds = {unit.kind for unit in user.units.all()}
            mine = [t for kind in kinds for t in by_owner.get((user.role, kind), [])]
            if mine:
                visible = set(
                    households_visible_to(user)
                    .filter(pk__in={t.plan.household_id for t in mine})
                    .values_list("pk", flat=True)
                )
                mine = [t for t in mine if t.plan.household_id in visible]
            # other apps' deadlines (core/worklist.py): the programme's contract and meetings
            others = worklist.rows_for(user, today.day, today.due_soon_days)
            if not mine and not others:
                continue
            sent = _send_one(
                user=user, tasks=mine, today=today, municipality=municipality, others=others
            )
            if sent:
                result.emails += 1
                result.notifications += sent
    return result


@transaction.atomic
def _send_one(
    *,
    user: StaffUser,
    tasks: list[PlanTask],
    today: selectors.Today,
    municipality: Municipality,
    others: list[worklist.Row] | None = None,
) -> int:
    already = set(
        DigestNotification.objects.filter(
            user=user, date=today.day, task__in=[t.pk for t in tasks]
        ).values_list("task_id", flat=True)
    )
    new = sorted(
        (t for t in tasks if t.pk not in already),
        key=lambda t: (t.due_date or today.day, t.pk),
    )
    # another app's deadlines are mailed once a day: not again if the user had a digest today
    others = others or []
    if others and DigestNotification.objects.filter(user=user, date=today.day).exists():
        others = []
    if not new and not others:
        return 0
    selectors.with_states(new, today)
    DigestNotification.objects.bulk_create(
        DigestNotification(
            municipality=municipality,
            user=user,
            task=task,
            date=today.day,
            state=task.deadline_state,  # type: ignore[attr-defined]
        )
        for task in new
    )
    base = getattr(settings, "VELKOMST_BASE_URL", "").rstrip("/")
    rows = [
        {
            "task": task,
            "url": base
            + reverse("household-plan", args=[task.plan.household_id])
            + f"#task-{task.pk}",
        }
        for task in new
    ]
    with translation.override(settings.LANGUAGE_CODE):
        others_shown = [{"row": row, "url": base + row.href, "state": row.state} for row in others]
        context = {
            "user": user,
            "rows": rows,
            "others": others_shown,
            "count": len(rows) + len(others_shown),
            "today": today,
        }
        subject = render_to_string("reception/digest_subject.txt", context).strip()
        body = render_to_string("reception/digest_email.txt", context)
    # inside the transaction: if sending fails, the notifications are not recorded either
    send_mail(subject, body, None, [user.email])
    return len(new) + len(others)
