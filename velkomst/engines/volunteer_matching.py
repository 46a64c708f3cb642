"""Matching volunteers' offers and households (CIV-2, CIV-3): plain Python with numpy, no Django.

Input: households (``Household``: the offer kinds they wish in priority order, languages, area,
interests, household type, weekdays they can meet, and whether their consent covers contact by a
volunteer) and offers (``Offer``: kind, languages, area, interests, audience, weekdays, remaining
capacity, and whether the volunteer may meet children on the day). Output: for each household a
ranked list of ``Suggestion``s with their score and reasons as data (``Reason``: a code and
parameters, rendered in the reader's language by ``render``).

Hard rules (a pair breaking one is never suggested, whatever it scores; ``broken``):

- consent: a household whose consent does not cover contact by a volunteer
  (``contact.volunteer``) is not matched at all; the caller leaves it out of the input, and the
  engine drops it again if it is there (``Household.consent`` false);
- child rule (CIV-3): a child-facing pair (the household has children, or the offer's audience
  includes children or families) needs a volunteer whose child certificate and signed confidentiality are
  valid on the day (``Offer.child_ok``);
- audience: the household's type (adults, family, children) is among the offer's audience;
- kind: when the household has wished kinds, the offer's kind is one of them;
- capacity: an offer with no remaining capacity is not suggested, and ``allocate`` never gives
  an offer more households than its remaining capacity;
- weekdays: when both sides name weekdays they share at least one;
- travel: a known travel time over ``Weights.max_travel_minutes``.

The score is the sum of five parts (default weights in ``Weights``, 100 in all): the kind (the
k-th wish, 0-based, counts ``max(0.5, 1 - 0.1 k)``; no wishes at all: half), languages (a shared
language: full), area and travel (the same area: full; else linear to none at the limit; not
known: ``unknown_share``), interests (the share of the household's interests the offer covers;
none named: ``unknown_share``) and weekdays (the share of the household's weekdays the offer
covers; none named on either side: ``unknown_share``).

``score_pair`` gives one pair with its reasons (the one definition); ``score_matrix`` gives every
pair's points and eligibility as numpy arrays with the same numbers; ``suggest`` uses the matrix
to find each household's best offers and ``score_pair`` to explain them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

# (from area, to area) -> minutes; (a, a) is the time within an area
Travel = Mapping[tuple[int, int], int]

KINDS = (
    "mentor",
    "network_family",
    "language_cafe",
    "homework_help",
    "sports",
    "city_guide",
    "transport",
    "practical_help",
)
# household types and the audience each needs among an offer's audience
HOUSEHOLD_TYPES = ("adults", "family", "children")
AUDIENCE_OF = {"adults": "adults", "family": "families", "children": "children"}
AUDIENCES = ("adults", "families", "children")
CHILD_AUDIENCES = frozenset({"children", "families"})


@dataclass(frozen=True)
class Household:
    id: int
    kinds: tuple[str, ...] = ()  # wished offer kinds, in priority order
    languages: frozenset[str] = frozenset()  # ISO 639 codes the household speaks
    area_id: int | None = None
    interests: frozenset[str] = frozenset()
    type: str = "adults"  # "adults", "family" (adults with children) or "children"
    weekdays: frozenset[int] = frozenset()  # 0 Monday … 6 Sunday; empty: not known
    consent: bool = False  # consent covers contact by a volunteer now (contact.volunteer)

    @property
    def has_children(self) -> bool:
        return self.type in ("family", "children")


@dataclass(frozen=True)
class Offer:
    id: int
    kind: str
    volunteer_id: int = 0
    languages: frozenset[str] = frozenset()
    area_id: int | None = None
    interests: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset({"adults"})  # among AUDIENCES
    weekdays: frozenset[int] = frozenset()
    capacity: int = 1  # households the offer can still take
    child_ok: bool = False  # child certificate and confidentiality valid on the day (CIV-3)

    @property
    def for_children(self) -> bool:
        """An offer for children or for families with children involves children (CIV-3)."""
        return bool(CHILD_AUDIENCES & self.audience)


@dataclass(frozen=True)
class Weights:
    kind: float = 30.0
    languages: float = 25.0
    travel: float = 20.0
    interests: float = 15.0
    weekdays: float = 10.0
    max_travel_minutes: int = 45  # hard rule: further than this each way is not suggested
    unknown_share: float = 0.5  # the share of a part's points when one side does not say


@dataclass(frozen=True)
class Reason:
    """``code`` names a text in ``TEXTS``; ``params`` fills it; ``points`` is what the part adds
    (0 for a broken hard rule)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    points: float = 0.0


