"""The rules of Danish education (PRG-2) as plain functions: the deadlines, the exam terms, which
module leads to which exam, and the CEFR level that passed modules and exams attest.

Deadlines (integrationsloven): the municipality refers a person within one month of the takeover
date; the course must be able to start within one month of the referral. Both are counted as
calendar months (``engines.calendar.add_months``, clamped to the month's end) from the law's
date and, when they land on a day the municipality is closed, moved to the next working day, the
rule of Danish procedural law that the reception deadlines use (``engines.deadlines``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from velkomst.engines import deadlines
from velkomst.engines.deadlines import DeadlineState
from velkomst.people.levels import CefrLevel, cefr_rank

from .models import Exam, Track

# Referral within one month of takeover; start within one month of referral (domain-facts).
REFERRAL_RULE = deadlines.Rule(anchor=deadlines.Anchor.TAKEOVER, offset_months=1)
START_RULE = deadlines.Rule(anchor=deadlines.Anchor.FIXED, offset_months=1)

# The exam a track leads to after which module (domain-facts): PD1 after DU1 module 6, PD2 after
# DU2 module 6, PD3 after DU3 module 5, Studieprøven after DU3 module 6.
EXAM_AFTER: dict[str, tuple[str, int]] = {
    Exam.PD1: (Track.DU1, 6),
    Exam.PD2: (Track.DU2, 6),
    Exam.PD3: (Track.DU3, 5),
    Exam.STUDIEPROVEN: (Track.DU3, 6),
}

# A passed exam attests its level (the ministry's description of the exams).
EXAM_LEVEL: dict[str, str] = {
    Exam.PD1: CefrLevel.A2,
    Exam.PD2: CefrLevel.B1,
    Exam.PD3: CefrLevel.B2,
    Exam.STUDIEPROVEN: CefrLevel.C1,
}


def module_level(track: str, module: int) -> str:
    """The level a passed module test attests: one step below the exam the track's modules lead
    to, reached part-way through the track (a module test is not an exam)."""
    match track:
        case Track.DU1:
            return CefrLevel.A1
        case Track.DU2:
            return CefrLevel.A1 if module <= 3 else CefrLevel.A2
        case Track.DU3:
            if module <= 2:
                return CefrLevel.A1
            return CefrLevel.A2 if module <= 4 else CefrLevel.B1
    return CefrLevel.NONE


def highest(levels: list[str]) -> str:
    """The highest of ``levels`` on the CEFR scale (none when empty)."""
    return max(levels, key=cefr_rank, default=CefrLevel.NONE)


def term_of(day: date) -> str | None:
    """The exam term a date falls in: "<year>-summer" in May and June, "<year>-winter" in November
    and December; None outside the terms (a re-sit or special exam: the term is then typed)."""
    if day.month in (5, 6):
        return f"{day.year}-summer"
    if day.month in (11, 12):
        return f"{day.year}-winter"
    return None


@dataclass(frozen=True)
class DanishDeadline:
    """One deadline of a person's Danish education: its due day (None while the date it counts
    from is unknown), the day it was met and its state."""

    due: date | None
    done_on: date | None
    state: DeadlineState

    @property
    def is_open(self) -> bool:
        return self.state in deadlines.OPEN_STATES


def referral_due(takeover: date | None) -> date | None:
    if takeover is None:
        return None
    return deadlines.due_from(takeover, REFERRAL_RULE).date


def start_due(referred_on: date | None) -> date | None:
    if referred_on is None:
        return None
    return deadlines.due_from(referred_on, START_RULE).date


def referral_deadline(
    *, takeover: date | None, referred_on: date | None, today: date, adult: bool = True
) -> DanishDeadline:
    """The referral deadline: one month from the takeover date. Not relevant for a child."""
    due = referral_due(takeover)
    state = deadlines.deadline_state(
        due=due, today=today, done_on=referred_on, not_relevant=not adult
    )
    return DanishDeadline(due=due, done_on=referred_on, state=state)


def start_deadline(
    *, referred_on: date | None, started_on: date | None, today: date, adult: bool = True
) -> DanishDeadline:
    """The start deadline: one month from the referral (not relevant until referred)."""
    due = start_due(referred_on)
    state = deadlines.deadline_state(
        due=due,
        today=today,
        done_on=started_on,
        not_relevant=not adult or referred_on is None,
    )
    return DanishDeadline(due=due, done_on=started_on, state=state)
