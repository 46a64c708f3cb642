"""The distribution key among housing associations (HOU-5, KL Odense): plain Python, no Django.

Each association's share of the month's households is proportional to its move-outs
(fraflytninger) over the key period, the months before the meeting's month. Shares are whole
households by the largest-remainder (Hamilton) method:

1. the exact quota of an association is ``households × its move-outs / all move-outs``;
2. each association first gets the whole part of its quota;
3. the households left over go one each to the associations with the largest remainders (the
   fraction after the whole part); equal remainders are ordered by the association's name, then
   its id, so the same numbers always give the same shares.

Quotas are exact fractions (no rounding error). An association with more move-outs never gets
fewer households than one with fewer; an association without move-outs gets none. When no
association has any move-outs, nobody gets a share and the result says why (``problem``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

NO_MOVE_OUTS = "no_move_outs"
NO_ASSOCIATIONS = "no_associations"


@dataclass(frozen=True)
class AssociationCount:
    """One association's move-outs over the key period."""

    key: Hashable  # the association's id
    name: str
    move_outs: int


@dataclass(frozen=True)
class Share:
    key: Hashable
    name: str
    move_outs: int
    quota: Fraction  # exact: households × move_outs / total
    whole: int  # floor(quota)
    remainder: Fraction  # quota - whole
    extra: bool  # got one of the left-over households for its remainder
    share: int  # whole + extra


@dataclass(frozen=True)
class KeyResult:
    households: int
    total_move_outs: int
    shares: tuple[Share, ...]  # in the order given
    problem: str | None = None  # NO_MOVE_OUTS, NO_ASSOCIATIONS or None

    @property
    def by_key(self) -> dict[Hashable, Share]:
        return {s.key: s for s in self.shares}

    @property
    def left_over(self) -> int:
        """Households given out by remainder (after the whole parts)."""
        return sum(1 for s in self.shares if s.extra)

    def percent_of(self, share: Share) -> float:
        return 100.0 * share.move_outs / self.total_move_outs if self.total_move_outs else 0.0


def _rank(share: Share) -> tuple[Fraction, str, str]:
    """Largest remainder first; equal remainders by name, then id (deterministic)."""
    return (-share.remainder, share.name.casefold(), str(share.key))


def distribute(counts: Sequence[AssociationCount], households: int) -> KeyResult:
    """Each association's share of ``households`` by the largest-remainder method."""
    if households < 0:
        raise ValueError("households must be zero or more")
    if any(c.move_outs < 0 for c in counts):
        raise ValueError("move-outs must be zero or more")
    total = sum(c.move_outs for c in counts)
    if not counts or total == 0:
        problem = NO_ASSOCIATIONS if not counts else NO_MOVE_OUTS
        shares = tuple(
            Share(c.key, c.name, c.move_outs, Fraction(0), 0, Fraction(0), False, 0) for c in counts
        )
        return KeyResult(households, total, shares, problem)
    first = []
    for c in counts:
        quota = Fraction(households * c.move_outs, total)
        whole = math.floor(quota)
        first.append(Share(c.key, c.name, c.move_outs, quota, whole, quota - whole, False, whole))
    left = households - sum(s.whole for s in first)
    lucky = {id(s) for s in sorted(first, key=_rank)[:left]}
    shares = tuple(
        Share(s.key, s.name, s.move_outs, s.quota, s.whole, s.remainder, True, s.whole + 1)
        if id(s) in lucky
        else s
        for s in first
    )
    return KeyResult(households, total, shares, None)


def deal(result: KeyResult, households: Sequence[Hashable]) -> dict[Hashable, Hashable]:
    """Assign ``households`` (in the order given: most urgent first) to associations according
    to their shares: dealt out in turns, one household to each association with a share left,
    associations in the order of the largest share first, then by name. Every association thus
    gets urgent and later households alike. Returns {household: association key}. Households
    beyond the shares (none when the key covers them all) are left out."""
    order = sorted(
        (s for s in result.shares if s.share > 0),
        key=lambda s: (-s.share, s.name.casefold(), str(s.key)),
    )
    left = {s.key: s.share for s in order}
    assigned: dict[Hashable, Hashable] = {}
    pending = list(households)
    while pending and any(left.values()):
        for s in order:
            if not pending:
                break
            if left[s.key]:
                assigned[pending.pop(0)] = s.key
                left[s.key] -= 1
    return assigned


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    """The first day of the month ``n`` months after (negative: before) ``month``'s month."""
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def key_period(month: date, months: int) -> list[date]:
    """The first days of the ``months`` months before ``month`` (oldest first): the key period."""
    if months < 1:
        raise ValueError("the key period is at least one month")
    start = month_start(month)
    return [add_months(start, -n) for n in range(months, 0, -1)]