@dataclass(frozen=True)
class Suggestion:
    household_id: int
    offer_id: int
    score: float
    eligible: bool
    reasons: tuple[Reason, ...] = ()


class Rule(StrEnum):
    CONSENT = "no_consent"
    CHILD = "child_certificate"
    AUDIENCE = "audience"
    KIND = "kind_not_wished"
    FULL = "offer_full"
    WEEKDAYS = "no_common_weekday"
    TRAVEL = "travel_too_far"


def travel_minutes(household: Household, offer: Offer, travel: Travel) -> int | None:
    if household.area_id is None or offer.area_id is None:
        return None
    if household.area_id == offer.area_id:
        return travel.get((household.area_id, offer.area_id), 0)
    return travel.get((household.area_id, offer.area_id))


def child_facing(household: Household, offer: Offer) -> bool:
    return household.has_children or offer.for_children


def broken(household: Household, offer: Offer, travel: Travel, weights: Weights) -> list[Reason]:
    """The hard rules the pair breaks, as reasons (no points)."""
    out: list[Reason] = []
    if not household.consent:
        out.append(Reason(Rule.CONSENT))
    if child_facing(household, offer) and not offer.child_ok:
        out.append(Reason(Rule.CHILD))
    if AUDIENCE_OF.get(household.type, household.type) not in offer.audience:
        out.append(Reason(Rule.AUDIENCE, {"type": household.type}))
    if household.kinds and offer.kind not in household.kinds:
        out.append(Reason(Rule.KIND, {"kind": offer.kind}))
    if offer.capacity <= 0:
        out.append(Reason(Rule.FULL))
    if household.weekdays and offer.weekdays and not household.weekdays & offer.weekdays:
        out.append(Reason(Rule.WEEKDAYS))
    minutes = travel_minutes(household, offer, travel)
    if minutes is not None and minutes > weights.max_travel_minutes:
        out.append(Reason(Rule.TRAVEL, {"minutes": minutes, "limit": weights.max_travel_minutes}))
    return out


def wish_factor(rank: int) -> float:
    return max(0.5, 1.0 - 0.1 * rank)


def kind_part(household: Household, offer: Offer, weights: Weights) -> Reason:
    if not household.kinds:
        return Reason("kind_any", {"kind": offer.kind}, weights.kind * weights.unknown_share)
    if offer.kind not in household.kinds:
        return Reason("kind_other", {"kind": offer.kind}, 0.0)
    rank = household.kinds.index(offer.kind)
    return Reason("kind", {"kind": offer.kind, "rank": rank + 1}, weights.kind * wish_factor(rank))


def languages_part(household: Household, offer: Offer, weights: Weights) -> Reason:
    shared = sorted(household.languages & offer.languages)
    if shared:
        return Reason("languages", {"languages": shared}, weights.languages)
    return Reason("no_shared_language", {}, 0.0)


def travel_part(household: Household, offer: Offer, travel: Travel, weights: Weights) -> Reason:
    if household.area_id is not None and household.area_id == offer.area_id:
        return Reason("same_area", {}, weights.travel)
    minutes = travel_minutes(household, offer, travel)
    if minutes is None:
        return Reason("travel_unknown", {}, weights.travel * weights.unknown_share)
    limit = weights.max_travel_minutes
    share = max(0.0, 1.0 - minutes / limit) if limit > 0 else (1.0 if minutes <= 0 else 0.0)
    return Reason("travel", {"minutes": minutes, "limit": limit}, weights.travel * share)


def interests_part(household: Household, offer: Offer, weights: Weights) -> Reason:
    if not household.interests:
        return Reason("interests_unknown", {}, weights.interests * weights.unknown_share)
    shared = sorted(household.interests & offer.interests)
    if not shared:
        return Reason("no_shared_interest", {}, 0.0)
    points = weights.interests * len(shared) / len(household.interests)
    return Reason("interests", {"shared": shared, "of": len(household.interests)}, points)


