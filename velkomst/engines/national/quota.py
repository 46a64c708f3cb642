"""Quotas by the executive order on housing placement, § 4 (NAT-1), with every step as data.

A municipality's share = its population share − (its share of non-Western immigrants and
refugees − its population share); multiplied by (landstal + last year's family-reunified to
refugees in the whole country); minus the family-reunified already living there. Negative
values become 0 and what they were short is taken from the others in proportion to their
shares, repeated until none is negative. The integer quotas are then found by the largest
remainder, so they sum to the landstal exactly.

Also: regional agreements (municipalities of one region trade quota; the region's total is
unchanged, otherwise the agreement is refused) and a revision of the landstal (allowed when the
forecast moves more than 40 % for a landstal of at most 8,000, more than 25 % above), which
recomputes the rest of the year from what each municipality has already received.

Plain Python; no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

REVISION_SMALL_LANDSTAL = 8000
REVISION_THRESHOLD_SMALL = Fraction(40, 100)
REVISION_THRESHOLD_LARGE = Fraction(25, 100)


@dataclass(frozen=True)
class MunicipalityFigures:
    code: str
    region: str
    population: int
    nonwestern: int  # non-Western immigrants and refugees living there
    reunified: int  # family-reunified to refugees last year, living there


@dataclass(frozen=True)
class Round:
    """One pass of "negatives to 0, reallocate": who was set to 0, how much was reallocated,
    and the values after the pass."""

    zeroed: tuple[str, ...]
    shortfall: float
    values: dict[str, float]


@dataclass(frozen=True)
class QuotaSteps:
    """Every step of the formula, per municipality, so a page can show it."""

    landstal: int
    reunified_total: int
    population_share: dict[str, float]
    nonwestern_share: dict[str, float]
    share: dict[str, float]  # population share − (non-Western share − population share)
    multiplied: dict[str, float]  # share × (landstal + reunified_total)
    after_reunified: dict[str, float]  # multiplied − reunified living there
    rounds: tuple[Round, ...]  # negatives to 0 and reallocation, until none negative
    exact: dict[str, float]  # before rounding (sums to the landstal)
    quota: dict[str, int]  # largest remainder; sums to the landstal
    rounded_up: tuple[str, ...] = field(default=())  # who got the remainder's extra one


class QuotaError(ValueError):
    pass


def _nonneg_in_proportion(values: dict[str, float], weights: dict[str, float]) -> list[Round]:
    """Set negatives to 0 and take what they were short from the others in proportion to
    ``weights``; repeat until none is negative. Changes ``values`` in place."""
    rounds: list[Round] = []
    active = {k for k, w in weights.items() if w > 0 and values[k] > 0}
    while True:
        negative = sorted(k for k, v in values.items() if v < -1e-12)
        if not negative:
            for k, v in values.items():
                values[k] = max(0.0, v)
            return rounds
        shortfall = -sum(values[k] for k in negative)
        for k in negative:
            values[k] = 0.0
            active.discard(k)
        if not active:
            raise QuotaError("no municipality left to take the shortfall")
        total_w = sum(weights[k] for k in active)
        for k in active:
            values[k] -= shortfall * weights[k] / total_w
        rounds.append(Round(tuple(negative), shortfall, dict(values)))


def largest_remainder(exact: dict[str, float], total: int) -> tuple[dict[str, int], list[str]]:
    """Integers summing to ``total``: each value's floor, then one more to the largest
    remainders (ties by code, so the result does not depend on the input's order)."""
    floors = {k: math.floor(v + 1e-9) for k, v in exact.items()}
    left = total - sum(floors.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), k))
    if left < 0 or left > len(order):
        raise QuotaError(f"cannot round {sum(exact.values())} to {total}")
    up = order[:left]
    for k in up:
        floors[k] += 1
    return floors, up


def quotas(
    municipalities: list[MunicipalityFigures], landstal: int, reunified_total: int | None = None
) -> QuotaSteps:
    """§ 4 on the figures; ``reunified_total``: last year's family-reunified to refugees in the
    whole country (default: the municipalities' ``reunified`` summed)."""
    if landstal < 0:
        raise QuotaError("the landstal cannot be negative")
    codes = [m.code for m in municipalities]
    if len(set(codes)) != len(codes):
        raise QuotaError("a municipality appears twice")
    pop = sum(m.population for m in municipalities)
    nw = sum(m.nonwestern for m in municipalities)
    if pop <= 0 or nw <= 0:
        raise QuotaError("the population and the non-Western total must be positive")
    if reunified_total is None:
        reunified_total = sum(m.reunified for m in municipalities)
    if reunified_total < 0:
        raise QuotaError("the family-reunified total cannot be negative")
    pop_share = {m.code: m.population / pop for m in municipalities}
    nw_share = {m.code: m.nonwestern / nw for m in municipalities}
    share = {k: pop_share[k] - (nw_share[k] - pop_share[k]) for k in codes}
    multiplied = {k: share[k] * (landstal + reunified_total) for k in codes}
    by_code = {m.code: m for m in municipalities}
    after = {k: multiplied[k] - by_code[k].reunified for k in codes}
    values = dict(after)
    rounds = _nonneg_in_proportion(values, {k: max(0.0, share[k]) for k in codes})
    quota, up = largest_remainder(values, landstal)
    return QuotaSteps(
        landstal=landstal,
        reunified_total=reunified_total,
        population_share=pop_share,
        nonwestern_share=nw_share,
        share=share,
        multiplied=multiplied,
        after_reunified=after,
        rounds=tuple(rounds),
        exact=values,
        quota=quota,
        rounded_up=tuple(up),
    )


