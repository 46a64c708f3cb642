"""Targets and whether a figure is on track (MI-1, MI-2, MI-3). Plain Python, no Django.

A strategy's indicator has a target that can step: Sønderborg's "25 % of those referred pass the
Danish exam, rising to 50 % by the end of 2018" is two steps, (25, 31 Dec 2017) and (50, 31 Dec
2018). On a given day the target in force is the step with the nearest deadline not yet passed;
after the last deadline its value holds. A figure meets its target at or above it when more is
better (employment), at or below it when less is better (days in temporary housing).

The change since an earlier figure (the status report's "since last year") is given as data, a
``Change``, that the reader's language turns into a sentence; the engine writes no text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Direction(StrEnum):
    UP = "up"  # more is better
    DOWN = "down"  # less is better
    NEITHER = "neither"  # a figure to watch: no target is met or missed


@dataclass(frozen=True, order=True)
class Step:
    """Reach ``value`` by the day ``by`` (inclusive)."""

    by: date
    value: Decimal


def target_on(steps: Sequence[Step], day: date) -> Step | None:
    """The step in force on ``day``: the earliest whose deadline has not passed, else the last."""
    ordered = sorted(steps)
    for step in ordered:
        if step.by >= day:
            return step
    return ordered[-1] if ordered else None


class Track(StrEnum):
    ON = "on"  # meets the target in force
    OFF = "off"  # misses it
    NO_TARGET = "no_target"  # no target, or a direction without one
    NO_FIGURE = "no_figure"  # no figure (no data, or suppressed)


def track(value: Decimal | None, steps: Sequence[Step], direction: Direction, day: date) -> Track:
    """Whether ``value`` on ``day`` meets the target in force then."""
    step = target_on(steps, day)
    if step is None or direction == Direction.NEITHER:
        return Track.NO_TARGET
    if value is None:
        return Track.NO_FIGURE
    met = value >= step.value if direction == Direction.UP else value <= step.value
    return Track.ON if met else Track.OFF


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    CHANGED = "changed"  # moved, for a figure without a better direction
    NEW = "new"  # no earlier figure to compare with
    NONE = "none"  # no figure now


@dataclass(frozen=True)
class Change:
    """How a figure moved from ``before`` to ``now``: ``delta`` in the figure's own unit
    (percentage points for a share)."""

    trend: Trend
    now: Decimal | None
    before: Decimal | None
    delta: Decimal | None


def change(now: Decimal | None, before: Decimal | None, direction: Direction) -> Change:
    """The change from ``before`` to ``now``; "unchanged" when they are equal."""
    if now is None:
        return Change(Trend.NONE, None, before, None)
    if before is None:
        return Change(Trend.NEW, now, None, None)
    delta = now - before
    if delta == 0:
        trend = Trend.UNCHANGED
    elif direction == Direction.NEITHER:
        trend = Trend.CHANGED
    else:
        trend = Trend.BETTER if (delta > 0) == (direction == Direction.UP) else Trend.WORSE
    return Change(trend, now, before, delta)