def weekdays_part(household: Household, offer: Offer, weights: Weights) -> Reason:
    if not household.weekdays or not offer.weekdays:
        return Reason("weekdays_unknown", {}, weights.weekdays * weights.unknown_share)
    common = sorted(household.weekdays & offer.weekdays)
    points = weights.weekdays * len(common) / len(household.weekdays)
    return Reason("weekdays", {"days": common}, points)


def score_pair(household: Household, offer: Offer, travel: Travel, weights: Weights) -> Suggestion:
    """The pair's score with every part's reason; the hard rules broken first, if any."""
    hard = broken(household, offer, travel, weights)
    parts = (
        kind_part(household, offer, weights),
        languages_part(household, offer, weights),
        travel_part(household, offer, travel, weights),
        interests_part(household, offer, weights),
        weekdays_part(household, offer, weights),
    )
    if hard:
        zeroed = tuple(Reason(r.code, r.params, 0.0) for r in parts)
        return Suggestion(household.id, offer.id, 0.0, False, tuple(hard) + zeroed)
    extra: tuple[Reason, ...] = ()
    if child_facing(household, offer):
        extra = (Reason("child_certificate_valid"),)
    score = round(sum(r.points for r in parts), 6)
    return Suggestion(household.id, offer.id, score, True, parts + extra)


Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def _incidence(sets: Sequence[frozenset[str]], names: Mapping[str, int]) -> Floats:
    out = np.zeros((len(sets), max(1, len(names))))
    for i, values in enumerate(sets):
        for v in values:
            j = names.get(v)
            if j is not None:
                out[i, j] = 1.0
    return out


def _weekday_mask(days: frozenset[int]) -> int:
    mask = 0
    for d in days:
        if 0 <= d <= 6:
            mask |= 1 << d
    return mask


_POPCOUNT = np.array([bin(i).count("1") for i in range(128)], dtype=float)


