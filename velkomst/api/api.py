"""The REST API at /api/: OpenAPI schema at /api/openapi.json, docs at /api/docs.

Every route needs a staff member's API token (``Authorization: Bearer <key>``) or the logged-in
session (with CSRF for writes); every object is looked up through the tenant-scoped selectors,
so another municipality's object is a 404 (SEC-1).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from . import errors
from .auth import StaffSessionAuth, TokenAuth
from .routers import (
    associations,
    cases,
    companies,
    competences,
    danish,
    health,
    hosts,
    households,
    housing,
    matching,
    neighbours,
    outcomes,
    persons,
    programme,
)


class VelkomstAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """Short operation ids (``list_persons``) for generated clients; view names are unique."""
        return str(operation.view_func.__name__)


api = VelkomstAPI(
    title="Velkomst API",
    version="1",
    description=(
        "Households, persons, cases and journal notes of the caller's municipality; its "
        "housing (areas, dwellings, housing needs, placement runs and decisions, placements), "
        "private hosts, housing associations and allocation meetings, neighbour reports, the "
        "integration programme (plans, goals, activities, contracts), Danish education, "
        "competences, and outcomes (employment, education, benefit periods, self-support) with "
        "the result grants derived from them. "
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
api.add_router("/", health.router)
api.add_router("/", programme.router)
api.add_router("/", matching.router)
api.add_router("/", companies.router)
