"""Demo surveys (CIT-2): each adult asked at the moments already passed (three months after
arrival, at the programme's end), in every state: most answered (on paper, typed in by the
caseworker), some declined, some unanswered after the answer period, the recent ones still open;
the answers lean to agreement, enough to show results above the small-count threshold."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from velkomst.core import config
from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.people.models import Person

from .models import Answer, Channel, Invitation, Response, Status
from .presets import AGREE, CHOICE, SCALES
from .services import definition_current, moment_day

BATCH = 1000
AGREE_WEIGHTS = (0.05, 0.1, 0.2, 0.4, 0.25)
COMMENTS = ("Tak for hjælpen.", "Svært at finde en praktikplads.", "Jeg savner danske venner.")


def install_demo(
    municipality: Municipality, by_role: dict[str, StaffUser], rng: random.Random, today: date
) -> Counter[str]:
    caseworker = by_role[Role.CASEWORKER]
    values = config.config_in_force(municipality, today)
    definition = definition_current(values["survey_key"])
    answer_days = int(values["survey_answer_days"])
    adult_born = date(today.year - 18, today.month, min(today.day, 28))
    rows = (
        Person.objects.filter(
            municipality=municipality, birth_date__lte=adult_born, case__isnull=False
        )
        .order_by("pk")
        .values_list(
            "pk", "household__arrival_date", "case__takeover_date", "case__programme_end_date"
        )
    )
    invitations: list[Invitation] = []
    for pk, arrival, takeover, programme_end in rows:
        for moment in values["survey_moments"]:
            due = moment_day(moment, arrival or takeover, programme_end)
            if due is None or due > today:
                continue
            answer_by = due + timedelta(days=answer_days)
            status = Status.SENT
            closed = None
            if answer_by < today:
                roll = rng.random()
                status = (
                    Status.ANSWERED
                    if roll < 0.6
                    else Status.DECLINED
                    if roll < 0.75
                    else Status.UNANSWERED
                )
                closed = (
                    answer_by
                    if status == Status.UNANSWERED
                    else due + timedelta(days=rng.randint(1, answer_days))
                )
            elif rng.random() < 0.4:
                status, closed = Status.ANSWERED, min(today, due + timedelta(days=3))
            invitations.append(
                Invitation(
                    municipality=municipality,
                    person_id=pk,
                    definition=definition,
                    survey_key=definition.key,
                    moment=moment["key"],
                    due_on=due,
                    answer_by=answer_by,
                    status=status,
                    closed_on=closed,
                    recorded_by=caseworker
                    if status in (Status.ANSWERED, Status.DECLINED)
                    else None,
                )
            )
    made = Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    answered = [i for i in made if i.status == Status.ANSWERED]
    responses = Response.objects.bulk_create(
        [
            Response(
                municipality=municipality,
                invitation=i,
                answered_on=i.closed_on or today,
                channel=Channel.PAPER,
                comment=rng.choice(COMMENTS) if rng.random() < 0.1 else "",
            )
            for i in answered
        ],
        batch_size=BATCH,
    )
    answers: list[Answer] = []
    for response in responses:
        for question in definition.questions:
            if rng.random() < 0.05:
                continue  # left blank
            if question["scale"] == AGREE:
                value = rng.choices(["1", "2", "3", "4", "5"], weights=AGREE_WEIGHTS)[0]
            elif question["scale"] == CHOICE:
                value = rng.choice([code for code, _texts in question["options"]])
            else:
                value = rng.choice([code for code, _texts in SCALES[question["scale"]]])
            answers.append(Answer(response=response, question=question["key"], value=value))
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    return Counter({"survey_invitations": len(made), "survey_responses": len(responses)})
