"""A pair's score and its reasons (PRG-4).

The score is the sum of five parts (default weights in ``model.Weights``, 100 in all):

- interest: the opening's trade among the person's trades of interest. The k-th wish (0-based)
  counts ``max(0.5, 1 - 0.1 k)``; a related trade counts by how much of the code it shares
  (``similarity``): the same code 1, the same unit group (4 digits) 0.8, minor group (3) 0.6,
  sub-major group (2) 0.4, major group (1) 0.2. A wish recorded in words (no code) is compared
  with the opening's title instead (``words_similarity``): the same words 1, a shared word or a
  word inside the other's compound word 0.6. The best wish counts.
- experience: years in the trade, full points at ``experience_full_years``, times the same
  similarity (by code, or by words against the title); the best one counts.
- Danish: full points at or above the requirement (or no requirement); each level below (within
  the tolerance, else a hard rule) takes ``1 / (tolerance + 1)`` of the points off.
- skills: the share of the opening's skills the person has (full points when it asks none).
- travel: full points at 0 minutes, none at ``max_travel_minutes`` (linear); an unknown time
  gets ``unknown_travel_share`` of the points.

A pair that breaks a hard rule (``rules``) is not eligible and scores 0.

``score_pair`` gives one pair with its reasons (ranked lists); ``score_matrix`` gives every
pair's points and eligibility as numpy arrays (the batch), the same numbers without reasons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .model import Match, Opening, Reason, Seeker, Travel, Weights
from .rules import broken, travel_minutes

SHARED_PREFIX = {4: 0.8, 3: 0.6, 2: 0.4, 1: 0.2}


def similarity(a: str, b: str) -> float:
    """How alike two occupation codes are: 1 the same code, then by the ISCO group they share."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    n = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        n += 1
    return SHARED_PREFIX.get(n, 0.0)


WORDS_RELATED = 0.6
# words too common in job titles to tie two trades together
COMMON_WORDS = frozenset(
    {
        *("and", "for", "the", "with", "from", "other", "job", "work"),
        *("med", "til", "som", "hos", "ved", "eller", "samt", "uden", "andet", "anden", "arbejde"),
    }
)


def is_code(trade: str) -> bool:
    """An occupation code (digits); anything else is a trade recorded in words."""
    return trade.isascii() and trade.isdigit()


def _words(text: str) -> list[str]:
    return [
        w
        for w in re.split(r"\W+", text.casefold())
        if len(w) >= 3 and not w.isdigit() and w not in COMMON_WORDS
    ]


def words_similarity(words: str, title: str) -> float:
    """How alike a trade in words is to an opening's title: 1 the same words (case, punctuation,
    words under three letters and ``COMMON_WORDS`` aside), ``WORDS_RELATED`` when a word of one is a word of the other or part
    of one (Danish writes trades as compound words: "tømrer" in "tømrerhjælper"), else 0."""
    a, b = _words(words), _words(title)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    for x in a:
        for y in b:
            if x in y or y in x:
                return WORDS_RELATED
    return 0.0


def trade_fit(wished: str, trade: str, title: str) -> float:
    """A person's trade (a code, or words) against an opening's code and title."""
    if is_code(wished):
        return similarity(wished, trade)
    return words_similarity(wished, title)


def _opening(title: str) -> dict[str, str]:
    """The opening's title beside its code, so a code the reader's list cannot name is shown by
    the title (``explain.render``)."""
    return {"opening": title} if title else {}


def wish_factor(rank: int) -> float:
    return max(0.5, 1.0 - 0.1 * rank)


def interest_part(seeker: Seeker, trade: str, weights: Weights, title: str = "") -> Reason:
    best, best_fit, best_rank, best_wish = 0.0, 0.0, -1, ""
    for rank, wished in enumerate(seeker.trades):
        fit = trade_fit(wished, trade, title)
        value = fit * wish_factor(rank)
        if value > best + 1e-12:
            best, best_fit, best_rank, best_wish = value, fit, rank, wished
    if best <= 0:
        return Reason("no_interest", {"trade": trade or title, **_opening(title)}, 0.0)
    points = weights.interest * best
    rank = best_rank + 1
    if not is_code(best_wish):
        code = "interest_words" if best_fit >= 1.0 else "interest_words_related"
        return Reason(code, {"words": best_wish, "title": title, "rank": rank}, points)
    if best_wish == trade:
        return Reason("interest", {"trade": trade, "rank": rank, **_opening(title)}, points)
    params = {"trade": trade, "wished": best_wish, "rank": rank, **_opening(title)}
    return Reason("interest_related", params, points)


