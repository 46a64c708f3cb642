"""The refugees' own experience (CIT-2, Aalborg's "Flygtningenes oplevelse af modtagelse og
integration"): read from the surveys' answers (``velkomst.surveys``), never from the case.

Group keys: ``moment`` → the survey moment's label (``surveys.models.Moment``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.surveys.models import Answer, Status
from velkomst.surveys.presets import AGREE, PRESETS

from ..library import Item, Scope, Unit, indicator

# an answer of 4 (agree) or 5 (strongly agree) on the agreement scale is a good experience
GOOD_FROM = 4


def _agree_questions() -> set[str]:
    return {q["key"] for p in PRESETS.values() for q in p["questions"] if q["scale"] == AGREE}


@indicator(
    key="refugees_own_experience",
    name=_("Flygtningenes egen oplevelse"),
    description=_(
        "Voksne, der har besvaret spørgeskemaet om deres egen oplevelse af modtagelse og "
        "integration i perioden (på papir eller i borgerens egen indgang): andelen, hvis "
        "gennemsnitlige svar på udsagnene (velkommen, ved hvor der er hjælp, tilfreds med "
        "sagsbehandleren; 1 = helt uenig til 5 = helt enig) er 4 eller derover. Afslåede og "
        "ubesvarede spørgeskemaer tæller ikke med. Med årgang: kun personer i husstande, der "
        "ankom det år. Opdelt på tidspunkt (tre måneder efter ankomst, ved programmets "
        "afslutning)."
    ),
    unit=Unit.SHARE,
    breakdowns=("moment",),
    sources=("surveys",),
)
def refugees_own_experience(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    rows = Answer.objects.filter(
        response__municipality=municipality,
        response__invitation__status=Status.ANSWERED,
        response__answered_on__gte=scope.start,
        response__answered_on__lte=scope.end,
        question__in=_agree_questions(),
    )
    if scope.cohort is not None:
        rows = rows.filter(response__invitation__person__household__arrival_date__year=scope.cohort)
    scores: dict[int, list[int]] = defaultdict(list)
    about: dict[int, tuple[int, int, str]] = {}
    for response_id, value, person_id, household_id, moment in rows.values_list(
        "response_id",
        "value",
        "response__invitation__person_id",
        "response__invitation__person__household_id",
        "response__invitation__moment",
    ).order_by("response_id"):
        if value.isdigit():
            scores[response_id].append(int(value))
            about[response_id] = (person_id, household_id, moment)
    for response_id in sorted(scores):
        values = scores[response_id]
        mean = Decimal(sum(values)) / len(values)
        person_id, household_id, moment = about[response_id]
        yield Item(
            int(mean >= GOOD_FROM),
            person_id=person_id,
            household_id=household_id,
            groups={"moment": moment},
        )
