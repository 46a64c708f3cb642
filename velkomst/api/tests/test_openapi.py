"""The OpenAPI schema is served and is the contract the other tests validate against."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver

from velkomst.api.api import api

EXPECTED_OPERATIONS = {
    ("GET", "/api/households"),
    ("POST", "/api/households"),
    ("GET", "/api/households/{household_id}"),
    ("PATCH", "/api/households/{household_id}"),
    ("GET", "/api/persons"),
    ("GET", "/api/persons/{person_id}"),
    ("PATCH", "/api/persons/{person_id}"),
    ("GET", "/api/cases"),
    ("GET", "/api/cases/{case_id}"),
    ("POST", "/api/cases/{case_id}/phase"),
    ("POST", "/api/cases/{case_id}/caseworker"),
    ("GET", "/api/cases/{case_id}/notes"),
    ("POST", "/api/cases/{case_id}/notes"),
    # housing (HOU-1..HOU-4)
    ("GET", "/api/areas"),
    ("GET", "/api/areas/{area_id}"),
    ("POST", "/api/areas"),
    ("PATCH", "/api/areas/{area_id}"),
    ("GET", "/api/dwellings"),
    ("GET", "/api/dwellings/{dwelling_id}"),
    ("POST", "/api/dwellings"),
    ("PATCH", "/api/dwellings/{dwelling_id}"),
    ("GET", "/api/households/{household_id}/housing-need"),
    ("PUT", "/api/households/{household_id}/housing-need"),
    ("GET", "/api/households/{household_id}/placements"),
    ("POST", "/api/households/{household_id}/placements/end"),
    ("GET", "/api/placement-runs"),
    ("POST", "/api/placement-runs"),
    ("GET", "/api/placement-runs/{run_id}"),
    ("GET", "/api/placement-runs/{run_id}/suggestions"),
    ("POST", "/api/placement-suggestions/{suggestion_id}/accept"),
    ("POST", "/api/placement-suggestions/{suggestion_id}/reject"),
    # private hosts (HOU-6)
    ("GET", "/api/hosts"),
    ("GET", "/api/hosts/{host_id}"),
    ("GET", "/api/host-offers/{offer_id}"),
    ("POST", "/api/hosts"),
    ("PATCH", "/api/hosts/{host_id}"),
    ("POST", "/api/hosts/{host_id}/offers"),
    ("PATCH", "/api/host-offers/{offer_id}"),
    # housing associations and allocation meetings (HOU-5)
    ("GET", "/api/associations"),
    ("GET", "/api/associations/{association_id}"),
    ("GET", "/api/allocation-meetings"),
    ("GET", "/api/allocation-meetings/{meeting_id}"),
    ("PUT", "/api/associations/{association_id}/move-outs"),
    ("POST", "/api/allocation-meetings"),
    ("PATCH", "/api/allocation-meetings/{meeting_id}"),
    ("POST", "/api/allocation-lines/{line_id}/move"),
    ("POST", "/api/allocation-lines/{line_id}/outcome"),
    # neighbour reports (HOU-8)
    ("GET", "/api/neighbour-reports"),
    ("GET", "/api/neighbour-reports/{report_id}"),
    # Danish education (PRG-2)
    ("GET", "/api/language-centres"),
    ("POST", "/api/language-centres"),
    ("GET", "/api/language-centres/{centre_id}"),
    ("PATCH", "/api/language-centres/{centre_id}"),
    ("GET", "/api/danish-referrals"),
    ("POST", "/api/danish-referrals"),
    ("GET", "/api/danish-referrals/{referral_id}"),
    ("PATCH", "/api/danish-referrals/{referral_id}"),
    ("POST", "/api/danish-referrals/{referral_id}/modules"),
    ("PATCH", "/api/danish-modules/{module_id}"),
    ("POST", "/api/danish-referrals/{referral_id}/attendance"),
    ("PATCH", "/api/danish-attendance/{attendance_id}"),
    ("GET", "/api/danish-exams"),
    ("POST", "/api/danish-exams"),
    ("GET", "/api/danish-exams/{exam_id}"),
    ("PATCH", "/api/danish-exams/{exam_id}"),
    # outcomes and result grants (PRG-7)
    ("GET", "/api/persons/{person_id}/outcomes"),
    ("POST", "/api/persons/{person_id}/employments"),
    ("PATCH", "/api/employments/{employment_id}"),
    ("POST", "/api/persons/{person_id}/educations"),
    ("PATCH", "/api/education-outcomes/{education_id}"),
    ("POST", "/api/persons/{person_id}/benefit-periods"),
    ("PATCH", "/api/benefit-periods/{period_id}"),
    ("PUT", "/api/persons/{person_id}/self-supporting"),
    ("GET", "/api/result-grants"),
    ("POST", "/api/neighbour-reports"),
    ("POST", "/api/neighbour-reports/{report_id}/owner"),
    ("POST", "/api/neighbour-reports/{report_id}/events"),
    ("POST", "/api/neighbour-reports/{report_id}/link"),
    ("POST", "/api/neighbour-reports/{report_id}/close"),
    # a person's competences (PRG-3)
    ("GET", "/api/persons/{person_id}/competences"),
    ("POST", "/api/persons/{person_id}/competences/items"),
    ("POST", "/api/persons/{person_id}/competences/remove"),
    ("PUT", "/api/persons/{person_id}/competences/profile"),
    # health, barriers and coordinated plans (HEA-1, HEA-2, PRG-6)
    ("GET", "/api/persons/{person_id}/health"),
    ("GET", "/api/persons/{person_id}/barriers"),
    ("GET", "/api/coordinations"),
    ("GET", "/api/coordinations/{coordination_id}"),
    # companies, openings, proposals and speed-dating events (PRG-4)
    ("GET", "/api/companies"),
    ("POST", "/api/companies"),
    ("GET", "/api/companies/{company_id}"),
    ("PATCH", "/api/companies/{company_id}"),
    ("GET", "/api/companies/{company_id}/contacts"),
    ("POST", "/api/companies/{company_id}/contacts"),
    ("GET", "/api/companies/{company_id}/agreements"),
    ("POST", "/api/companies/{company_id}/agreements"),
    ("GET", "/api/openings"),
    ("POST", "/api/openings"),
    ("GET", "/api/openings/{opening_id}"),
    ("PATCH", "/api/openings/{opening_id}"),
    ("GET", "/api/job-proposals"),
    ("POST", "/api/job-proposals"),
    ("GET", "/api/job-proposals/{proposal_id}"),
    ("POST", "/api/job-proposals/{proposal_id}/answer"),
    ("POST", "/api/job-proposals/{proposal_id}/result"),
    ("GET", "/api/job-events"),
    ("POST", "/api/job-events"),
    ("GET", "/api/job-events/{job_event_id}"),
    ("POST", "/api/job-events/{job_event_id}/invitations"),
    ("POST", "/api/job-events/{job_event_id}/meetings"),
    # the integration programme (PRG-1)
    ("GET", "/api/persons/{person_id}/plan"),
    ("PUT", "/api/persons/{person_id}/plan/direction"),
    ("GET", "/api/persons/{person_id}/plan/activities"),
    ("POST", "/api/persons/{person_id}/plan/activities"),
    ("GET", "/api/activities/{activity_id}"),
    ("PATCH", "/api/activities/{activity_id}"),
    ("GET", "/api/persons/{person_id}/plan/goals"),
    ("POST", "/api/persons/{person_id}/plan/goals"),
    ("PATCH", "/api/goals/{goal_id}"),
    ("GET", "/api/persons/{person_id}/contract"),
    ("PUT", "/api/persons/{person_id}/contract"),
    # matching (PRG-4)
    ("GET", "/api/matching/openings/{opening_id}/persons"),
    ("GET", "/api/matching/persons/{person_id}/openings"),
    ("GET", "/api/matching-runs"),
    ("POST", "/api/matching-runs"),
    ("GET", "/api/matching-runs/{matching_run_id}"),
    ("GET", "/api/matching-runs/{matching_run_id}/suggestions"),
}


def test_openapi_schema_is_served_with_title(client, contract):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Velkomst API"
    assert document["openapi"].startswith("3.")
    assert set(contract.operations()) == EXPECTED_OPERATIONS


def test_docs_page_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"/api/openapi.json" in response.content


def test_every_operation_needs_authentication_and_documents_its_errors(contract):
    """REQ: SEC-1, SEC-2: no anonymous route; 401/403/422 documented everywhere."""
    for method, template in contract.operations():
        operation = contract.document["paths"][template][method.lower()]
        assert operation["security"], (method, template)
        assert {"401", "403", "422"} <= set(operation["responses"]), (method, template)
        if "{" in template:
            assert "404" in operation["responses"], (method, template)
        if method != "GET":  # a body that is not JSON
            assert "400" in operation["responses"], (method, template)
        if method in ("PATCH", "PUT") or template.endswith(
            ("/phase", "/caseworker", "/accept", "/reject")
        ):
            assert "409" in operation["responses"], (method, template)


def test_every_url_of_the_api_is_in_the_schema(contract):
    """A route hidden from the schema would escape the schema-driven tests (tenant walk)."""
    documented = {re.sub(r"\{[^}]+\}", "<>", t) for t in contract.document["paths"]}
    patterns, _, _ = api.urls
    for pattern in patterns:
        assert isinstance(pattern, URLPattern | URLResolver)
        route = "/api/" + str(pattern.pattern)
        if route.rstrip("/") in ("/api/openapi.json", "/api/docs", "/api"):
            continue
        assert re.sub(r"<[^>]+>", "<>", route) in documented, route


def test_the_docs_page_serves_swagger_ui_locally(client, db):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui" in html and "cdn.jsdelivr" not in html


def test_schema_names_are_unique_across_the_api():
    """django-ninja names an OpenAPI component by its class name: two schemas of one name in
    different modules share one component, and one of them is then validated against the
    other's shape. Every schema class of the API has a name of its own."""
    import importlib
    import inspect
    import pkgutil

    from ninja import Schema

    import velkomst.api as api_package

    owners: dict[str, set[str]] = {}
    for module_info in pkgutil.walk_packages(api_package.__path__, "velkomst.api."):
        if ".tests" in module_info.name or module_info.name.endswith("management"):
            continue
        module = importlib.import_module(module_info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Schema) and obj.__module__ == module.__name__:
                owners.setdefault(name, set()).add(module.__name__)
    assert {name: mods for name, mods in owners.items() if len(mods) > 1} == {}
