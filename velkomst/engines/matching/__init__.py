"""Matching engine (PRG-4): persons for an opening, openings for a person, and a batch fill.

Plain Python with numpy and HiGHS (highspy); no Django. Entry points: ``rank_seekers``,
``rank_openings``, ``fill``; every batch result is re-checked by ``check_fill``.
"""

from .check import Broken, check_fill
from .explain import reason_data, reason_from_data, render
from .model import Fill, Match, Opening, Reason, Seeker, Travel, Weights
from .rules import Rule, broken, eligible
from .scoring import (
    rank_openings,
    rank_seekers,
    score_matrix,
    score_pair,
    similarity,
    words_similarity,
)
from .solver import fill, greedy

__all__ = [
    "Broken",
    "Fill",
    "Match",
    "Opening",
    "Reason",
    "Rule",
    "Seeker",
    "Travel",
    "Weights",
    "broken",
    "check_fill",
    "eligible",
    "fill",
    "greedy",
    "rank_openings",
    "rank_seekers",
    "reason_data",
    "reason_from_data",
    "render",
    "score_matrix",
    "score_pair",
    "similarity",
    "words_similarity",
]
