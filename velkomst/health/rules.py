"""The health assessment rule in force on a day (HEA-1), from the municipality's versioned
configuration. The presets by year are the law's: 2014 to mid-2016 the assessment was offered to
every refugee and mandatory for none; from 1 July 2016 it is needs-based but mandatory for quota
refugees (udlændingeloven § 8), offered within 6 months of the takeover. DEFAULTS hold the
current rule; a municipality that still follows the older one (or documents its history) adds a
configuration version with ``PRESETS["2014"]``."""

from __future__ import annotations

from datetime import date
from typing import Any

from velkomst.core.config import config_in_force, config_values_on
from velkomst.core.models import Municipality
from velkomst.engines.calendar import add_months

PRESETS: dict[str, dict[str, Any]] = {
    "2014": {"health_assessment_mandatory_bases": [], "health_assessment_offer_months": 6},
    "2016": {
        "health_assessment_mandatory_bases": ["quota_refugee"],
        "health_assessment_offer_months": 6,
    },
}
PRESET_EFFECTIVE = {"2014": date(2014, 1, 1), "2016": date(2016, 7, 1)}


def mandatory(municipality: Municipality, residence_basis: str, on: date) -> bool:
    """Whether the assessment offered on ``on`` is mandatory for a person of ``residence_basis``
    under the rule in force that day."""
    bases = config_in_force(municipality, on)["health_assessment_mandatory_bases"]
    return residence_basis in (bases or [])


def offer_due(municipality: Municipality, takeover: date) -> date:
    """The last day the assessment is to be offered: N months after the takeover date."""
    months = config_in_force(municipality, takeover)["health_assessment_offer_months"]
    return add_months(takeover, int(months))


def offers_due(municipality: Municipality, takeovers: list[date]) -> dict[date, date]:
    """``offer_due`` for each takeover date, with the configuration read in one query."""
    months = config_values_on(municipality, "health_assessment_offer_months", set(takeovers))
    return {day: add_months(day, int(months[day])) for day in months}
