"""Continuity and gender balance of participation in associations (CIV-5, CHI-4).

Plain Python: spells of participation in, counts out. A person is "still active after N
months" when, N months after their first start, one of their spells covers that day (a change
of club is no break). The count is made only for persons whose N months have passed ("due").
Persons are grouped as girls and boys (under 18 at their first start), women and men, and
others (sex not stated).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from velkomst.engines.calendar import add_months

MILESTONES = (3, 6)  # months
GROUPS = ("girls", "boys", "women", "men", "other")


@dataclass(frozen=True)
class Spell:
    person_id: int
    sex: str  # "F", "M" or "X"
    child: bool  # under 18 at the person's first start
    started_on: date
    ended_on: date | None


@dataclass
class Milestone:
    due: int = 0  # persons whose first start is at least this many months ago
    kept: int = 0  # of those, still active that many months after it

    @property
    def share(self) -> float | None:
        return self.kept / self.due if self.due else None


@dataclass
class GroupCount:
    group: str
    persons: int = 0
    active: int = 0  # active today
    milestones: dict[int, Milestone] = field(
        default_factory=lambda: {m: Milestone() for m in MILESTONES}
    )


def group_of(sex: str, child: bool) -> str:
    if sex == "F":
        return "girls" if child else "women"
    if sex == "M":
        return "boys" if child else "men"
    return "other"


def covers(spell: Spell, day: date) -> bool:
    return spell.started_on <= day and (spell.ended_on is None or spell.ended_on >= day)


def still_active(spells: list[Spell], months: int, today: date) -> bool | None:
    """Whether the person was active ``months`` after their first start; None when that day
    has not come yet."""
    first = min(s.started_on for s in spells)
    day = add_months(first, months)
    if day > today:
        return None
    return any(covers(s, day) for s in spells)


def count(spells: Iterable[Spell], today: date) -> dict[str, GroupCount]:
    """Per group (girls, boys, women, men, other): persons, active today, and continuity."""
    by_person: dict[int, list[Spell]] = defaultdict(list)
    for spell in spells:
        by_person[spell.person_id].append(spell)
    result = {g: GroupCount(g) for g in GROUPS}
    for person_spells in by_person.values():
        first = min(person_spells, key=lambda s: s.started_on)
        row = result[group_of(first.sex, first.child)]
        row.persons += 1
        if any(covers(s, today) for s in person_spells):
            row.active += 1
        for months in MILESTONES:
            kept = still_active(person_spells, months, today)
            if kept is not None:
                row.milestones[months].due += 1
                row.milestones[months].kept += int(kept)
    return result
