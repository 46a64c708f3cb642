"""The indicator library (MI-1, MI-2): each indicator a plain Python definition evaluated from the
records, one place per definition.

A definition says in words what it counts (population, event, period) and gives one function,
``items(municipality, scope)``, that reads the records in SQL and returns one ``Item`` per member
of the population: who (person or household, for drill-down), whether the event happened (or how
much: days, hours, kroner) and the groups it falls in (sex, age band, unit, institution …).
Everything else is generic and lives here once: the total and the figure per group, the
denominator, the list of people behind a number. A definition never aggregates itself, so the
dashboard, the status report, the API, suppression of small counts (MI-6) and drill-down all read
the same items.

Definitions register themselves with ``@indicator(...)`` in ``velkomst/indicators/definitions/``,
which the app's ``ready`` imports (this module imports none of them); ``REGISTRY`` maps key →
definition. A key is stable: strategies (``velkomst.strategies``) and
cached figures refer to it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from velkomst.core.models import Municipality


class Unit(StrEnum):
    """What a figure is, and so how its items aggregate."""

    SHARE = "share"  # the items' values over their weights, in percent (1 of 1 each: a count share)
    COUNT = "count"  # how many items (each counts once; value is ignored)
    SUM = "sum"  # the sum of the items' values (hours, exams passed …)
    AMOUNT = "amount"  # the sum of the items' values, in kroner
    DAYS = "days"  # the median of the items' values, in days
    AVERAGE = "average"  # the mean of the items' values (e.g. matches per household)


class Good(StrEnum):
    """Which way is better: a target is met at or above it (UP) or at or below it (DOWN)."""

    UP = "up"
    DOWN = "down"
    NEITHER = "neither"  # a figure to watch, without a better direction (children per school)


@dataclass(frozen=True)
class Scope:
    """Which records a figure is computed over.

    ``start``..``end`` (both inclusive) is the period: the event must fall in it (or, for a state
    such as "in work", hold on ``end``). ``cohort`` limits the population to persons whose
    household arrived in that calendar year. ``months_since_arrival`` instead measures each
    person at that many months after their own arrival (the ministry's "1, 3, 5 years in Denmark"),
    counting only persons who have been here that long by ``end``.
    """

    start: date
    end: date
    cohort: int | None = None
    months_since_arrival: int | None = None

    def key(self) -> str:
        """A stable text for caching."""
        return f"{self.start}:{self.end}:{self.cohort or ''}:{self.months_since_arrival or ''}"


@dataclass(frozen=True)
class Item:
    """One member of an indicator's population.

    ``value`` is 1 or 0 for a share (the event happened or not), else the number it contributes
    (days, hours, kroner). ``weight`` is what the item adds to a share's denominator: 1 for a share
    of persons; the total hours for a share of hours (``value`` then the hours that count). ``groups`` maps a breakdown name (``sex``, ``age``, ``unit`` …) to the
    group's label key (``female``, ``18-29``, ``unit:12``). ``person_id`` / ``household_id`` name
    who stands behind it, for drill-down; an item about no one (a deadline of a task without a
    person, a dwelling) has neither.
    """

    value: Decimal | int = 1
    _: KW_ONLY
    weight: Decimal | int = 1
    person_id: int | None = None
    household_id: int | None = None
    groups: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """A computed number: ``value`` (percent for a share; None when the population is empty),
    with the counts behind it (``numerator`` is the count or sum, ``denominator`` the number of
    items in the population, or for a share the sum of their weights; ``population`` the number of
    items)."""

    value: Decimal | None
    numerator: Decimal
    denominator: Decimal
    population: int

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "value": None if self.value is None else str(self.value),
            "numerator": str(self.numerator),
            "denominator": str(self.denominator),
            "population": self.population,
        }


@dataclass(frozen=True)
class Definition:
    """One indicator of the library. ``name`` and ``description`` are shown to people (lazy
    gettext, Danish first); ``description`` says the population, the event and the period.
    ``breakdowns`` lists the group names its items carry; ``sources`` the apps it reads."""

    key: str
    name: str | Promise
    description: str | Promise
    unit: Unit
    good: Good
    items: Callable[[Municipality, Scope], Iterable[Item]]
    breakdowns: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def compute(self, municipality: Municipality, scope: Scope) -> Result:
        return Result.of(self, list(self.items(municipality, scope)))


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def aggregate(unit: Unit, items: list[Item]) -> Figure:
    """The figure of ``items`` as ``unit`` says: the one place a figure is worked out."""
    n = len(items)
    total = sum((Decimal(i.value) for i in items), Decimal(0))
    if unit == Unit.COUNT:
        return Figure(Decimal(n), Decimal(n), Decimal(n), n)
    if unit == Unit.SHARE:
        weights = sum((Decimal(i.weight) for i in items), Decimal(0))
        value = _round(total * 100 / weights) if weights else None
        return Figure(value, total, weights, n)
    if not items:
        empty = Decimal(0) if unit in (Unit.SUM, Unit.AMOUNT) else None
        return Figure(empty, total, Decimal(0), 0)
    if unit == Unit.DAYS:
        median = statistics.median(Decimal(i.value) for i in items)
        return Figure(_round(Decimal(median)), total, Decimal(n), n)
    if unit == Unit.AVERAGE:
        return Figure(_round(total / n), total, Decimal(n), n)
    return Figure(total, total, Decimal(n), n)  # SUM, AMOUNT


@dataclass(frozen=True)
class Result:
    """A definition's figure in a scope: the total, and per breakdown the figure of each group."""

    total: Figure
    groups: dict[str, dict[str, Figure]]
    items: list[Item]

    @classmethod
    def of(cls, definition: Definition, items: list[Item]) -> Result:
        groups: dict[str, dict[str, list[Item]]] = {b: {} for b in definition.breakdowns}
        for item in items:
            for breakdown, group in item.groups.items():
                groups.setdefault(breakdown, {}).setdefault(group, []).append(item)
        return cls(
            total=aggregate(definition.unit, items),
            groups={
                b: {g: aggregate(definition.unit, members) for g, members in sorted(by.items())}
                for b, by in groups.items()
            },
            items=items,
        )

    def person_ids(
        self, *, breakdown: str = "", group: str = "", counted: bool | None = None
    ) -> list[int]:
        """The persons behind a figure (drill-down): of one group if given; ``counted=True`` only
        those in the numerator (value not 0), ``False`` only those not, ``None`` all."""
        ids = {
            i.person_id
            for i in self.items
            if i.person_id is not None
            and (not breakdown or i.groups.get(breakdown) == group)
            and (counted is None or bool(i.value) == counted)
        }
        return sorted(ids)


REGISTRY: dict[str, Definition] = {}


def indicator(
    *,
    key: str,
    name: str | Promise,
    description: str | Promise,
    unit: Unit,
    good: Good = Good.UP,
    breakdowns: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
) -> Callable[[Callable[[Municipality, Scope], Iterable[Item]]], Definition]:
    """Register the decorated ``items`` function as the indicator ``key``."""

    def register(items: Callable[[Municipality, Scope], Iterable[Item]]) -> Definition:
        if key in REGISTRY:
            raise ValueError(f"indicator {key!r} is defined twice")
        definition = Definition(key, name, description, unit, good, items, breakdowns, sources)
        REGISTRY[key] = definition
        return definition

    return register


def definition(key: str) -> Definition:
    """The definition of ``key``; KeyError if the library has none."""
    return REGISTRY[key]


def all_definitions() -> list[Definition]:
    """Every definition; the app's ``ready`` has imported ``definitions``, which registers them."""
    return list(REGISTRY.values())
