"""Every API response that shows a citizen writes its audit row (SEC-3): the walk goes over EVERY
read operation with an id in the API's own OpenAPI schema, so a new route is covered as soon as
it exists; each is listed as showing a household's members or with why it shows nobody."""

from __future__ import annotations

import re

import pytest

from velkomst.core.models import AuditEntry
from velkomst.people.models import Person

pytestmark = pytest.mark.django_db

# Reads with an id that show no citizen, and why. Every other read must show a household's
# members (by name or, for lists, as items about them) and log a view of each.
SHOWS_NOBODY = {
    "/api/national/tables/{national_table_id}": "a reference table: figures per municipality",
    "/api/national/quota-plans/{quota_plan_id}": "a quota plan: figures per municipality",
    "/api/national/models/{national_model_id}": "a model card: aggregate metrics",
    "/api/national/runs/{national_run_id}": "a run's status and summary, no citizen",
    "/api/national/runs/{national_run_id}/suggestions": "anonymous household references (NAT-1)",
    "/api/strategy/versions/{strategy_version_id}": "the strategy's guideposts and indicators",
    "/api/areas/{area_id}": "an area of the municipality",
    "/api/dwellings/{dwelling_id}": "a dwelling of the register; who lives there is not shown",
    "/api/placement-runs/{run_id}": "the run's status and counts, no household named",
    "/api/hosts/{host_id}": "a private host (not a citizen of the programme) and the offers",
    "/api/host-offers/{offer_id}": "a host's offer",
    "/api/associations/{association_id}": "a housing association and its move-out counts",
    "/api/language-centres/{centre_id}": "a language centre of the municipality",
    "/api/matching-runs/{matching_run_id}": "the run's status, counts and figures, nobody named",
    "/api/companies/{company_id}": "a company",
    "/api/companies/{company_id}/contacts": "a company's contact persons",
    "/api/companies/{company_id}/agreements": "a company's agreements and their steps",
    "/api/openings/{opening_id}": "an opening, without its proposals",
    "/api/interpreters/{interpreter_id}": "an interpreter or agency of the register",
    "/api/community/associations/{community_association_id}": "an association and its activities",
    "/api/status-reports/{status_report_id}": "a finished report's year, version and dates",
    "/api/status-reports/{status_report_id}/{kind}": "the report's file: aggregates with small "
    "counts hidden (MI-6), nobody named; the download is an export row of its own",
    "/api/retention/runs/{retention_run_id}": "a retention run's state and counts per record "
    "kind, rule and action (SEC-4): ids and counts, nobody named",
    "/api/indicators/{key}/figure": "an aggregate (MI-1): counts and shares, small ones "
    "suppressed (MI-6), nobody named; the drill-down to persons is audited on its own",
}
# Whose data each other read shows: the person, or the members of the households named.
SHOWS: dict[str, tuple[str, ...]] = {
    "/api/households/{household_id}": ("household_id",),
    "/api/persons/{person_id}": ("person_id",),
    "/api/cases/{case_id}": ("person_id",),
    "/api/cases/{case_id}/notes": ("person_id",),
    "/api/households/{household_id}/housing-need": ("household_id",),
    "/api/households/{household_id}/placements": ("household_id",),
    "/api/placement-runs/{run_id}/suggestions": ("household_id", "single_household_id"),
    "/api/allocation-meetings/{meeting_id}": ("single_household_id",),
    "/api/neighbour-reports/{report_id}": ("household_id",),
    "/api/danish-referrals/{referral_id}": ("person_id",),
    "/api/danish-exams/{exam_id}": ("person_id",),
    "/api/persons/{person_id}/outcomes": ("person_id",),
    "/api/persons/{person_id}/competences": ("person_id",),
    "/api/persons/{person_id}/health": ("person_id",),
    "/api/persons/{person_id}/barriers": ("person_id",),
    "/api/coordinations/{coordination_id}": ("household_id",),
    "/api/job-proposals/{proposal_id}": ("person_id",),
    "/api/job-events/{job_event_id}": ("person_id",),
    "/api/community/events/{community_event_id}": ("person_id",),
    "/api/persons/{person_id}/plan": ("person_id",),
    "/api/persons/{person_id}/plan/activities": ("person_id",),
    "/api/persons/{person_id}/plan/goals": ("person_id",),
    "/api/activities/{activity_id}": ("person_id",),
    "/api/persons/{person_id}/contract": ("person_id",),
    "/api/persons/{person_id}/plan/supports": ("person_id",),
    "/api/supports/{support_id}": ("person_id",),
    "/api/result-grant-claims/{claim_id}": ("person_id",),
    "/api/matching/openings/{opening_id}/persons": ("programme_person_id",),
    "/api/matching/persons/{person_id}/openings": ("person_id",),
    "/api/matching-runs/{matching_run_id}/suggestions": ("person_id",),
    "/api/host-offers/{offer_id}/meetings": ("lodger_household_id",),
    "/api/host-meetings/{host_meeting_id}": ("lodger_household_id",),
    "/api/round-tables/{round_table_id}": ("person_id",),
    "/api/persons/{person_id}/consents": ("person_id",),
    "/api/persons/{person_id}/consents/check": ("person_id",),
    "/api/persons/{person_id}/disclosures": ("person_id",),
    # Amal volunteers (CIV-6): her entry and its offers are her data
    "/api/volunteers/{volunteer_id}": ("person_id",),
    "/api/volunteer-offers/{volunteer_offer_id}": ("person_id",),
    "/api/referrals/{unit_referral_id}": ("person_id",),
    # volunteer matching (CIV-2): the household's suggestions and a match are the members' data
    "/api/households/{household_id}/volunteer-suggestions": ("household_id",),
    "/api/volunteer-matches/{match_id}": ("household_id",),
    "/api/interpreter-bookings/{booking_id}": ("household_id",),
    # COO-5: the sending side's handover names its household's members
    "/api/handovers/{handover_id}": ("household_id",),
    # CIT-1: a citizen's question is the asker's (Amal's) data
    "/api/citizen-questions/{question_id}": ("person_id",),
}
# Reads that only another role than the caseworker may call, walked as that role.
READ_AS = {
    "/api/national/tables/{national_table_id}": "national",
    "/api/national/quota-plans/{quota_plan_id}": "national",
    "/api/national/models/{national_model_id}": "national",
    "/api/national/runs/{national_run_id}": "national",
    "/api/national/runs/{national_run_id}/suggestions": "national",
    "/api/strategy/versions/{strategy_version_id}": "manager",
    "/api/persons/{person_id}/health": "health_coordinator",
    "/api/volunteers/{volunteer_id}": "volunteer_coordinator",
    "/api/volunteer-offers/{volunteer_offer_id}": "volunteer_coordinator",
    "/api/indicators/{key}/figure": "manager",
    "/api/status-reports/{status_report_id}": "manager",
    "/api/status-reports/{status_report_id}/{kind}": "manager",
    "/api/retention/runs/{retention_run_id}": "administrator",
}


