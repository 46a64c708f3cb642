"""The REST API at /api/: OpenAPI schema at /api/openapi.json, docs at /api/docs.

Every route needs a staff member's API token (``Authorization: Bearer <key>``) or the logged-in
session (with CSRF for writes); every object is looked up through the tenant-scoped selectors,
so another municipality's object is a 404 (SEC-1).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from . import errors
from .auth import StaffSessionAuth, TokenAuth
from .routers import (
    associations,
    cases,
    citizen_questions,
    community,
    companies,
    competences,
    consent,
    danish,
    handovers,
    health,
    hosts,
    households,
    housing,
    indicators,
    interpreting,
    matching,
    national,
    neighbours,
    outcomes,
    pairings,
    persons,
    programme,
    referrals,
    reports,
    retention,
    roundtables,
    strategies,
    surveys,
    volunteers,
)


class VelkomstAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """Short operation ids (``list_persons``) for generated clients; view names are unique."""
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Every write may answer 409: a household handed over to another municipality is
        read-only in the sending one (COO-5), whatever the route (``core.moved``)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for item in schema["paths"].values():
            for method, operation in item.items():
                if method in ("post", "put", "patch", "delete"):
                    operation["responses"].setdefault(
                        409,
                        {
                            "description": "Conflict",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ErrorOut"}
                                }
                            },
                        },
                    )
        return schema

    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        # ninja's first step inside each operation, after authentication and before the schema
        # reads the input: the one place that sees every route's query and body.
        errors.reject_nul_characters(request)
        return super().create_temporal_response(request)


api = VelkomstAPI(
    title="Velkomst API",
    version="1",
    description=(
        "Households, persons, cases and journal notes of the caller's municipality; its "
        "housing (areas, dwellings, housing needs, placement runs and decisions, placements), "
        "private hosts, housing associations and allocation meetings, neighbour reports, the "
        "integration programme (plans, goals, activities, contracts), Danish education, "
        "competences, and outcomes (employment, education, benefit periods, self-support) with "
        "the result grants derived from them; consents and what was shared under them; "
        "referrals between units, concerns about a child's welfare and the interface "
        "descriptions; round-table meetings with their follow-up tasks; the resource bank of "
        "volunteers and their offers, and volunteer matching (suggestions and matches); events "
        "with invitations and attendance, and associations (foreninger) with free memberships "
        "and participation over time; interpreting bookings; the indicator library and its "
        "figures by period and cohort, small counts suppressed (managers, administrators); the "
        "municipality's strategy (guideposts, indicators, targets, versions) and its "
        "hand-entered figures; the surveys of the refugees' own experience (definitions, "
        "invitations, answers typed in from paper, aggregated results); the questions citizens ask their "
        "caseworker in the citizen's entrance, and the answers; handovers of households "
        "that move to another municipality; and, for the immigration service's national user "
        "only (outside every municipality), national distribution: reference tables, quota "
        "plans, trained employment models with their cards, assignment runs, suggestions and "
        "decisions. Text never holds a NUL character "
        "(a 422 naming the field). "
        "Authenticate with `Authorization: Bearer <key>` (create a key with "
        "`python manage.py create_api_token <username> --name <what for>`) or a logged-in "
        "session with the `X-CSRFToken` header. Lists take `limit` and `offset`."
    ),
    auth=[TokenAuth(), StaffSessionAuth()],
    urls_namespace="api",
)
errors.install(api)
api.add_router("/households", households.router)
api.add_router("/persons", persons.router)
api.add_router("/cases", cases.router)
api.add_router("/", housing.router)
api.add_router("/", hosts.router)
api.add_router("/", associations.router)
api.add_router("/", neighbours.router)
api.add_router("/", danish.router)
api.add_router("/", outcomes.router)
api.add_router("/", competences.router)
api.add_router("/", consent.router)
api.add_router("/", health.router)
api.add_router("/", programme.router)
api.add_router("/", matching.router)
api.add_router("/", companies.router)
api.add_router("/", roundtables.router)
api.add_router("/", pairings.router)
api.add_router("/", volunteers.router)
api.add_router("/", referrals.router)
api.add_router("/", interpreting.router)
api.add_router("/", handovers.router)
api.add_router("/", community.router)
api.add_router("/", indicators.router)
api.add_router("/", strategies.router)
api.add_router("/", surveys.router)
api.add_router("/", citizen_questions.router)
api.add_router("/", reports.router)
api.add_router("/", retention.router)
api.add_router("/", national.router)
