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

# COO-2: interface descriptions (snitfladebeskrivelser): for each task type (a reception-plan
# task's category), referral kind and programme activity type ("task:cv", "referral:health",
# "activity:internship"), the kind of unit that does it ("by") and the kind it hands over to
# ("to", "" for none), with a note of the municipality's own words. A municipality's row of
# ``interface_descriptions`` replaces the whole set; the pages read them with
# velkomst.referrals.interfaces.
INTERFACE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    # the reception plan's task types (reception/presets.py)
    "task:pre_arrival_meeting": {"by": "integration", "to": "housing", "note": ""},
    "task:welcome_meeting": {"by": "integration", "to": "", "note": ""},
    "task:cpr": {"by": "integration", "to": "", "note": ""},
    "task:health_card": {"by": "integration", "to": "health", "note": ""},
    "task:bank_account": {"by": "integration", "to": "", "note": ""},
    "task:digital_post": {"by": "integration", "to": "", "note": ""},
    "task:establishment": {"by": "integration", "to": "", "note": ""},
    "task:bus_card": {"by": "integration", "to": "", "note": ""},
    "task:forms_review": {"by": "integration", "to": "", "note": ""},
    "task:cv": {"by": "jobcentre", "to": "", "note": ""},
    "task:job_active": {"by": "jobcentre", "to": "", "note": ""},
    "task:danish_referral": {"by": "integration", "to": "language_centre", "note": ""},
    "task:internship_offer": {"by": "jobcentre", "to": "", "note": ""},
    "task:health_assessment": {"by": "health", "to": "jobcentre", "note": ""},
    "task:child_screening": {"by": "children_family", "to": "school", "note": ""},
    "task:child_screening_2": {"by": "children_family", "to": "", "note": ""},
    "task:child_start_meeting": {"by": "children_family", "to": "school", "note": ""},
    "task:school_daycare_start": {"by": "children_family", "to": "daycare", "note": ""},
    "task:housing_visit_1": {"by": "housing", "to": "integration", "note": ""},
    "task:housing_visit_2": {"by": "housing", "to": "integration", "note": ""},
    "task:housing_visit_3": {"by": "housing", "to": "integration", "note": ""},
    "task:association_interest": {"by": "integration", "to": "volunteer_centre", "note": ""},
    # referral kinds (velkomst.referrals.models.ReferralKind)
    "referral:danish_education": {"by": "language_centre", "to": "jobcentre", "note": ""},
    "referral:employment": {"by": "jobcentre", "to": "", "note": ""},
    "referral:health": {"by": "health", "to": "jobcentre", "note": ""},
    "referral:family_support": {"by": "children_family", "to": "", "note": ""},
    "referral:school_daycare": {"by": "school", "to": "children_family", "note": ""},
    "referral:housing": {"by": "housing", "to": "integration", "note": ""},
    "referral:volunteer": {"by": "volunteer_centre", "to": "", "note": ""},
    "referral:child_concern": {"by": "children_family", "to": "", "note": ""},
    "referral:other": {"by": "integration", "to": "", "note": ""},
    # programme activity types (velkomst.programme.models.ActivityKind)
    "activity:internship": {"by": "jobcentre", "to": "", "note": ""},
    "activity:language_internship": {"by": "jobcentre", "to": "language_centre", "note": ""},
    "activity:wage_subsidy": {"by": "jobcentre", "to": "", "note": ""},
    "activity:igu": {"by": "jobcentre", "to": "", "note": ""},
    "activity:job_with_mentor": {"by": "jobcentre", "to": "", "note": ""},
    "activity:ordinary_education": {"by": "jobcentre", "to": "", "note": ""},
    "activity:preparatory": {"by": "jobcentre", "to": "", "note": ""},
    "activity:upskilling": {"by": "jobcentre", "to": "", "note": ""},
    "activity:danish_education": {"by": "language_centre", "to": "jobcentre", "note": ""},
}

