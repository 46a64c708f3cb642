"""Outcomes (PRG-7): in education or work, self-support, benefit recipients and the result grants
earned (derived by ``engines/grants.py`` through ``outcomes.selectors``, never re-derived here)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.engines import grants as engine
from velkomst.outcomes.facts import facts_of_municipality
from velkomst.outcomes.models import (
    BenefitPeriod,
    BenefitType,
    EducationOutcome,
    Employment,
    SelfSupporting,
    SubsidyKind,
)
from velkomst.outcomes.selectors import rate_tables

from ..library import Good, Item, Scope, Unit, indicator
from .common import arrived
from .periods import event_window, month_of

# The cash benefits Sønderborg counts (selvforsørgelses-/overgangsydelse, kontanthjælp).
CASH_BENEFITS = (
    BenefitType.SELF_SUPPORT.value,
    BenefitType.TRANSITION.value,
    BenefitType.CASH.value,
)


def _holds(spells: list[tuple[date, date | None]], day: date) -> bool:
    return any(start <= day and (end is None or end >= day) for start, end in spells)


@indicator(
    key="in_education_or_work",
    name=_("Andel i uddannelse eller arbejde"),
    description=_(
        "Flygtninge og familiesammenførte over 18 år i den erhvervsaktive alder (18–66 år), der "
        "er ankommet (af årgangen, hvis valgt): andelen, der på periodens sidste dag (eller dagen "
        "det antal måneder efter ankomsten) var i ordinær beskæftigelse uden tilskud eller i gang "
        "med en uddannelse (startet og hverken fuldført eller afbrudt før den dag)."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("outcomes",),
)
def in_education_or_work(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    spells: dict[int, list[tuple[date, date | None]]] = {}
    for person_id, start, end in Employment.objects.filter(
        municipality=municipality, subsidy=SubsidyKind.NONE
    ).values_list("person_id", "start_date", "end_date"):
        spells.setdefault(person_id, []).append((start, end))
    for person_id, start, completed, dropped in EducationOutcome.objects.filter(
        municipality=municipality
    ).values_list("person_id", "started_on", "completed_on", "dropped_on"):
        ended = min((d for d in (completed, dropped) if d is not None), default=None)
        spells.setdefault(person_id, []).append((start, ended))
    for person in arrived(municipality, scope, ages=(18, 66)):
        yield Item(
            int(_holds(spells.get(person.person_id, []), person.measured_on)),
            person_id=person.person_id,
            household_id=person.household_id,
            groups=person.groups(),
        )


@indicator(
    key="self_supporting",
    name=_("Andel selvforsørgende"),
    description=_(
        "Flygtninge og familiesammenførte på 18–66 år, der er ankommet (af årgangen, hvis "
        "valgt): andelen, der er registreret som selvforsørgende fra en dag senest periodens "
        "sidste dag (eller dagen det antal måneder efter ankomsten)."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("outcomes",),
)
def self_supporting(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    since = dict(
        SelfSupporting.objects.filter(municipality=municipality).values_list(
            "person_id", "from_date"
        )
    )
    for person in arrived(municipality, scope, ages=(18, 66)):
        start = since.get(person.person_id)
        yield Item(
            int(start is not None and start <= person.measured_on),
            person_id=person.person_id,
            household_id=person.household_id,
            groups=person.groups(),
        )


@indicator(
    key="benefit_recipients",
    name=_("Modtagere af selvforsørgelses- og overgangsydelse eller kontanthjælp"),
    description=_(
        "Antal flygtninge og familiesammenførte, der er ankommet (af årgangen, hvis valgt), og "
        "som modtog selvforsørgelses- og hjemrejseydelse, overgangsydelse eller kontanthjælp på "
        "mindst én dag i perioden (efter antal måneder siden ankomsten: i måneden det antal "
        "måneder efter ankomsten). Opdelt på den seneste af ydelserne i perioden."
    ),
    unit=Unit.COUNT,
    good=Good.DOWN,
    breakdowns=("benefit", "sex", "age"),
    sources=("outcomes",),
)
def benefit_recipients(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    periods: dict[int, list[tuple[date, date | None, str]]] = {}
    for person_id, benefit, start, end in (
        BenefitPeriod.objects.filter(municipality=municipality, benefit__in=CASH_BENEFITS)
        .order_by("from_date", "id")
        .values_list("person_id", "benefit", "from_date", "to_date")
    ):
        periods.setdefault(person_id, []).append((start, end, benefit))
    for person in arrived(municipality, scope):
        if person.person_id not in periods:
            continue
        if scope.months_since_arrival is None:
            first, last = scope.start, scope.end
        else:
            first, last = month_of(person.measured_on)
        received = [
            benefit
            for start, end, benefit in periods[person.person_id]
            if start <= last and (end is None or end >= first)
        ]
        if received:
            yield Item(
                1,
                person_id=person.person_id,
                household_id=person.household_id,
                groups={"benefit": received[-1], **person.groups()},
            )


@indicator(
    key="result_grants_earned",
    name=_("Optjente resultattilskud"),
    description=_(
        "Resultattilskud (ordinær beskæftigelse, ordinær uddannelse, bestået danskprøve) i kroner, "
        "som kommunen har optjent i perioden for flygtninge og familiesammenførte, der er "
        "ankommet (af årgangen, hvis valgt), afledt af resultattilskudsreglerne og satserne som "
        "på siden om resultattilskud; efter antal måneder siden ankomsten: tilskud optjent fra "
        "ankomsten til det antal måneder efter. Opdelt på tilskudstype og år."
    ),
    unit=Unit.AMOUNT,
    breakdowns=("kind", "year"),
    sources=("outcomes", "danish"),
)
def result_grants_earned(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    people = {p.person_id: p for p in arrived(municipality, scope)}
    facts = [
        f for f in facts_of_municipality(municipality_id=municipality.pk) if f.person_id in people
    ]
    earned = engine.grants_for(facts, as_of=scope.end, tables=rate_tables(municipality))
    for grant in earned:
        person = people[grant.person_id]
        first, last = event_window(person, scope)
        if first <= grant.earned_on <= last:
            yield Item(
                grant.amount,
                person_id=grant.person_id,
                household_id=person.household_id,
                groups={"kind": grant.kind.value, "year": str(grant.earned_on.year)},
            )
