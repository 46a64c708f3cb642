"""Demo citizens' questions (CIT-1) and an open survey in the entrance (CIT-2) for the demo
citizen: the first adult of the demo caseworker's own cases. One question waits for an answer,
one was answered; the citizen has a survey invitation open to answer in the entrance."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from velkomst.core import config
from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.people.models import Person

from . import services

OPEN_TEXT = "Hvornår kommer mit sundhedskort? Jeg har ikke fået det med posten endnu."
ANSWERED_TEXT = "Skal jeg selv melde min søn til fritidsklubben?"
ANSWER = "Nej, det klarer vi sammen på mødet i næste uge. Tag gerne hans sygesikringskort med."


def demo_citizen(municipality: Municipality, caseworker: StaffUser, today: date) -> Person | None:
    """The demo citizen: the first adult (by id) whose case the demo caseworker holds."""
    born_by = date(today.year - 18, today.month, min(today.day, 28))
    return (
        Person.objects.filter(
            municipality=municipality, case__caseworker=caseworker, birth_date__lte=born_by
        )
        .select_related("municipality")
        .order_by("pk")
        .first()
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def install_demo(
    municipality: Municipality, by_role: dict[str, StaffUser], today: date
) -> Counter[str]:
    counts: Counter[str] = Counter()
    caseworker = by_role.get(Role.CASEWORKER)
    if caseworker is None:
        return counts
    person = demo_citizen(municipality, caseworker, today)
    if person is None:
        return counts
    answered = services.question_ask(
        person=person,
        subject="Fritidsklub",
        text=ANSWERED_TEXT,
        now=_at(today - timedelta(days=9), 9),
    )
    services.question_answer(
        actor=caseworker, question=answered, answer=ANSWER, expected_version=answered.version
    )
    services.question_ask(
        person=person,
        subject="Sundhedskort",
        text=OPEN_TEXT,
        now=_at(today - timedelta(days=1), 14),
    )
    counts["questions"] = 2
    counts["survey_invitations"] = _open_survey(municipality, person, today)
    return counts


def _open_survey(municipality: Municipality, person: Any, today: date) -> int:
    """An invitation the demo citizen can answer in the entrance, unless one is open already."""
    from velkomst.surveys.models import Invitation, Moment, Status
    from velkomst.surveys.services import definition_current

    values = config.config_in_force(municipality, today)
    key = values["survey_key"]
    mine = Invitation.objects.filter(person=person, survey_key=key)
    if mine.filter(status=Status.SENT, answer_by__gte=today).exists():
        return 0
    used = set(mine.values_list("moment", flat=True))
    free = [m for m in (Moment.THREE_MONTHS, Moment.SIX_MONTHS, Moment.ONE_YEAR) if m not in used]
    if not free:
        return 0
    Invitation.objects.create(
        municipality=municipality,
        person=person,
        definition=definition_current(key),
        survey_key=key,
        moment=free[0],
        due_on=today - timedelta(days=2),
        answer_by=today + timedelta(days=int(values["survey_answer_days"])),
    )
    return 1