# Bornholm (seed 000, "Tværfagligt samarbejde"): "systematiske snitfladebeskrivelser ... så den
# enkelte medarbejder kender sin opgave og kan henvise til andre"; the integration team (Center
# for Erhverv, Uddannelse og Beskæftigelse) places and visits the households itself, refers to
# Danish education within a month, and Sprogcenter and Jobcenter share the language education
BORNHOLM_INTERFACES: dict[str, dict[str, str]] = {
    **INTERFACE_DESCRIPTIONS,
    "task:danish_referral": {
        "by": "integration",
        "to": "language_centre",
        "note": "Henvises til danskuddannelse inden for en måned fra ankomsten.",
    },
    "task:housing_visit_1": {
        "by": "integration",
        "to": "",
        "note": "Center for Erhverv, Uddannelse og Beskæftigelse står for boligplaceringen.",
    },
    "task:housing_visit_2": {"by": "integration", "to": "", "note": ""},
    "activity:danish_education": {
        "by": "language_centre",
        "to": "jobcentre",
        "note": "Samarbejdsmodel mellem Sprogcenter og Jobcenter om en moderne sproguddannelse.",
    },
    "referral:family_support": {
        "by": "children_family",
        "to": "school",
        "note": "Støtte til familier, børn og unge i samarbejdet med daginstitutioner og skole.",
    },
    "referral:health": {
        "by": "health",
        "to": "jobcentre",
        "note": "Barrierer som helbred og traumer afdækkes, så de kan mindskes.",
    },
}