def score_matrix(
    households: Sequence[Household], offers: Sequence[Offer], travel: Travel, weights: Weights
) -> tuple[Floats, Bools]:
    """Points (households × offers; 0 where not eligible) and eligibility, with numpy: the same
    numbers as ``score_pair``."""
    n_h, n_o = len(households), len(offers)
    points = np.zeros((n_h, n_o))
    ok = np.ones((n_h, n_o), dtype=bool)
    if not n_h or not n_o:
        return points, ok
    unknown = weights.unknown_share
    # consent, capacity
    ok &= np.array([h.consent for h in households])[:, None]
    ok &= np.array([o.capacity > 0 for o in offers])[None, :]
    # child rule and audience
    has_children = np.array([h.has_children for h in households])
    for_children = np.array([o.for_children for o in offers])
    child_ok = np.array([o.child_ok for o in offers])
    facing = has_children[:, None] | for_children[None, :]
    ok &= ~facing | child_ok[None, :]
    aud_bit = {a: 1 << i for i, a in enumerate(AUDIENCES)}
    o_aud = np.array([sum(aud_bit.get(a, 0) for a in o.audience) for o in offers], dtype=np.int64)
    h_aud = np.array(
        [aud_bit.get(AUDIENCE_OF.get(h.type, h.type), 0) for h in households], dtype=np.int64
    )
    ok &= (h_aud[:, None] & o_aud[None, :]) != 0
    # kind
    kinds = sorted({o.kind for o in offers} | {k for h in households for k in h.kinds})
    kx = {k: i for i, k in enumerate(kinds)}
    factor = np.zeros((n_h, len(kinds)))
    wishes = np.array([bool(h.kinds) for h in households])
    for i, h in enumerate(households):
        if not h.kinds:
            factor[i, :] = unknown
        for rank, k in enumerate(h.kinds):
            if factor[i, kx[k]] == 0:
                factor[i, kx[k]] = wish_factor(rank)
    o_kind = np.array([kx[o.kind] for o in offers])
    kind_factor = factor[:, o_kind]
    ok &= ~wishes[:, None] | (kind_factor > 0)
    points += weights.kind * kind_factor
    # languages
    langs = {v: j for j, v in enumerate(sorted({x for h in households for x in h.languages}))}
    shared_lang = (
        _incidence([h.languages for h in households], langs)
        @ _incidence([o.languages for o in offers], langs).T
    )
    points += weights.languages * (shared_lang > 0)
    # interests
    names = {v: j for j, v in enumerate(sorted({x for h in households for x in h.interests}))}
    n_int = np.array([len(h.interests) for h in households], dtype=float)
    held = (
        _incidence([h.interests for h in households], names)
        @ _incidence([o.interests for o in offers], names).T
    )
    int_share = np.where(n_int[:, None] > 0, held / np.maximum(n_int, 1)[:, None], unknown)
    points += weights.interests * int_share
    # weekdays
    h_days = np.array([_weekday_mask(h.weekdays) for h in households], dtype=np.int64)
    o_days = np.array([_weekday_mask(o.weekdays) for o in offers], dtype=np.int64)
    common = _POPCOUNT[h_days[:, None] & o_days[None, :]]
    known_days = (h_days[:, None] != 0) & (o_days[None, :] != 0)
    n_days = np.maximum(_POPCOUNT[h_days], 1)[:, None]
    day_share = np.where(known_days, common / n_days, unknown)
    points += weights.weekdays * day_share
    ok &= ~known_days | (common > 0)
    # area and travel
    areas = sorted(
        {
            a
            for a in [*(h.area_id for h in households), *(o.area_id for o in offers)]
            if a is not None
        }
    )
    ax = {a: i for i, a in enumerate(areas)}
    none = len(areas)
    grid = np.full((none + 1, none + 1), np.nan)  # the last row/column: no area
    for (a, b), minutes in travel.items():
        if a in ax and b in ax:
            grid[ax[a], ax[b]] = minutes
    for i in ax.values():
        if np.isnan(grid[i, i]):
            grid[i, i] = 0.0
    h_area = np.array([none if h.area_id is None else ax[h.area_id] for h in households])
    o_area = np.array([none if o.area_id is None else ax[o.area_id] for o in offers])
    minutes = grid[h_area[:, None], o_area[None, :]]
    same = (h_area[:, None] == o_area[None, :]) & (h_area[:, None] != none)
    known = ~np.isnan(minutes)
    limit = weights.max_travel_minutes
    with np.errstate(invalid="ignore", divide="ignore"):
        if limit > 0:
            travel_share = np.clip(1.0 - minutes / limit, 0.0, None)
        else:
            travel_share = np.where(minutes <= 0, 1.0, 0.0)
    travel_share = np.where(known, travel_share, unknown)
    travel_share = np.where(same, 1.0, travel_share)
    points += weights.travel * travel_share
    ok &= ~(known & (np.nan_to_num(minutes, nan=0.0) > limit))
    points = np.where(ok, np.round(points, 6), 0.0)
    return points, ok


def _ranked(
    household: Household,
    offers: Sequence[Offer],
    row: Floats,
    ok_row: Bools,
    travel: Travel,
    weights: Weights,
    limit: int,
) -> list[Suggestion]:
    candidates = np.flatnonzero(ok_row)
    if not len(candidates):
        return []
    if len(candidates) > limit:
        # the best ``limit`` by score, ties kept so the order below is by score then id
        cut = np.partition(row[candidates], -limit)[-limit]
        candidates = candidates[row[candidates] >= cut]
    out = [score_pair(household, offers[int(j)], travel, weights) for j in candidates]
    out.sort(key=lambda s: (-s.score, s.offer_id))
    return out[:limit]


def suggest(
    households: Sequence[Household],
    offers: Sequence[Offer],
    travel: Travel,
    weights: Weights | None = None,
    *,
    limit: int = 5,
) -> dict[int, list[Suggestion]]:
    """Each consenting household's best ``limit`` eligible offers, highest score first (then
    offer id), with their reasons. A household without consent is not in the result at all; one
    with no eligible offer has an empty list."""
    weights = weights or Weights()
    consenting = [h for h in households if h.consent]
    points, ok = score_matrix(consenting, offers, travel, weights)
    return {
        h.id: _ranked(h, offers, points[i], ok[i], travel, weights, max(0, limit))
        for i, h in enumerate(consenting)
    }


