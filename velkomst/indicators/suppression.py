"""Small counts hidden in a figure shown outside the integration team (MI-6), by the disclosure
engine (``velkomst.engines.disclosure``) with the municipality's ``small_count_threshold``.

A figure (the total or a group) is hidden whole (value, numerator, denominator, population) when
its population, or for a share or count its numerator, is 1 .. threshold - 1: a share of a tiny
group reveals its members. Then, per breakdown, the groups add up to the total twice over (their
populations, and their numerators: counted persons, hours, days or kroner), so further figures are
hidden until no hidden number can be worked out by subtraction from the total and the other
groups; the total is shared by all breakdowns, so once hidden it is hidden in all of them.
A hidden figure shows "<5" when it is small itself and "–" when it is hidden as a complement,
each with its reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from velkomst.core import config
from velkomst.core.models import Municipality
from velkomst.engines.disclosure import PRIMARY, Reason, figure_reason, suppress_breakdowns

from .library import Unit

# units whose numerator is a count of persons (or items): a small one is hidden by itself
COUNTED = (Unit.SHARE, Unit.COUNT)


@dataclass(frozen=True)
class ShownFigure:
    """A figure as it may be shown: the numbers (None where hidden), whether it is hidden, what
    to show instead ("<5", "–") and why."""

    value: str | None
    numerator: str | None
    denominator: str | None
    population: int | None
    suppressed: bool = False
    reason: Reason | None = None
    text: str = ""
    reason_text: str = ""

    @classmethod
    def hidden(cls, text: str, reason_text: str, reason: Reason | None = None) -> ShownFigure:
        """A figure hidden whole: ``text`` shown instead ("<5", "–"), ``reason_text`` why."""
        return cls(None, None, None, None, True, reason, text, reason_text)


def as_shown(figure: dict[str, Any]) -> ShownFigure:
    """A cached figure (``Figure.as_dict()``) with every number shown (inside the team)."""
    return ShownFigure(
        value=figure.get("value"),
        numerator=figure.get("numerator"),
        denominator=figure.get("denominator"),
        population=figure.get("population"),
    )


@dataclass(frozen=True)
class Shown:
    total: ShownFigure
    groups: dict[str, dict[str, ShownFigure]]
    threshold: int


def threshold_of(municipality: Municipality | int) -> int:
    if isinstance(municipality, int):
        municipality = Municipality.objects.get(pk=municipality)
    return int(config.config_value(municipality, "small_count_threshold"))


def reason_text(reason: Reason, threshold: int) -> str:
    texts = {
        Reason.SMALL_COUNT: _("Færre end %(n)s") % {"n": threshold},
        Reason.SMALL_POPULATION: _("Gruppen er på færre end %(n)s") % {"n": threshold},
        Reason.SMALL_NUMERATOR: _("Færre end %(n)s tælles med") % {"n": threshold},
        Reason.COMPLEMENTARY: _("Skjult, så et lille tal ikke kan regnes ud af de andre tal"),
    }
    return texts[reason]


def _number(value: Any) -> float:
    return float(Decimal(str(value))) if value is not None else 0.0


def _shown(figure: dict[str, Any], reason: Reason | None, threshold: int) -> ShownFigure:
    if reason is None:
        return as_shown(figure)
    text = f"<{threshold}" if reason in PRIMARY else "–"
    return ShownFigure.hidden(text, reason_text(reason, threshold), reason)


def shown(
    total: dict[str, Any],
    groups: dict[str, dict[str, dict[str, Any]]],
    unit: Unit | str,
    threshold: int,
) -> Shown:
    """The total and groups of a result or cached figure (``Figure.as_dict()`` each) with small
    counts and their complements hidden (module docstring)."""
    # REQ: MI-6
    counted = Unit(unit) in COUNTED

    def own(figure: dict[str, Any]) -> Reason | None:
        numerator = int(_number(figure.get("numerator"))) if counted else None
        return figure_reason(int(figure.get("population") or 0), numerator, threshold)

    total_reason = own(total)
    hidden: dict[str, dict[str, Reason]] = {
        b: {g: r for g, f in by.items() if (r := own(f)) is not None} for b, by in groups.items()
    }
    populations = {
        b: {g: _number(f.get("population")) for g, f in by.items()} for b, by in groups.items()
    }
    numerators = {
        b: {g: _number(f.get("numerator")) for g, f in by.items()} for b, by in groups.items()
    }
    while True:
        before = (total_reason, {b: dict(by) for b, by in hidden.items()})
        for cells, whole in (
            (populations, _number(total.get("population"))),
            (numerators, _number(total.get("numerator"))),
        ):
            result = suppress_breakdowns(
                whole, cells, threshold, primary=hidden, total_primary=total_reason, counts=False
            )
            total_reason = result.total
            hidden = result.groups
        if (total_reason, hidden) == before:
            break
    return Shown(
        total=_shown(total, total_reason, threshold),
        groups={
            b: {g: _shown(f, hidden[b].get(g), threshold) for g, f in by.items()}
            for b, by in groups.items()
        },
        threshold=threshold,
    )