def experience_part(seeker: Seeker, trade: str, weights: Weights, title: str = "") -> Reason:
    best, best_fit, best_code, best_years = 0.0, 0.0, "", 0.0
    full = max(weights.experience_full_years, 1e-9)
    for code, years in sorted(seeker.experience.items()):
        if years <= 0:
            continue
        fit = trade_fit(code, trade, title)
        value = fit * min(1.0, years / full)
        if value > best + 1e-12:
            best, best_fit, best_code, best_years = value, fit, code, years
    if best <= 0:
        return Reason("no_experience", {"trade": trade or title, **_opening(title)}, 0.0)
    points = weights.experience * best
    if not is_code(best_code):
        code = "experience_words" if best_fit >= 1.0 else "experience_words_related"
        return Reason(code, {"words": best_code, "title": title, "years": best_years}, points)
    if best_code == trade:
        return Reason(
            "experience", {"trade": trade, "years": best_years, **_opening(title)}, points
        )
    return Reason(
        "experience_related",
        {"trade": trade, "code": best_code, "years": best_years, **_opening(title)},
        points,
    )


def danish_part(seeker: Seeker, opening: Opening, weights: Weights) -> Reason:
    required, level = opening.danish_required, seeker.danish
    if required <= 0:
        return Reason("danish_none_required", {"level": level}, weights.danish)
    if level >= required:
        return Reason("danish_meets", {"level": level, "required": required}, weights.danish)
    below = required - level
    share = max(0.0, 1.0 - below / (weights.danish_tolerance + 1))
    return Reason("danish_below", {"level": level, "required": required}, weights.danish * share)


def skills_part(seeker: Seeker, opening: Opening, weights: Weights) -> Reason:
    if not opening.skills:
        return Reason("skills_none_required", {}, weights.skills)
    held = sorted(opening.skills & seeker.skills)
    missing = sorted(opening.skills - seeker.skills)
    points = weights.skills * len(held) / len(opening.skills)
    return Reason(
        "skills", {"held": len(held), "asked": len(opening.skills), "missing": missing}, points
    )


def travel_part(seeker: Seeker, opening: Opening, travel: Travel, weights: Weights) -> Reason:
    minutes = travel_minutes(seeker, opening, travel)
    limit = weights.max_travel_minutes
    if minutes is None:
        return Reason("travel_unknown", {}, weights.travel * weights.unknown_travel_share)
    share = max(0.0, 1.0 - minutes / limit) if limit > 0 else (1.0 if minutes <= 0 else 0.0)
    return Reason("travel", {"minutes": minutes, "limit": limit}, weights.travel * share)


def hours_part(seeker: Seeker, opening: Opening) -> Reason:
    if seeker.max_hours is None:
        return Reason("hours_no_limit", {"hours": opening.hours_per_week})
    return Reason(
        "hours_fit",
        {
            "hours": opening.hours_per_week,
            "max_hours": seeker.max_hours,
            "why": seeker.hours_reason,
        },
    )


def score_pair(seeker: Seeker, opening: Opening, travel: Travel, weights: Weights) -> Match:
    """The pair's score with every part's reason; the hard rules broken first, if any."""
    hard = broken(seeker, opening, travel, weights)
    parts = [
        interest_part(seeker, opening.trade, weights, opening.title),
        experience_part(seeker, opening.trade, weights, opening.title),
        danish_part(seeker, opening, weights),
        skills_part(seeker, opening, weights),
        travel_part(seeker, opening, travel, weights),
    ]
    if hard:
        # the parts still explain the pair, but a broken rule scores nothing
        zeroed = tuple(Reason(r.code, r.params, 0.0) for r in parts)
        return Match(seeker.id, opening.id, 0.0, False, tuple(hard) + zeroed)
    reasons = (*parts, hours_part(seeker, opening))
    score = round(sum(r.points for r in reasons), 6)
    return Match(seeker.id, opening.id, score, True, reasons)


def rank_seekers(
    opening: Opening, seekers: Sequence[Seeker], travel: Travel, weights: Weights
) -> list[Match]:
    """Every person for the opening: eligible first, then by score (highest first), then id."""
    matches = [score_pair(s, opening, travel, weights) for s in seekers]
    matches.sort(key=lambda m: (not m.eligible, -m.score, m.seeker_id))
    return matches


