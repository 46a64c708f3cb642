"""The programme rule set in force for a municipality on a day (PRG-1): core/config's versioned
configuration turned into the engine's ``Rules``."""

from __future__ import annotations

from datetime import date

from velkomst.core.config import programme_rules
from velkomst.core.models import Municipality
from velkomst.engines.programme import Rules


def rules_for(municipality: Municipality, on: date | None = None) -> Rules:
    return Rules.from_config(programme_rules(municipality, on))
