"""A municipality's configuration in force on a given day (versioned by effective date)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from .models import Municipality, MunicipalityConfig

# PRG-1: the integration programme's rule sets, each with the year it comes from
# (velkomst.engines.programme.Rules; domain-facts.md "Who, when" and "Work").
PROGRAMME_RULE_PRESETS: dict[str, dict[str, Any]] = {
    # the integrationsprogram after the tripartite agreement of 2016: the first company-based
    # activity within 2 weeks of takeover, at most 6 weeks between placements, about 37 hours a
    # week, the contract within 1 month of takeover; job-interview meetings as now (4 in 6 months)
    "2016": {
        "year": 2016,
        "first_enterprise_weeks": 2,
        "max_gap_weeks": 6,
        "expected_hours": 37,
        "meetings_min": 4,
        "meetings_months": 6,
        "contract_months": 1,
        "internship_months_from_arrival": None,
    },
    # the selvforsørgelses- og hjemrejseprogram: KL's "no later than 1 month" (4 weeks) for the
    # first company-based activity, at most 6 weeks between, 37 hours, at least 4 follow-up
    # meetings in the first 6 months, the contract within 1 month of takeover
    "current": {
        "year": 2019,
        "first_enterprise_weeks": 4,
        "max_gap_weeks": 6,
        "expected_hours": 37,
        "meetings_min": 4,
        "meetings_months": 6,
        "contract_months": 1,
        "internship_months_from_arrival": None,
    },
}

# Presets used when a municipality has not set a value. Each is the seeds' or the law's value.
DEFAULTS: dict[str, Any] = {
    # REC-6: the integration period (2015-16 integrationsprogram: up to 3 years)
    "programme_length_months": 36,
    # deadlines are "due soon" this many days before they fall due
    "due_soon_days": 7,
    # REC-4, CHI-2 (KL: Bornholm asylum centre): children start school or daycare within 3 days
    "child_start_days": 3,
    # HOU-2: the highest rent (incl. utilities) as a share of the household's expected income;
    # above half of the income housing benefit cannot be refused (integrationsloven)
    "max_rent_share_of_income": 0.5,
    # HOU-8 (Kerteminde, KL Odense): a landlord's neighbour-problem report is answered within
    # this many working days of its receipt; an urgent one by the next working day
    "neighbour_response_days": 2,
    "neighbour_response_days_urgent": 1,
    # HOU-3: the placement engine's weights (overrides of engines.placement.Weights by name,
    # e.g. {"spread": 12}), the most refugee households per area (those living there count),
    # how many fellow households (same language) a household should have in its area, and the
    # solver's time limit
    "placement_weights": {},
    "placement_area_cap": 20,
    "placement_not_alone_k": 2,
    "placement_time_limit_seconds": 30,
    # HOU-3: whether the spread cap and "not alone" are hard rules ("hard": never broken to
    # place one more household) or weighed goals ("goal"), and whether fellow households are
    # those of the same "language" or "nationality"
    "placement_spread_rule": "goal",
    "placement_not_alone_rule": "goal",
    "placement_fellow_by": "language",
    # HOU-4: a stay in temporary housing longer than this is flagged on the overview (days)
    "temporary_housing_limit_days": 180,
    # HOU-5 (KL Odense): the distribution key counts the housing associations' move-outs over
    # this many months before the allocation meeting's month
    "allocation_key_months": 12,
    # REC-2, REC-6: a member who turns 18 during the programme gets the adult tasks counted from
    # the 18th birthday: None = each task's own offset from the birthday; a number = that many
    # calendar days after the birthday for every such task (in force on the takeover date)
    "coming_of_age_deadline_days": None,
    # PRG-1: the programme rule set in force: a preset's name ("2016", "current") or a whole rule
    # set (a dict like PROGRAMME_RULE_PRESETS'); ``programme_rules_overrides`` changes single
    # rules of it (e.g. {"first_enterprise_weeks": 3})
    "programme_rules": "current",
    "programme_rules_overrides": {},
}


# Presets of particular municipalities (by municipality code) where their own documents make a
# preset rule theirs: applied over DEFAULTS and under the municipality's own rows.
MUNICIPALITY_PRESETS: dict[str, dict[str, Any]] = {
    # Aalborg (seed 004, housing): spread across the municipality, "dog, at ingen
    # flygtning/familie skal bo alene i et område, forstået som, at der i nærområdet vil være
    # ligestillede landsmænd": nobody alone is a rule, and fellows are countrymen
    "851": {"placement_not_alone_rule": "hard", "placement_fellow_by": "nationality"},
    # Sønderborg (seed 001, guidepost 1): "at større grupper af flygtninge ikke koncentrerer sig
    # i ét bestemt boligområde": the spread cap is a rule
    "540": {"placement_spread_rule": "hard"},
    # Kerteminde (seed 003, Job/erhvervsmuligheder): "at alle i den erhvervsdygtige alder som
    # minimum tilbydes et virksomheds-praktikforløb inden for de første tre måneder efter
    # ankomsten til kommunen": an internship within three months of arrival
    "440": {"programme_rules_overrides": {"internship_months_from_arrival": 3}},
}


def presets_for(municipality: Municipality) -> dict[str, Any]:
    """The presets that apply to the municipality: DEFAULTS with its own presets over them."""
    return {**DEFAULTS, **MUNICIPALITY_PRESETS.get(municipality.code, {})}


def config_in_force(municipality: Municipality, on: date | None = None) -> dict[str, Any]:
    on = on or timezone.localdate()
    values = presets_for(municipality)
    for row in MunicipalityConfig.objects.filter(
        municipality=municipality, effective_from__lte=on
    ).order_by("effective_from"):
        values.update(row.values)
    return values


def programme_rules(municipality: Municipality, on: date | None = None) -> dict[str, Any]:
    """The programme rule set in force (PRG-1): the named preset or stored rule set, with the
    overrides over it."""
    values = config_in_force(municipality, on)
    chosen = values["programme_rules"]
    rules = dict(PROGRAMME_RULE_PRESETS[chosen] if isinstance(chosen, str) else chosen)
    rules.update(values.get("programme_rules_overrides") or {})
    return rules


def config_value(municipality: Municipality, key: str, on: date | None = None) -> Any:
    return config_in_force(municipality, on)[key]


def config_values_on(municipality: Municipality, key: str, days: Iterable[date]) -> dict[date, Any]:
    """``config_value(municipality, key, on=day)`` for each of ``days``, read in one query: the
    preset overlaid by each configuration version in force on the day, oldest first."""
    versions = list(
        MunicipalityConfig.objects.filter(municipality=municipality)
        .order_by("effective_from")
        .values_list("effective_from", "values")
    )
    preset = presets_for(municipality)[key]
    result: dict[date, Any] = {}
    for day in days:
        value = preset
        for effective_from, values in versions:
            if effective_from <= day and key in (values or {}):
                value = values[key]
        result[day] = value
    return result
