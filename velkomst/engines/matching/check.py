"""The independent check of a batch fill (PRG-4): plain counting, no solver, no numpy.

A run's suggestions pass through ``check_fill`` after the engine and before anyone sees them. It
does not trust the solver's matrices: each pair is checked with ``rules.broken`` (the rules the
ranked lists use) and the capacities are counted again:

- each person at most once;
- each opening at most its places;
- only eligible pairs (no hard rule broken), persons and openings of the batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Opening, Seeker, Travel, Weights
from .rules import broken

PERSON_TWICE = "person_twice"
OPENING_OVER = "opening_over"
NOT_ELIGIBLE = "not_eligible"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Broken:
    rule: str
    seeker_ids: tuple[int, ...] = ()
    opening_id: int | None = None
    params: dict[str, object] = field(default_factory=dict)


def check_fill(
    openings: Sequence[Opening],
    seekers: Sequence[Seeker],
    travel: Travel,
    weights: Weights,
    pairs: Sequence[tuple[int, int]],
) -> list[Broken]:
    """Every rule the fill ``pairs`` ((opening id, seeker id), ...) breaks; [] when none."""
    by_opening = {o.id: o for o in openings}
    by_seeker = {s.id: s for s in seekers}
    out: list[Broken] = []
    per_seeker: dict[int, list[int]] = {}
    per_opening: Counter[int] = Counter()
    for opening_id, seeker_id in pairs:
        opening, seeker = by_opening.get(opening_id), by_seeker.get(seeker_id)
        if opening is None or seeker is None:
            out.append(Broken(UNKNOWN, (seeker_id,), opening_id))
            continue
        per_seeker.setdefault(seeker_id, []).append(opening_id)
        per_opening[opening_id] += 1
        rules = [str(r.code) for r in broken(seeker, opening, travel, weights)]
        if rules:
            out.append(Broken(NOT_ELIGIBLE, (seeker_id,), opening_id, {"rules": rules}))
    for seeker_id, opened in sorted(per_seeker.items()):
        if len(opened) > 1:
            out.append(Broken(PERSON_TWICE, (seeker_id,), None, {"openings": sorted(opened)}))
    for opening_id, count in sorted(per_opening.items()):
        places = by_opening[opening_id].places
        if count > places:
            out.append(Broken(OPENING_OVER, (), opening_id, {"count": count, "places": places}))
    return out
