"""The programme rule set in force for a municipality on a day (PRG-1): core/config's versioned
configuration turned into the engine's ``Rules``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from velkomst.core.config import programme_rules, programme_rules_on
from velkomst.core.models import Municipality
from velkomst.engines.programme import Rules


def rules_for(municipality: Municipality, on: date | None = None) -> Rules:
    return Rules.from_config(programme_rules(municipality, on))


def rules_on(municipality: Municipality, days: Iterable[date]) -> dict[date, Rules]:
    """The rule set in force on each of ``days`` (takeover dates), in one query."""
    return {
        day: Rules.from_config(values)
        for day, values in programme_rules_on(municipality, set(days)).items()
    }