def rank_offers(
    household: Household,
    offers: Sequence[Offer],
    travel: Travel,
    weights: Weights | None = None,
    *,
    limit: int = 10,
) -> list[Suggestion]:
    """One household's best eligible offers (none without consent)."""
    return suggest([household], offers, travel, weights, limit=limit).get(household.id, [])


def allocate(
    households: Sequence[Household],
    offers: Sequence[Offer],
    travel: Travel,
    weights: Weights | None = None,
) -> list[Suggestion]:
    """A first proposal for many households at once: the best pair first, each household at most
    one offer of each kind it wished, each offer at most its remaining capacity (greedy)."""
    weights = weights or Weights()
    consenting = [h for h in households if h.consent]
    points, ok = score_matrix(consenting, offers, travel, weights)
    left = [max(0, o.capacity) for o in offers]
    hi, oj = np.nonzero(ok)
    order = np.lexsort((oj, hi, -points[hi, oj]))
    taken: set[tuple[int, str]] = set()
    out: list[Suggestion] = []
    for k in order:
        i, j = int(hi[k]), int(oj[k])
        h, o = consenting[i], offers[j]
        if left[j] <= 0 or (h.id, o.kind) in taken:
            continue
        left[j] -= 1
        taken.add((h.id, o.kind))
        out.append(score_pair(h, o, travel, weights))
    return out


# reasons in words --------------------------------------------------------------------------

WEEKDAYS = {
    "da": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
TYPES = {
    "da": {"adults": "voksne uden børn", "family": "familie med børn", "children": "børn"},
    "en": {
        "adults": "adults without children",
        "family": "family with children",
        "children": "children",
    },
}

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "kind": "Ønsker {kind} (ønske nr. {rank})",
        "kind_any": "Husstanden har ingen ønsker; tilbuddet er {kind}",
        "kind_other": "Husstanden har ikke ønsket {kind}",
        "languages": "Fælles sprog: {languages}",
        "no_shared_language": "Intet fælles sprog",
        "same_area": "Samme område",
        "travel": "{minutes} min. mellem områderne (grænsen er {limit} min.)",
        "travel_unknown": "Afstanden kendes ikke",
        "interests": "Fælles interesser: {shared} (af {of})",
        "no_shared_interest": "Ingen fælles interesser",
        "interests_unknown": "Husstanden har ikke angivet interesser",
        "weekdays": "Kan mødes {days}",
        "weekdays_unknown": "Ugedage ikke angivet",
        "child_certificate_valid": "Gyldig børneattest og tavshedserklæring",
        "no_consent": "Borgerens samtykke dækker ikke kontakt fra en frivillig",
        "child_certificate": (
            "Husstanden har børn eller tilbuddet er til børn, og den frivillige har ikke "
            "gyldig børneattest og tavshedserklæring"
        ),
        "audience": "Tilbuddet er ikke til husstandens type ({type})",
        "kind_not_wished": "Husstanden har ikke ønsket {kind}",
        "offer_full": "Tilbuddet har ikke flere pladser",
        "no_common_weekday": "Ingen fælles ugedage",
        "travel_too_far": "For langt: {minutes} min.; grænsen er {limit} min.",
    },
    "en": {
        "kind": "Wishes for {kind} (wish no. {rank})",
        "kind_any": "The household has no wishes; the offer is {kind}",
        "kind_other": "The household has not asked for {kind}",
        "languages": "Shared languages: {languages}",
        "no_shared_language": "No shared language",
        "same_area": "Same area",
        "travel": "{minutes} min. between the areas (the limit is {limit} min.)",
        "travel_unknown": "Distance not known",
        "interests": "Shared interests: {shared} (of {of})",
        "no_shared_interest": "No shared interests",
        "interests_unknown": "The household has named no interests",
        "weekdays": "Can meet on {days}",
        "weekdays_unknown": "Weekdays not given",
        "child_certificate_valid": "Valid child certificate and confidentiality agreement",
        "no_consent": "The citizen's consent does not cover contact by a volunteer",
        "child_certificate": (
            "The household has children or the offer is for children, and the volunteer has no "
            "valid child certificate and confidentiality agreement"
        ),
        "audience": "The offer is not for the household's type ({type})",
        "kind_not_wished": "The household has not asked for {kind}",
        "offer_full": "The offer has no places left",
        "no_common_weekday": "No weekday in common",
        "travel_too_far": "Too far: {minutes} min.; the limit is {limit} min.",
    },
}


