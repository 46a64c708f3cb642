"""The hard rules of a pair (PRG-4): a pair breaking one is not eligible, whatever it scores.

- travel: the travel time between the person's area and the opening's area is known and over
  ``Weights.max_travel_minutes`` (an unknown time is not a broken rule: it scores part of the
  travel points and says so);
- hours: the opening's hours a week are over what the person can work (``Seeker.max_hours``,
  e.g. a parent alone with a young child without a daycare place);
- Danish: the person's Danish is more than ``Weights.danish_tolerance`` levels below the
  opening's requirement.

Trade interest, experience and skills are weighed, never hard: a person without experience can
still be proposed for an internship, which is what internships are for.

This module is the one definition; ``scoring.score_matrix`` computes the same with numpy for the
batch, ``check.check_fill`` re-checks every batch result with these functions.
"""

from __future__ import annotations

from enum import StrEnum

from .model import Opening, Reason, Seeker, Travel, Weights


class Rule(StrEnum):
    TRAVEL = "travel_too_far"
    HOURS = "hours_over"
    DANISH = "danish_too_low"


def travel_minutes(seeker: Seeker, opening: Opening, travel: Travel) -> int | None:
    if seeker.area_id is None or opening.area_id is None:
        return None
    return travel.get((seeker.area_id, opening.area_id))


def broken(seeker: Seeker, opening: Opening, travel: Travel, weights: Weights) -> list[Reason]:
    """The hard rules the pair breaks, as reasons (no points)."""
    out = []
    minutes = travel_minutes(seeker, opening, travel)
    if minutes is not None and minutes > weights.max_travel_minutes:
        out.append(Reason(Rule.TRAVEL, {"minutes": minutes, "limit": weights.max_travel_minutes}))
    if seeker.max_hours is not None and opening.hours_per_week > seeker.max_hours:
        params: dict[str, object] = {
            "hours": opening.hours_per_week,
            "max_hours": seeker.max_hours,
            "why": seeker.hours_reason,
        }
        out.append(Reason(Rule.HOURS, params))
    if opening.danish_required - seeker.danish > weights.danish_tolerance:
        params = {
            "level": seeker.danish,
            "required": opening.danish_required,
            "tolerance": weights.danish_tolerance,
        }
        out.append(Reason(Rule.DANISH, params))
    return out


def eligible(seeker: Seeker, opening: Opening, travel: Travel, weights: Weights) -> bool:
    return not broken(seeker, opening, travel, weights)
