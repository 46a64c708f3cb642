"""Housing placement engine (HOU-3): which dwelling each household is suggested, and why.

Plain Python with numpy and HiGHS (highspy); no Django. Entry point: ``suggest``.
"""

from .check import Broken, Check, Tally, check_assignment
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
    "Broken",
    "Check",
    "Dwelling",
    "DwellingType",
    "GoalReport",
    "Household",
    "Options",
    "Reason",
    "Result",
    "Rule",
    "Suggestion",
    "Tally",
    "Unplaced",
    "Weights",
    "check_assignment",
    "check_pair",
    "reason_data",
    "reason_from_data",
    "render",
    "suggest",
]