def render(
    reason: Reason,
    language: str = "da",
    kind_name: Callable[[str], str] | None = None,
    language_name: Callable[[str], str] | None = None,
) -> str:
    """The reason in words; an unknown language falls back to Danish, an unknown code to the
    code itself."""
    lang = language if language in TEXTS else "da"
    template = TEXTS[lang].get(str(reason.code))
    if template is None:
        return str(reason.code)
    values: dict[str, object] = {}
    for key, value in reason.params.items():
        if key == "kind":
            values[key] = kind_name(str(value)) if kind_name else str(value)
        elif key == "languages":
            items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
            values[key] = ", ".join(
                language_name(str(v)) if language_name else str(v) for v in items
            )
        elif key == "shared":
            items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
            values[key] = ", ".join(str(v) for v in items)
        elif key == "days":
            items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
            values[key] = ", ".join(
                WEEKDAYS[lang][int(d)] for d in items if isinstance(d, int) and 0 <= d <= 6
            )
        elif key == "type":
            values[key] = TYPES[lang].get(str(value), str(value))
        else:
            values[key] = value
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return str(reason.code)


def reason_data(reason: Reason) -> dict[str, object]:
    """A JSON-ready form of the reason, for storing."""
    params = {
        k: (sorted(v) if isinstance(v, frozenset | set) else list(v) if isinstance(v, tuple) else v)
        for k, v in reason.params.items()
    }
    return {"code": str(reason.code), "params": params, "points": round(reason.points, 3)}


def reason_from_data(data: Mapping[str, object]) -> Reason:
    params = data.get("params") or {}
    points = data.get("points") or 0.0
    return Reason(
        str(data.get("code", "")),
        dict(params) if isinstance(params, Mapping) else {},
        float(points) if isinstance(points, int | float) else 0.0,
    )


def synthetic(
    n_households: int, n_offers: int, n_areas: int = 10, seed: int = 2026
) -> tuple[list[Household], list[Offer], dict[tuple[int, int], int]]:
    """Deterministic households, offers and a travel grid for the benchmark and the tests."""
    import random

    rng = random.Random(seed)
    langs = ("ara", "tir", "ukr", "fas", "prs", "som", "eng", "dan", "kur", "rus")
    interests = ("football", "cooking", "music", "chess", "nature", "crafts", "reading", "swim")
    travel = {
        (a, b): 5 + 8 * abs(a - b) for a in range(1, n_areas + 1) for b in range(1, n_areas + 1)
    }
    households = [
        Household(
            id=i + 1,
            kinds=tuple(rng.sample(KINDS, rng.randint(0, 3))),
            languages=frozenset(rng.sample(langs, rng.randint(1, 3))),
            area_id=rng.randint(1, n_areas),
            interests=frozenset(rng.sample(interests, rng.randint(0, 3))),
            type=rng.choice(HOUSEHOLD_TYPES),
            weekdays=frozenset(rng.sample(range(7), rng.randint(0, 5))),
            consent=rng.random() < 0.9,
        )
        for i in range(n_households)
    ]
    offers = [
        Offer(
            id=j + 1,
            kind=rng.choice(KINDS),
            volunteer_id=j // 2 + 1,
            languages=frozenset(rng.sample(langs, rng.randint(1, 3))),
            area_id=rng.randint(1, n_areas),
            interests=frozenset(rng.sample(interests, rng.randint(0, 3))),
            audience=frozenset(rng.sample(AUDIENCES, rng.randint(1, 3))),
            weekdays=frozenset(rng.sample(range(7), rng.randint(0, 4))),
            capacity=rng.randint(0, 3),
            child_ok=rng.random() < 0.6,
        )
        for j in range(n_offers)
    ]
    return households, offers, travel