# Kerteminde (seed 003): LINK (the integration team) asks about association life in its first
# talk and then contacts Frivilligcenter Kerteminde (under 18: Plads til Alle); the first
# housing visits are made with an interpreter or a representative from LINK; an internship
# within the first three months
KERTEMINDE_INTERFACES: dict[str, dict[str, str]] = {
    **INTERFACE_DESCRIPTIONS,
    "task:association_interest": {
        "by": "integration",
        "to": "volunteer_centre",
        "note": "LINK afsøger interessen i første snak og kontakter Frivilligcenter Kerteminde "
        "(under 18 år: Plads til Alle).",
    },
    "referral:volunteer": {
        "by": "volunteer_centre",
        "to": "",
        "note": "Frivilligcenter Kerteminde skaber kontakt mellem flygtning og forening.",
    },
    "task:housing_visit_1": {
        "by": "housing",
        "to": "integration",
        "note": "De første besøg sker sammen med tolk eller en repræsentant fra LINK.",
    },
    "activity:internship": {
        "by": "jobcentre",
        "to": "",
        "note": "Virksomhedspraktik inden for de første tre måneder efter ankomsten.",
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
    # PRG-7: result grants' rate tables added to the law's presets (engines/grants.py
    # PRESET_TABLES: 2015 and 2024), by year: {"2026": {"job": ..., "education": ...,
    # "danish": ..., "job_reduced": ..., "education_reduced": ..., "period_years": 5}}
    "result_grant_rates": {},
    # HEA-1: the health assessment rule in force on the offer day (velkomst.health.rules, presets
    # by year): the residence bases for which the assessment is mandatory (2014-16: offered to
    # all, mandatory for none; from mid-2016: needs-based, mandatory for quota refugees), and
    # the months after takeover within which it is offered
    "health_assessment_mandatory_bases": ["quota_refugee"],
    "health_assessment_offer_months": 6,
    # HEA-1: roles besides the health coordinator that the municipality grants the reading of
    # health data to explicitly (e.g. ["family_consultant"]); versioned like every key
    "health_view_roles": [],
    # PRG-1: the programme rule set in force: a preset's name ("2016", "current") or a whole rule
    # set (a dict like PROGRAMME_RULE_PRESETS'); ``programme_rules_overrides`` changes single
    # rules of it (e.g. {"first_enterprise_weeks": 3})
    "programme_rules": "current",
    "programme_rules_overrides": {},
    # PRG-4: the matching engine's weights (overrides of engines.matching.Weights' points by
    # name, e.g. {"travel": 20}); the longest travel each way by public transport (a hard rule);
    # how many CEFR levels below an opening's requirement a person's Danish may be (a hard rule
    # beyond); the hours a week a single parent with a child under school age and no daycare
    # place can work; the batch solver's time limit
    "matching_weights": {},
    "matching_max_travel_minutes": 60,
    "matching_danish_tolerance": 1,
    "matching_childcare_hours": 15,
    "matching_time_limit_seconds": 30,
    # CIV-2: matching volunteers and households: the engine's weights (overrides of
    # engines.volunteer_matching.Weights' points by name, e.g. {"languages": 35}); the longest
    # travel each way between areas (a hard rule); the first meeting is due this many days after
    # both sides accepted, the coordinator's follow-up this many weeks after the first meeting
    "pairing_weights": {},
    "pairing_max_travel_minutes": 45,
    "pairing_first_meeting_days": 14,
    "pairing_follow_up_weeks": 6,
    # CIV-1: the public volunteer registration refuses more than this many registrations an
    # hour from one network address (a flood, not volunteers)
    "volunteer_registrations_per_hour": 5,
    # CIV-3: a child certificate (børneattest) without its own expiry date is valid this many
    # months from its receipt (KL Assens renews every two years); the coordinator is told this
    # many days before one expires
    "volunteer_child_certificate_months": 24,
    "volunteer_certificate_warning_days": 30,
    # COO-1: a referral between units is answered (accepted or returned) within this many
    # working days of being sent, else it is overdue on both units' worklists
    "referral_answer_days": 3,
    # CIV-3 (KL: Assens): a concern about a child's welfare is answered by the children and
    # family unit within this many working days
    "concern_answer_days": 1,
    # COO-2: the interface descriptions in force; empty: INTERFACE_DESCRIPTIONS, the default set
    "interface_descriptions": {},
    # INT-1 (KL 02, "Flere videotolkninger"): the share of the month's interpreting the
    # municipality aims to do by video (0.5 = half), counted by bookings and by minutes
    "interpreting_video_share_target": 0.5,
    # CIV-5: the longest free membership of an association in return for volunteering (months)
    "free_membership_max_months": 6,
    # MI-6: counts of 1 .. this - 1 are hidden in aggregates shown outside the integration team
    # (the API, the status report), and so are the cells they could be worked out from; a
    # nationality fewer persons share is "Andet" in the exports for analysis
    "small_count_threshold": 5,
    # MI-5 (Sønderborg: "børn med ikkevestlig baggrund i kommunens enkelte institutioner og
    # skoler"): the highest share of children with non-Western background in one daycare or
    # school (percent) before the places page marks it; the seeds name no number, so the preset
    # is the 30 % of the daycare allocation rule (dagtilbudsloven § 26 a)
    "institution_non_western_max_percent": 30,
    # CIT-2 (Aalborg seed 004, KL Aarhus): the survey of the refugees' own experience
    # (velkomst.surveys.presets) and the moments it is sent at to each adult: each a moment key
    # (surveys.models.Moment), the day it counts from ("arrival": the household's arrival, else
    # the takeover; "programme_end") and months after it; an invitation not answered within
    # ``survey_answer_days`` days is counted as unanswered
    "survey_key": "own_experience",
    "survey_moments": [
        {"key": "three_months", "from": "arrival", "months": 3},
        {"key": "programme_end", "from": "programme_end", "months": 0},
    ],
    "survey_answer_days": 30,
    # CIT-1 (issue 15): a citizen's question from the entrance is answered within this many
    # working days (Danish public holidays skipped), else it is overdue on the caseworker's
    # worklist and start page
    "citizen_question_answer_days": 5,
    # COO-5: the record kinds a handover to another municipality carries (the history the law
    # allows to pass; velkomst.handover.models.RecordKind): preset the plan, activities, Danish
    # education, contract and open tasks; "journal_notes" (never those marked internal) and
    # "health" (only with the citizen's consent in force at sending) may be added
    "handover_record_kinds": ["plan", "activities", "danish", "contract", "open_tasks"],
    # CIT-1: days an invitation to the citizen's entrance (link and code) stays open
    "citizen_invitation_days": 14,
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
    "440": {
        "programme_rules_overrides": {"internship_months_from_arrival": 3},
        "interface_descriptions": KERTEMINDE_INTERFACES,
    },
    # Bornholm (seed 000): its interface descriptions (COO-2)
    "400": {"interface_descriptions": BORNHOLM_INTERFACES},
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


def programme_rules_on(
    municipality: Municipality, days: Iterable[date]
) -> dict[date, dict[str, Any]]:
    """``programme_rules(municipality, on=day)`` for each of ``days``, read in one query."""
    versions = list(
        MunicipalityConfig.objects.filter(municipality=municipality)
        .order_by("effective_from")
        .values_list("effective_from", "values")
    )
    preset = presets_for(municipality)
    result: dict[date, dict[str, Any]] = {}
    for day in days:
        values = dict(preset)
        for effective_from, stored in versions:
            if effective_from <= day:
                values.update(stored or {})
        chosen = values["programme_rules"]
        rules = dict(PROGRAMME_RULE_PRESETS[chosen] if isinstance(chosen, str) else chosen)
        rules.update(values.get("programme_rules_overrides") or {})
        result[day] = rules
    return result


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