def rank_openings(
    seeker: Seeker, openings: Sequence[Opening], travel: Travel, weights: Weights
) -> list[Match]:
    """Every opening for the person: eligible first, then by score, then id."""
    matches = [score_pair(seeker, o, travel, weights) for o in openings]
    matches.sort(key=lambda m: (not m.eligible, -m.score, m.opening_id))
    return matches


Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def score_matrix(
    openings: Sequence[Opening], seekers: Sequence[Seeker], travel: Travel, weights: Weights
) -> tuple[Floats, Bools]:
    """Points (openings × seekers; 0 where not eligible) and eligibility, with numpy.

    The same numbers as ``score_pair``; the trade parts are computed once per distinct trade.
    """
    n_o, n_s = len(openings), len(seekers)
    points = np.zeros((n_o, n_s))
    ok = np.ones((n_o, n_s), dtype=bool)
    if not n_o or not n_s:
        return points, ok
    # trade parts: once per distinct trade and title (the title counts for trades in words)
    trades = sorted({(o.trade, o.title) for o in openings})
    trade_row = {t: i for i, t in enumerate(trades)}
    by_trade = np.zeros((len(trades), n_s))
    for i, (trade, title) in enumerate(trades):
        by_trade[i] = [
            interest_part(s, trade, weights, title).points
            + experience_part(s, trade, weights, title).points
            for s in seekers
        ]
    points += by_trade[[trade_row[(o.trade, o.title)] for o in openings]]
    # Danish
    level = np.array([s.danish for s in seekers], dtype=float)
    required = np.array([o.danish_required for o in openings], dtype=float)[:, None]
    below = required - level[None, :]
    share = np.clip(1.0 - below / (weights.danish_tolerance + 1), 0.0, 1.0)
    share = np.where((required <= 0) | (below <= 0), 1.0, share)
    points += weights.danish * share
    ok &= below <= weights.danish_tolerance
    # skills
    names = sorted({k for o in openings for k in o.skills})
    if names:
        col = {k: j for j, k in enumerate(names)}
        have = np.zeros((n_s, len(names)))
        for i, s in enumerate(seekers):
            for k in s.skills:
                if k in col:
                    have[i, col[k]] = 1.0
        want = np.zeros((n_o, len(names)))
        for i, o in enumerate(openings):
            for k in o.skills:
                want[i, col[k]] = 1.0
        n_want = want.sum(axis=1)
        held = want @ have.T
        skill_share = np.where(n_want[:, None] > 0, held / np.maximum(n_want, 1)[:, None], 1.0)
    else:
        skill_share = np.ones((n_o, n_s))
    points += weights.skills * skill_share
    # travel
    areas = sorted(
        {
            a
            for a in [*(s.area_id for s in seekers), *(o.area_id for o in openings)]
            if a is not None
        }
    )
    ax = {a: i for i, a in enumerate(areas)}
    grid = np.full((len(areas) + 1, len(areas) + 1), np.nan)  # the last row/column: no area
    for (a, b), minutes in travel.items():
        if a in ax and b in ax:
            grid[ax[a], ax[b]] = minutes
    s_area = np.array(
        [ax.get(s.area_id, len(areas)) if s.area_id is not None else len(areas) for s in seekers]
    )
    o_area = np.array(
        [ax.get(o.area_id, len(areas)) if o.area_id is not None else len(areas) for o in openings]
    )
    minutes = grid[s_area[None, :], o_area[:, None]]
    known = ~np.isnan(minutes)
    limit = weights.max_travel_minutes
    with np.errstate(invalid="ignore", divide="ignore"):
        if limit > 0:
            travel_share = np.clip(1.0 - minutes / limit, 0.0, None)
        else:
            travel_share = np.where(minutes <= 0, 1.0, 0.0)
    travel_share = np.where(known, travel_share, weights.unknown_travel_share)
    points += weights.travel * travel_share
    ok &= ~(known & (np.nan_to_num(minutes, nan=0.0) > limit))
    # hours
    max_hours = np.array([np.inf if s.max_hours is None else s.max_hours for s in seekers])
    hours = np.array([o.hours_per_week for o in openings])
    ok &= ~(hours[:, None] > max_hours[None, :])
    points = np.where(ok, np.round(points, 6), 0.0)
    return points, ok