def _persons(keys: tuple[str, ...], ids: dict[str, int]) -> set[int]:
    shown: set[int] = set()
    for key in keys:
        if key == "person_id" or key.endswith("_person_id"):
            shown.add(ids[key])
        else:
            shown |= set(Person.objects.filter(household_id=ids[key]).values_list("pk", flat=True))
    return shown


def test_every_read_of_an_id_logs_a_view_per_person_shown(
    contract, api_as, household, case, note, caseworker, housing_ids, staff
):
    # REQ: SEC-3
    ids = {
        **housing_ids,
        "household_id": household.pk,
        "person_id": case.person_id,
        "case_id": case.pk,
    }
    api = api_as(caseworker)
    reads = [t for method, t in contract.operations() if method == "GET" and "{" in t]
    assert len(reads) >= 14
    for template in reads:
        path = re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), template)
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        reader = staff[READ_AS[template]] if template in READ_AS else caseworker
        response = (api_as(reader) if template in READ_AS else api).get(path)
        assert response.status_code == 200, template
        body = response.content.decode()
        views = AuditEntry.objects.filter(
            id__gt=last, actor_id=reader.pk, action="view", channel="api"
        )
        if template in SHOWS_NOBODY:
            assert not views.exists(), template
            continue
        assert template in SHOWS, f"{template}: list whom it shows, or why nobody"
        shown = _persons(SHOWS[template], ids)
        assert '"items": []' not in body, f"{template} shows nobody: give it an id that does"
        assert shown <= set(views.values_list("person_id", flat=True)), template
