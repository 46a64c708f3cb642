"""What many definitions share: the persons who have arrived, their age band and sex, and the day
a person is measured on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Model, QuerySet

from velkomst.core.models import Municipality
from velkomst.engines.calendar import add_months
from velkomst.engines.deadlines import age_on
from velkomst.people.models import Person

from ..library import Scope

M = TypeVar("M", bound=Model)

# The ministry's age bands for 18–66-year-olds (jobindsats.dk), and the children's.
ADULT_BANDS = ((18, 29), (30, 39), (40, 49), (50, 66))
CHILD_BANDS = ((0, 5), (6, 16), (17, 17))


def age_band(age: int) -> str:
    """The band a person of ``age`` falls in, as its label key (``18-29``; ``67+``)."""
    for low, high in ADULT_BANDS:
        if low <= age <= high:
            return f"{low}-{high}"
    return "67+" if age > 66 else "0-17"


@dataclass(frozen=True)
class Arrived:
    """A person of the municipality whose household has arrived, with the day they are measured."""

    person_id: int
    household_id: int
    arrival_date: date
    birth_date: date
    sex: str
    measured_on: date

    @property
    def age(self) -> int:
        return age_on(self.birth_date, self.measured_on)

    def groups(self) -> dict[str, str]:
        return {"sex": self.sex, "age": age_band(self.age)}


def of_cohort(rows: QuerySet[M], scope: Scope, household: str = "household") -> QuerySet[M]:
    """``rows`` of the scope's arrival cohort (all without one); ``household`` is the path from a
    row to its household (``person__household``, or ``""`` for households themselves)."""
    if scope.cohort is None:
        return rows
    path = f"{household}__arrival_date__year" if household else "arrival_date__year"
    return rows.filter(**{path: scope.cohort})


def measure_day(arrival: date, scope: Scope) -> date | None:
    """The day a person is measured on: the period's last day, or (by months since arrival) that
    many months after their arrival, if that day has come by the period's end."""
    if scope.months_since_arrival is None:
        return scope.end
    day = add_months(arrival, scope.months_since_arrival)
    return day if day <= scope.end else None


def arrived(
    municipality: Municipality, scope: Scope, *, ages: tuple[int, int] | None = None
) -> Iterator[Arrived]:
    """Every person of ``municipality`` who had arrived by the day they are measured on, of the
    scope's cohort if it has one, and (if ``ages``) of an age from..to on that day."""
    rows = Person.objects.filter(
        municipality=municipality,
        household__arrival_date__isnull=False,
        household__arrival_date__lte=scope.end,
    )
    rows = of_cohort(rows, scope)
    for pk, household_id, arrival, birth, sex in rows.values_list(
        "pk", "household_id", "household__arrival_date", "birth_date", "sex"
    ).order_by("pk"):
        assert arrival is not None  # filtered above
        day = measure_day(arrival, scope)
        if day is None or arrival > day:
            continue
        person = Arrived(pk, household_id, arrival, birth, sex, day)
        if ages is None or ages[0] <= person.age <= ages[1]:
            yield person
