"""Housing placement engine (HOU-3): which dwelling each household is suggested, and why.

Plain Python with numpy and HiGHS (highspy); no Django. Entry point: ``suggest``.
"""

from .engine import STAGES, suggest
from .explain import reason_data, reason_from_data, render
from .model import (
    Area,
    Dwelling,
    DwellingType,
    GoalReport,
    Household,
    Options,
    Reason,
    Result,
    Suggestion,
    Unplaced,
    Weights,
)
from .rules import Rule, check_pair

__all__ = [
    "STAGES",
    "Area",
    "Dwelling",
    "DwellingType",
    "GoalReport",
    "Household",
    "Options",
    "Reason",
    "Result",
    "Rule",
    "Suggestion",
    "Unplaced",
    "Weights",
    "check_pair",
    "reason_data",
    "reason_from_data",
    "render",
    "suggest",
]