@dataclass(frozen=True)
class AgreementOutcome:
    accepted: bool
    reason: str  # "" when accepted; otherwise why it was refused
    quota: dict[str, int]  # the quotas after the agreement (unchanged when refused)


def regional_agreement(
    quota: dict[str, int],
    regions: dict[str, str],
    region: str,
    agreed: dict[str, int],
) -> AgreementOutcome:
    """Municipalities of ``region`` trade quota: ``agreed`` gives the new quota of every
    municipality that changes. Refused when one is outside the region, a quota is negative,
    or the region's total would change."""
    unknown = sorted(k for k in agreed if k not in quota)
    if unknown:
        return AgreementOutcome(False, f"unknown municipality: {', '.join(unknown)}", quota)
    outside = sorted(k for k in agreed if regions.get(k) != region)
    if outside:
        return AgreementOutcome(False, f"outside the region: {', '.join(outside)}", quota)
    negative = sorted(k for k, v in agreed.items() if v < 0)
    if negative:
        return AgreementOutcome(False, f"negative quota: {', '.join(negative)}", quota)
    members = [k for k in quota if regions.get(k) == region]
    before = sum(quota[k] for k in members)
    after = sum(agreed.get(k, quota[k]) for k in members)
    if before != after:
        return AgreementOutcome(
            False, f"the region's total would change from {before} to {after}", quota
        )
    return AgreementOutcome(True, "", {k: agreed.get(k, v) for k, v in quota.items()})


@dataclass(frozen=True)
class Revision:
    allowed: bool
    change: float  # |new − old| / old
    threshold: float
    steps: QuotaSteps | None  # the formula on the new landstal (None when not allowed)
    placed: dict[str, int]
    remaining: dict[str, int]  # the rest of the year per municipality
    quota: dict[str, int]  # placed + remaining (the year's quota after the revision)


def revision_threshold(landstal: int) -> Fraction:
    return (
        REVISION_THRESHOLD_SMALL
        if landstal <= REVISION_SMALL_LANDSTAL
        else REVISION_THRESHOLD_LARGE
    )


def revise(
    municipalities: list[MunicipalityFigures],
    old_landstal: int,
    new_landstal: int,
    placed: dict[str, int],
    current_quota: dict[str, int],
) -> Revision:
    """A revision of the landstal: allowed only when the forecast moves by more than the
    threshold. The formula is then run on the new landstal; each municipality's rest of the
    year is its new quota less what it has received, negatives to 0 and reallocated in
    proportion to the rest (so the year sums to the new landstal), rounded by the largest
    remainder. Refused: the quotas stay as they are."""
    if old_landstal <= 0:
        raise QuotaError("the landstal to revise must be positive")
    change = abs(Fraction(new_landstal - old_landstal, old_landstal))
    threshold = revision_threshold(old_landstal)
    codes = [m.code for m in municipalities]
    got = {k: int(placed.get(k, 0)) for k in codes}
    total_placed = sum(got.values())
    if change <= threshold:
        remaining = {k: max(0, current_quota.get(k, 0) - got[k]) for k in codes}
        return Revision(False, float(change), float(threshold), None, got, remaining, current_quota)
    if new_landstal < total_placed:
        raise QuotaError(
            f"the new landstal {new_landstal} is below those already placed ({total_placed})"
        )
    steps = quotas(municipalities, new_landstal)
    rest = {k: steps.exact[k] - got[k] for k in codes}
    weights = {k: max(0.0, steps.exact[k]) for k in codes}
    if any(v > 0 for v in rest.values()):
        _nonneg_in_proportion(rest, weights)
    else:
        rest = {k: 0.0 for k in codes}
    remaining, _ = largest_remainder(rest, new_landstal - total_placed)
    return Revision(
        True,
        float(change),
        float(threshold),
        steps,
        got,
        remaining,
        {k: got[k] + remaining[k] for k in codes},
    )
