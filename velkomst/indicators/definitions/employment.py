"""Employment: the ministry's measure (domain-facts.md, jobindsats.dk)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.outcomes.models import Employment, SubsidyKind

from ..library import Item, Scope, Unit, indicator
from .common import arrived
from .periods import hours_in, month_of, months_ending

# jobindsats.dk's secondary measure: at least 190 hours of unsupported wage work in 3 months.
HOURS_REQUIRED = Decimal(190)
HOURS_MONTHS = 3


def _unsupported_jobs(
    municipality: Municipality, scope: Scope
) -> dict[int, list[tuple[date, date | None, Decimal]]]:
    """Every person's unsupported employments begun by the period's end: (start, end or None,
    hours a week). One query."""
    jobs: dict[int, list[tuple[date, date | None, Decimal]]] = {}
    for person_id, start, end, hours in Employment.objects.filter(
        municipality=municipality, subsidy=SubsidyKind.NONE, start_date__lte=scope.end
    ).values_list("person_id", "start_date", "end_date", "hours_per_week"):
        jobs.setdefault(person_id, []).append((start, end, hours))
    return jobs


@indicator(
    key="employment_rate",
    name=_("Andel i ustøttet lønbeskæftigelse"),
    description=_(
        "Flygtninge og familiesammenførte på 18–66 år (ministeriets mål): andelen i ordinær "
        "lønbeskæftigelse uden tilskud i måneden (periodens sidste måned, eller måneden det "
        "antal måneder efter ankomsten)."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("outcomes",),
)
def employment_rate(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    population = list(arrived(municipality, scope, ages=(18, 66)))
    employed = _unsupported_jobs(municipality, scope)
    for person in population:
        first, last = month_of(person.measured_on)
        working = any(
            start <= last and (end is None or end >= first)
            for start, end, _hours in employed.get(person.person_id, [])
        )
        yield Item(
            int(working),
            person_id=person.person_id,
            household_id=person.household_id,
            groups=person.groups(),
        )


@indicator(
    key="employment_190_hours",
    name=_("Andel med mindst 190 timers ustøttet lønbeskæftigelse på 3 måneder"),
    description=_(
        "Flygtninge og familiesammenførte på 18–66 år (ministeriets sekundære mål): andelen med "
        "mindst 190 timers ordinær lønbeskæftigelse uden tilskud i de 3 kalendermåneder, der "
        "slutter med periodens sidste måned (eller med måneden det antal måneder efter "
        "ankomsten). Timerne regnes af ansættelsernes timer pr. uge for de dage, de varer i de 3 "
        "måneder."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("outcomes",),
)
def employment_190_hours(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    population = list(arrived(municipality, scope, ages=(18, 66)))
    employed = _unsupported_jobs(municipality, scope)
    for person in population:
        first, last = months_ending(person.measured_on, HOURS_MONTHS)
        hours = sum(
            (
                hours_in(per_week, start, end, first, last)
                for start, end, per_week in employed.get(person.person_id, [])
            ),
            Decimal(0),
        )
        yield Item(
            int(hours >= HOURS_REQUIRED),
            person_id=person.person_id,
            household_id=person.household_id,
            groups=person.groups(),
        )
