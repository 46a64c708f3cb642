"""SEC-2: each role may call the routes its work needs, and gets 403 on the others.

The household is linked to every unit of the municipality, so what is tested here is the role's
capability, not whether its unit works with the household (that is test_units_decide_...).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from velkomst.core.models import Role, StaffUser, Unit
from velkomst.people.models import Case, Household, Person

ALL = set(Role.values)
READERS = ALL - {Role.ADMINISTRATOR}

# Who gets a 2xx on each route (everyone else: 403). Written out, not derived from access.py.
SUCCEEDS: dict[tuple[str, str], set[str]] = {
    ("GET", "/api/households"): READERS,
    ("GET", "/api/households/{household_id}"): READERS,
    ("POST", "/api/households"): {Role.CASEWORKER},
    ("PATCH", "/api/households/{household_id}"): {Role.CASEWORKER, Role.FAMILY_CONSULTANT},
    ("GET", "/api/persons"): READERS,
    ("GET", "/api/persons/{person_id}"): READERS,
    ("PATCH", "/api/persons/{person_id}"): {Role.CASEWORKER, Role.FAMILY_CONSULTANT},
    ("GET", "/api/cases"): READERS,
    ("GET", "/api/cases/{case_id}"): READERS,
    ("POST", "/api/cases/{case_id}/phase"): {Role.CASEWORKER},
    ("POST", "/api/cases/{case_id}/caseworker"): {Role.CASEWORKER, Role.MANAGER},
    # journal notes: the case's own roles only, never volunteer, interpreter or housing (SEC-2)
    ("GET", "/api/cases/{case_id}/notes"): {
        Role.CASEWORKER,
        Role.JOB_CONSULTANT,
        Role.FAMILY_CONSULTANT,
        Role.HEALTH_COORDINATOR,
        Role.MANAGER,
    },
    ("POST", "/api/cases/{case_id}/notes"): {
        Role.CASEWORKER,
        Role.JOB_CONSULTANT,
        Role.FAMILY_CONSULTANT,
        Role.HEALTH_COORDINATOR,
    },
}
# housing, hosts, associations (housing.view / housing.edit) and neighbour reports
# (neighbour.view), as on the pages
HOUSING_READERS: set[str] = {Role.CASEWORKER, Role.HOUSING_OFFICER, Role.MANAGER}
HOUSING_WRITERS: set[str] = {Role.HOUSING_OFFICER}
for _template in (
    "/api/areas",
    "/api/areas/{area_id}",
    "/api/dwellings",
    "/api/dwellings/{dwelling_id}",
    "/api/households/{household_id}/housing-need",
    "/api/households/{household_id}/placements",
    "/api/placement-runs",
    "/api/placement-runs/{run_id}",
    "/api/placement-runs/{run_id}/suggestions",
    "/api/hosts",
    "/api/hosts/{host_id}",
    "/api/host-offers/{offer_id}",
    "/api/associations",
    "/api/associations/{association_id}",
    "/api/allocation-meetings",
    "/api/allocation-meetings/{meeting_id}",
    "/api/neighbour-reports",
    "/api/neighbour-reports/{report_id}",
):
    SUCCEEDS[("GET", _template)] = HOUSING_READERS
# health data (health.view); barriers and coordinated plans: the plans' teams (programme.view)
SUCCEEDS[("GET", "/api/persons/{person_id}/health")] = {Role.HEALTH_COORDINATOR}
PLAN_TEAMS: set[str] = {
    Role.CASEWORKER,
    Role.JOB_CONSULTANT,
    Role.FAMILY_CONSULTANT,
    Role.HEALTH_COORDINATOR,
    Role.MANAGER,
}
for _template in (
    "/api/persons/{person_id}/barriers",
    "/api/coordinations",
    "/api/coordinations/{coordination_id}",
):
    SUCCEEDS[("GET", _template)] = PLAN_TEAMS
SUCCEEDS[("POST", "/api/dwellings")] = HOUSING_WRITERS
for _method, _template in (
    ("POST", "/api/areas"),
    ("PATCH", "/api/areas/{area_id}"),
    ("POST", "/api/hosts"),
    ("PATCH", "/api/hosts/{host_id}"),
    ("POST", "/api/hosts/{host_id}/offers"),
    ("PATCH", "/api/host-offers/{offer_id}"),
    ("PUT", "/api/associations/{association_id}/move-outs"),
    ("POST", "/api/allocation-meetings"),
    ("PATCH", "/api/allocation-meetings/{meeting_id}"),
    ("POST", "/api/allocation-lines/{line_id}/move"),
    ("POST", "/api/allocation-lines/{line_id}/outcome"),
    # neighbour.handle: the housing officers, as on the pages
    ("POST", "/api/neighbour-reports"),
    ("POST", "/api/neighbour-reports/{report_id}/owner"),
    ("POST", "/api/neighbour-reports/{report_id}/events"),
    ("POST", "/api/neighbour-reports/{report_id}/link"),
    ("POST", "/api/neighbour-reports/{report_id}/close"),
):
    SUCCEEDS[(_method, _template)] = HOUSING_WRITERS
SUCCEEDS[("PATCH", "/api/dwellings/{dwelling_id}")] = HOUSING_WRITERS
SUCCEEDS[("PUT", "/api/households/{household_id}/housing-need")] = HOUSING_WRITERS
for _template in (
    "/api/households/{household_id}/placements/end",
    "/api/placement-runs",
    "/api/placement-suggestions/{suggestion_id}/accept",
    "/api/placement-suggestions/{suggestion_id}/reject",
):
    SUCCEEDS[("POST", _template)] = HOUSING_WRITERS
# companies, openings, proposals and events (company.view / company.edit), as on the pages
COMPANY_READERS: set[str] = {Role.CASEWORKER, Role.JOB_CONSULTANT, Role.MANAGER}
COMPANY_WRITERS: set[str] = {Role.JOB_CONSULTANT}
for _template in (
    "/api/companies",
    "/api/companies/{company_id}",
    "/api/companies/{company_id}/contacts",
    "/api/companies/{company_id}/agreements",
    "/api/openings",
    "/api/openings/{opening_id}",
    "/api/job-proposals",
    "/api/job-proposals/{proposal_id}",
    "/api/job-events",
    "/api/job-events/{job_event_id}",
):
    SUCCEEDS[("GET", _template)] = COMPANY_READERS
for _method, _template in (
    ("POST", "/api/companies"),
    ("PATCH", "/api/companies/{company_id}"),
    ("POST", "/api/companies/{company_id}/contacts"),
    ("POST", "/api/companies/{company_id}/agreements"),
    ("POST", "/api/openings"),
    ("PATCH", "/api/openings/{opening_id}"),
    ("POST", "/api/job-proposals"),
    ("POST", "/api/job-proposals/{proposal_id}/answer"),
    ("POST", "/api/job-proposals/{proposal_id}/result"),
    ("POST", "/api/job-events"),
    ("POST", "/api/job-events/{job_event_id}/invitations"),
    ("POST", "/api/job-events/{job_event_id}/meetings"),
):
    SUCCEEDS[(_method, _template)] = COMPANY_WRITERS
# Danish education (PRG-2): programme.view reads, programme.edit writes, as on the pages;
# outcomes (PRG-7): read with programme.view, written with programme.edit; grants with grants.view
# a person's competences (programme.view / programme.edit), as on the pages (PRG-3)
# the integration programme (programme.view / programme.edit), as on the pages
PROGRAMME_READERS: set[str] = {
    Role.CASEWORKER,
    Role.JOB_CONSULTANT,
    Role.FAMILY_CONSULTANT,
    Role.HEALTH_COORDINATOR,
    Role.MANAGER,
}
PROGRAMME_WRITERS: set[str] = {Role.CASEWORKER, Role.JOB_CONSULTANT}
for _template in (
    "/api/language-centres",
    "/api/language-centres/{centre_id}",
    "/api/danish-referrals",
    "/api/danish-referrals/{referral_id}",
    "/api/danish-exams",
    "/api/danish-exams/{exam_id}",
):
    SUCCEEDS[("GET", _template)] = PROGRAMME_READERS
for _method, _template in (
    ("POST", "/api/language-centres"),
    ("PATCH", "/api/language-centres/{centre_id}"),
    ("POST", "/api/danish-referrals"),
    ("PATCH", "/api/danish-referrals/{referral_id}"),
    ("POST", "/api/danish-referrals/{referral_id}/modules"),
    ("PATCH", "/api/danish-modules/{module_id}"),
    ("POST", "/api/danish-referrals/{referral_id}/attendance"),
    ("PATCH", "/api/danish-attendance/{attendance_id}"),
    ("POST", "/api/danish-exams"),
    ("PATCH", "/api/danish-exams/{exam_id}"),
):
    SUCCEEDS[(_method, _template)] = PROGRAMME_WRITERS
SUCCEEDS[("GET", "/api/persons/{person_id}/outcomes")] = PROGRAMME_READERS
SUCCEEDS[("GET", "/api/result-grants")] = {Role.CASEWORKER, Role.JOB_CONSULTANT, Role.MANAGER}
for _method, _template in (
    ("POST", "/api/persons/{person_id}/employments"),
    ("PATCH", "/api/employments/{employment_id}"),
    ("POST", "/api/persons/{person_id}/educations"),
    ("PATCH", "/api/education-outcomes/{education_id}"),
    ("POST", "/api/persons/{person_id}/benefit-periods"),
    ("PATCH", "/api/benefit-periods/{period_id}"),
    ("PUT", "/api/persons/{person_id}/self-supporting"),
):
    SUCCEEDS[(_method, _template)] = PROGRAMME_WRITERS
SUCCEEDS[("GET", "/api/persons/{person_id}/competences")] = PROGRAMME_READERS
SUCCEEDS[("POST", "/api/persons/{person_id}/competences/items")] = PROGRAMME_WRITERS
SUCCEEDS[("POST", "/api/persons/{person_id}/competences/remove")] = PROGRAMME_WRITERS
SUCCEEDS[("PUT", "/api/persons/{person_id}/competences/profile")] = PROGRAMME_WRITERS
for _template in (
    "/api/persons/{person_id}/plan",
    "/api/persons/{person_id}/plan/activities",
    "/api/persons/{person_id}/plan/goals",
    "/api/activities/{activity_id}",
    "/api/persons/{person_id}/contract",
):
    SUCCEEDS[("GET", _template)] = PROGRAMME_READERS
for _route in (
    ("PUT", "/api/persons/{person_id}/plan/direction"),
    ("POST", "/api/persons/{person_id}/plan/activities"),
    ("PATCH", "/api/activities/{activity_id}"),
    ("POST", "/api/persons/{person_id}/plan/goals"),
    ("PATCH", "/api/goals/{goal_id}"),
    ("PUT", "/api/persons/{person_id}/contract"),
):
    SUCCEEDS[_route] = PROGRAMME_WRITERS
# matching (company.view / company.edit), as on the pages (PRG-4)
for _template in (
    "/api/matching/openings/{opening_id}/persons",
    "/api/matching/persons/{person_id}/openings",
    "/api/matching-runs",
    "/api/matching-runs/{matching_run_id}",
    "/api/matching-runs/{matching_run_id}/suggestions",
):
    SUCCEEDS[("GET", _template)] = COMPANY_READERS
SUCCEEDS[("POST", "/api/matching-runs")] = {Role.JOB_CONSULTANT}
# a route whose path id is not the usual one: reject the other household's suggestion, so that
# accepting one and rejecting the other both succeed in one walk
PATH_IDS = {
    "/api/placement-suggestions/{suggestion_id}/reject": {"suggestion_id": "other_suggestion_id"},
    # the result is recorded on the other proposal, so that answering one stays possible
    "/api/job-proposals/{proposal_id}/result": {"proposal_id": "other_proposal_id"},
}


def path_of(template: str, ids: dict[str, Any]) -> str:
    names = PATH_IDS.get(template, {})
    return re.sub(r"\{([^}]+)\}", lambda m: str(ids[names.get(m.group(1), m.group(1))]), template)


def _body(method: str, template: str, ids: dict[str, Any]) -> Any:
    """A valid body for the route, with the current version of the object it changes."""
    if method == "GET":
        return None
    from velkomst.associations.models import AllocationLine, AllocationMeeting
    from velkomst.companies.models import Company, Opening, Proposal
    from velkomst.danish.models import (
        DanishExam,
        DanishReferral,
        LanguageCentre,
        ModuleProgress,
        MonthlyAttendance,
    )
    from velkomst.hosts.models import Host, HostOffer
    from velkomst.housing.models import Area, Dwelling, HousingNeed, PlacementSuggestion
    from velkomst.neighbours.models import NeighbourReport, ReportChannel
    from velkomst.outcomes.models import (
        BenefitPeriod,
        EducationOutcome,
        Employment,
        SelfSupporting,
    )

    def version(model: Any, key: str) -> int:
        return int(model.objects.get(pk=ids[key]).version)

    household = Household.objects.get(pk=ids["household_id"])
    person = Person.objects.get(pk=ids["person_id"])
    case = Case.objects.get(pk=ids["case_id"])
    from velkomst.programme.models import Activity, IntegrationContract, IntegrationPlan, PlanGoal

    bodies = {
        ("PUT", "/api/persons/{person_id}/plan/direction"): {
            "version": IntegrationPlan.objects.get(person=person).version,
            "direction": "education",
            "reason": "Ønsker uddannelse som tømrer",
        },
        ("POST", "/api/persons/{person_id}/plan/activities"): {
            "category": "danish",
            "kind": "danish_education",
            "start": "2026-08-03",
            "hours_per_week": 10,
            "provider_kind": "language_centre",
            "provider_name": "Sprogcenter Bornholm",
        },
        ("PATCH", "/api/activities/{activity_id}"): {
            "version": Activity.objects.get(pk=ids["activity_id"]).version,
            "end": "2026-10-09",
        },
        ("POST", "/api/persons/{person_id}/plan/goals"): {
            "kind": "job",
            "trade_code": "5120",
            "trade_label": "Kok",
            "target_date": "2027-12-31",
        },
        ("PATCH", "/api/goals/{goal_id}"): {
            "version": PlanGoal.objects.get(pk=ids["goal_id"]).version,
            "target_date": "2027-09-30",
        },
        ("PUT", "/api/persons/{person_id}/contract"): {
            "version": IntegrationContract.objects.get(person=person).version,
            "signed_on": "2026-07-20",
            "signed_by_municipality_on": "2026-07-20",
        },
        ("POST", "/api/households"): {
            "name": "Familien Ahmadi",
            "visitation_date": "2026-05-01",
            "members": [
                {
                    "first_name": "Zahra",
                    "last_name": "Ahmadi",
                    "birth_date": "1995-06-01",
                    "sex": "F",
                    "nationality": "AF",
                    "residence_basis": "quota_refugee",
                    "relation": "head",
                    "languages": [{"language": "prs", "proficiency": "native"}],
                }
            ],
        },
        ("PATCH", "/api/households/{household_id}"): {
            "version": household.version,
            "address": "Storegade 1, 3700 Rønne",
        },
        ("PATCH", "/api/persons/{person_id}"): {"version": person.version, "sex": "X"},
        ("POST", "/api/cases/{case_id}/phase"): {
            "version": case.version,
            "to": "reception",
            "reason": "Ankommet",
        },
        ("POST", "/api/cases/{case_id}/caseworker"): {
            "version": case.version,
            "caseworker_id": ids["second_caseworker_id"],
            "reason": "Ny fordeling",
        },
        ("POST", "/api/cases/{case_id}/notes"): {"text": "Samtale om bolig."},
        ("POST", "/api/households/{household_id}/placements/end"): {
            "end_date": "2026-08-01",
            "end_reason": "moved_away",
        },
        ("POST", "/api/placement-runs"): {"household_ids": [ids["household_id"]]},
        ("POST", "/api/matching-runs"): None,
        ("POST", "/api/dwellings"): {
            "address": "Havnegade 4, 3700 Rønne",
            "area_id": ids["area_id"],
            "type": "permanent",
            "rooms": 2,
            "size_m2": 60,
            "rent": 4800,
            "landlord_kind": "private",
            "available_from": "2026-09-01",
        },
        ("PATCH", "/api/dwellings/{dwelling_id}"): {
            "version": Dwelling.objects.get(pk=ids["dwelling_id"]).version,
            "rent": 5100,
        },
        ("PUT", "/api/households/{household_id}/housing-need"): {
            "version": HousingNeed.objects.get(household_id=ids["household_id"]).version,
            "rooms_needed": 3,
            "max_rent": 9500,
        },
        ("POST", "/api/placement-suggestions/{suggestion_id}/accept"): {
            "version": PlacementSuggestion.objects.get(pk=ids["suggestion_id"]).version,
        },
        ("POST", "/api/placement-suggestions/{suggestion_id}/reject"): {
            "version": PlacementSuggestion.objects.get(pk=ids["other_suggestion_id"]).version,
            "note": "Familien ønsker at blive i Rønne.",
        },
        ("POST", "/api/language-centres"): {"name": "Sprogcenter Nexø"},
        ("PATCH", "/api/language-centres/{centre_id}"): {
            "version": LanguageCentre.objects.get(pk=ids["centre_id"]).version,
            "contact": "Mette Kofoed",
        },
        ("POST", "/api/danish-referrals"): {
            "person_id": household.members.get(first_name="Omar").pk,
            "centre_id": ids["centre_id"],
            "track": "DU1",
            "referred_on": "2026-08-01",
        },
        ("PATCH", "/api/danish-referrals/{referral_id}"): {
            "version": DanishReferral.objects.get(pk=ids["referral_id"]).version,
            "start_on": "2026-08-10",
        },
        ("POST", "/api/danish-referrals/{referral_id}/modules"): {
            "module": 2,
            "started_on": "2026-10-01",
        },
        ("PATCH", "/api/danish-modules/{module_id}"): {
            "version": ModuleProgress.objects.get(pk=ids["module_id"]).version,
            "passed_on": "2026-09-30",
        },
        ("POST", "/api/danish-referrals/{referral_id}/attendance"): {
            "month": "2026-09-01",
            "hours_offered": 40,
            "hours_attended": 20,
        },
        ("PATCH", "/api/danish-attendance/{attendance_id}"): {
            "version": MonthlyAttendance.objects.get(pk=ids["attendance_id"]).version,
            "hours_attended": 35,
        },
        ("POST", "/api/danish-exams"): {
            "person_id": person.pk,
            "exam": "PD1",
            "taken_on": "2026-06-03",
            "result": "failed",
        },
        ("PATCH", "/api/danish-exams/{exam_id}"): {
            "version": DanishExam.objects.get(pk=ids["exam_id"]).version,
            "grade": "10",
        },
        ("POST", "/api/persons/{person_id}/employments"): {
            "employer_name": "Føtex Rønne",
            "cvr": "12345674",
            "start_date": "2026-10-01",
            "end_date": "2026-10-31",
            "hours_per_week": 25,
        },
        ("PATCH", "/api/employments/{employment_id}"): {
            "version": Employment.objects.get(pk=ids["employment_id"]).version,
            "hours_per_week": 32,
        },
        ("POST", "/api/persons/{person_id}/educations"): {
            "institution": "Campus Bornholm",
            "programme": "EUD",
            "started_on": "2027-01-05",
        },
        ("PATCH", "/api/education-outcomes/{education_id}"): {
            "version": EducationOutcome.objects.get(pk=ids["education_id"]).version,
            "qualifying": False,
        },
        ("POST", "/api/persons/{person_id}/benefit-periods"): {
            "benefit": "own_income",
            "from_date": "2026-10-01",
            "to_date": "2026-10-31",
        },
        ("PATCH", "/api/benefit-periods/{period_id}"): {
            "version": BenefitPeriod.objects.get(pk=ids["period_id"]).version,
            "benefit": "overgangsydelse",
        },
        ("PUT", "/api/persons/{person_id}/self-supporting"): {
            "version": getattr(SelfSupporting.objects.filter(person=person).first(), "version", 0),
            "from_date": "2026-11-01",
            "source": "work",
        },
        ("POST", "/api/areas"): {"name": "Aakirkeby", "kind": "town"},
        ("PATCH", "/api/areas/{area_id}"): {
            "version": version(Area, "area_id"),
            "note": "Tæt på skole",
        },
        ("POST", "/api/hosts"): {
            "name": "Jens Holm",
            "address": "Møllevej 3, 3700 Rønne",
            "area_id": ids["area_id"],
        },
        ("PATCH", "/api/hosts/{host_id}"): {
            "version": version(Host, "host_id"),
            "phone": "20304051",
        },
        ("POST", "/api/hosts/{host_id}/offers"): {
            "kind": "room",
            "size_m2": 14,
            "rent": 2500,
            "available_from": "2026-08-01",
            "max_persons": 1,
            "household_types": ["single"],
            "languages": ["en"],
        },
        ("PATCH", "/api/host-offers/{offer_id}"): {
            "version": version(HostOffer, "offer_id"),
            "rent": 4400,
        },
        ("PUT", "/api/associations/{association_id}/move-outs"): {
            "entries": [{"period": "2026-07-01", "move_outs": 3, "version": 0}]
        },
        ("POST", "/api/allocation-meetings"): {
            "month": "2026-08-01",
            "meeting_date": "2026-07-29",
        },
        ("PATCH", "/api/allocation-meetings/{meeting_id}"): {
            "version": version(AllocationMeeting, "meeting_id"),
            "meeting_date": "2026-06-25",
            "status": "draft",
            "note": "Flyttet en dag",
        },
        ("POST", "/api/allocation-lines/{line_id}/move"): {
            "version": version(AllocationLine, "line_id"),
            "association_id": ids["association_id"],
            "note": "Familiens ønske",
        },
        ("POST", "/api/allocation-lines/{line_id}/outcome"): {
            "version": version(AllocationLine, "line_id"),
            "outcome": "offered",
        },
        ("POST", "/api/neighbour-reports"): {
            "channel_id": ReportChannel.objects.get(municipality_id=household.municipality_id).pk,
            "reporter_name": "Ole Vicevært",
            "reporter_phone": "56950000",
            "address": "Storegade 1, 3700 Rønne",
            "description": "Larm i opgangen.",
            "since": "2026-05-01",
        },
        ("POST", "/api/neighbour-reports/{report_id}/owner"): {
            "version": version(NeighbourReport, "report_id"),
        },
        ("POST", "/api/neighbour-reports/{report_id}/events"): {
            "kind": "contacted_reporter",
            "text": "Ringet til viceværten.",
        },
        ("POST", "/api/neighbour-reports/{report_id}/link"): {
            "version": version(NeighbourReport, "report_id"),
            "dwelling_id": ids["dwelling_id"],
            "household_id": None,
        },
        ("POST", "/api/neighbour-reports/{report_id}/close"): {
            "version": version(NeighbourReport, "report_id"),
            "resolution": "Talt med familien; roligt nu.",
        },
    }
    bodies.update(
        {
            ("POST", "/api/companies"): {
                "name": "Nexø Røgeri",
                "cvr": "10150817",
                "industry": "102000",
            },
            ("PATCH", "/api/companies/{company_id}"): {
                "version": Company.objects.get(pk=ids["company_id"]).version,
                "address": "Havnen 1, 3730 Nexø",
            },
            ("POST", "/api/companies/{company_id}/contacts"): {"name": "Mette Holm"},
            ("POST", "/api/companies/{company_id}/agreements"): {
                "kind": "partnership",
                "valid_from": "2026-01-01",
            },
            ("POST", "/api/openings"): {
                "company_id": ids["company_id"],
                "kind": "wage_subsidy",
                "title": "Køkkenhjælp",
                "hours_per_week": 30,
                "start_on": "2026-10-01",
            },
            ("PATCH", "/api/openings/{opening_id}"): {
                "version": Opening.objects.get(pk=ids["opening_id"]).version,
                "places": 3,
            },
            ("POST", "/api/job-proposals"): {
                "opening_id": ids["opening_id"],
                "person_id": ids["second_person_id"],
            },
            ("POST", "/api/job-proposals/{proposal_id}/answer"): {
                "version": Proposal.objects.get(pk=ids["proposal_id"]).version,
                "company_answer": "accepted",
            },
            ("POST", "/api/job-proposals/{proposal_id}/result"): {
                "version": Proposal.objects.get(pk=ids["other_proposal_id"]).version,
                "result": "not_started",
                "result_reason": "Personen blev syg",
            },
            ("POST", "/api/job-events"): {
                "name": "Jobmesse",
                "held_on": "2099-11-01",
                "place": "Aakirkeby Hallen",
                "company_ids": [ids["company_id"]],
            },
            ("POST", "/api/job-events/{job_event_id}/invitations"): {
                "person_id": ids["second_person_id"]
            },
            ("POST", "/api/job-events/{job_event_id}/meetings"): {
                "person_id": ids["person_id"],
                "company_id": ids["company_id"],
                "outcome": "follow_up",
            },
        }
    )
    if template.startswith("/api/persons/{person_id}/competences"):
        return _competence_body(method, template, person)
    return bodies[(method, template)]


def _competence_body(method: str, template: str, person: Person) -> Any:
    from velkomst.competences.models import CompetenceProfile, Skill

    if template.endswith("/items"):
        return {"section": "language", "language": "en", "level": "B1"}
    if template.endswith("/remove"):
        skill = Skill.objects.create(municipality=person.municipality, person=person, tag="Truck")
        return {"section": "skill", "id": skill.pk}
    profile = CompetenceProfile.objects.filter(person=person).first()
    return {"version": profile.version if profile else None, "driving_licences": ["B"]}


def test_the_matrix_covers_every_route(contract):
    assert set(SUCCEEDS) == set(contract.operations())


@pytest.mark.parametrize("role", Role.values)
def test_role_matrix(role, api_as, contract, staff, municipality, household, person, housing_ids):
    """REQ: SEC-2"""
    household.units.set(Unit.objects.filter(municipality=municipality))
    second = StaffUser.objects.create_user(
        username="bh-caseworker-2", municipality=municipality, role=Role.CASEWORKER
    )
    ids = {
        **housing_ids,
        "household_id": household.pk,
        "person_id": person.pk,
        "case_id": person.case.pk,
        "second_caseworker_id": second.pk,
    }
    client = api_as(staff[role])
    for method, template in contract.operations():
        response = client.request(method, path_of(template, ids), _body(method, template, ids))
        expected = "2xx" if role in SUCCEEDS[(method, template)] else 403
        got = "2xx" if 200 <= response.status_code < 300 else response.status_code
        assert got == expected, f"{role} {method} {template}: {response.content[:200]!r}"


def test_units_decide_which_citizens_a_role_sees(api_as, staff, household, person):
    """REQ: SEC-2: a job consultant whose unit does not work with the household sees nothing."""
    client = api_as(staff[Role.JOB_CONSULTANT])
    assert client.get("/api/persons").json()["count"] == 0
    assert client.get(f"/api/persons/{person.pk}").status_code == 404
    # the caseworker's unit (integration) does
    assert api_as(staff[Role.CASEWORKER]).get("/api/persons").json()["count"] == 3


def test_manager_sees_all_citizens_of_the_municipality(api_as, staff, household):
    """REQ: SEC-2"""
    household.units.clear()
    assert api_as(staff[Role.MANAGER]).get("/api/households").json()["count"] == 1
    assert api_as(staff[Role.INTERPRETER_COORDINATOR]).get("/api/households").json()["count"] == 0


def test_forbidden_write_changes_nothing_and_names_the_capability(api_as, staff, household, person):
    """REQ: SEC-2"""
    response = api_as(staff[Role.JOB_CONSULTANT]).patch(
        f"/api/persons/{person.pk}", {"version": person.version, "first_name": "X"}
    )
    # the job consultant's unit does not see the household: 404 before any permission check
    assert response.status_code == 404
    household.units.add(*staff[Role.JOB_CONSULTANT].units.all())
    response = api_as(staff[Role.JOB_CONSULTANT]).patch(
        f"/api/persons/{person.pk}", {"version": person.version, "first_name": "X"}
    )
    assert response.status_code == 403
    assert "person.edit" in response.json()["detail"]
    person.refresh_from_db()
    assert person.first_name == "Amal"
