"""schemathesis over the whole API schema (SEC-5): generated requests, valid and invalid, to every
operation as a caseworker, and to the housing, hosts, associations and neighbours operations as a
housing officer (each with an API token), against a database holding a household, a case, a note
and every housing resource, with the path ids half of the time replaced by the real ones so the
requests reach the data. No response may be a server error or differ from what the schema
documents (status, content type, body).

Bounded for CI: a few examples per operation (``SCHEMATHESIS_MAX_EXAMPLES``, default 10)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from velkomst.api.api import api
from velkomst.api.services import api_token_create
from velkomst.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))


# The schema as /api/openapi.json serves it (test_openapi checks they are the same), called
# in-process through Django's WSGI application. (schemathesis.pytest.from_fixture does not run
# on pytest 9, so the schema is loaded here, where no database is needed.)
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """The WSGI application closes the database connection when a request finishes; in a test
    that would close the test's transaction (PostgreSQL). Django's test client keeps it the same
    way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(household, case, note, staff, housing_ids, connection_kept) -> dict[str, Any]:
    """The data the generated requests may reach, and a token per acting role."""
    ids = {
        **housing_ids,
        "household_id": household.pk,
        "person_id": case.person_id,
        "case_id": case.pk,
    }
    tokens = {
        role: api_token_create(user=staff[role], name="schemathesis")[1]
        for role in (
            "caseworker",
            "housing_officer",
            "health_coordinator",
            "interpreter_coordinator",
            "manager",
            "administrator",
            "national",
        )
    }
    return {"ids": ids, "tokens": tokens}


def _reach_the_data(case: Any, ids: dict[str, int]) -> None:
    """Every other generated path id is swapped for the real id of that name."""
    parameters = case.path_parameters or {}
    for name, value in parameters.items():
        if name in ids and isinstance(value, int) and value % 2 == 0:
            parameters[name] = ids[name]


def _run(case: Any, world: dict[str, Any], role: str) -> None:
    _reach_the_data(case, world["ids"])
    case.call_and_validate(
        headers={"Authorization": f"Bearer {world['tokens'][role]}"}, checks=CHECKS
    )


SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@schema.parametrize()
@SETTINGS
def test_the_api_as_a_caseworker_answers_as_documented(case: Any, world: dict[str, Any]) -> None:
    # REQ: SEC-5
    _run(case, world, "caseworker")


# The housing officer's run covers the routes where the role's writes succeed (the caseworker
# gets 403 on them); on households, persons and cases the caseworker's run goes deeper.
HOUSING_TAGS = ["housing", "hosts", "associations", "neighbours"]  # danish: the caseworker's run


@schema.include(tag=HOUSING_TAGS).parametrize()
@SETTINGS
def test_the_api_as_a_housing_officer_answers_as_documented(
    case: Any, world: dict[str, Any]
) -> None:
    # REQ: SEC-5
    _run(case, world, "housing_officer")


@schema.include(tag=["health"]).parametrize()
@SETTINGS
def test_the_api_as_a_health_coordinator_answers_as_documented(
    case: Any, world: dict[str, Any]
) -> None:
    # REQ: SEC-5
    _run(case, world, "health_coordinator")


@schema.include(tag=["interpreting"]).parametrize()
@SETTINGS
def test_the_api_as_an_interpreter_coordinator_answers_as_documented(
    case: Any, world: dict[str, Any]
) -> None:
    # REQ: SEC-5 (INT-1: the coordinator's writes succeed where the caseworker gets 403)
    _run(case, world, "interpreter_coordinator")


@schema.include(tag=["indicators"]).parametrize()
@SETTINGS
def test_the_api_as_a_manager_answers_as_documented_on_indicators(
    case: Any, world: dict[str, Any]
) -> None:
    # REQ: SEC-5, MI-1, MI-6 (odd dates, huge cohorts, unknown keys: a 4xx, never a 500)
    if case.path_parameters and "key" in case.path_parameters and len(case.path_parameters) == 1:
        if hash(case.path_parameters["key"]) % 2 == 0:
            case.path_parameters["key"] = "employment_rate"  # reach a real indicator half the time
    _run(case, world, "manager")


@schema.include(tag=["retention"]).parametrize()
@SETTINGS
def test_the_api_as_an_administrator_answers_as_documented_on_retention(
    case: Any, world: dict[str, Any]
) -> None:
    # REQ: SEC-5, SEC-4 (a negative period, a kind twice, an odd day: a 4xx, never a 500)
    _run(case, world, "administrator")


@schema.include(tag=["national distribution"]).parametrize()
@settings(
    max_examples=max(1, MAX_EXAMPLES // 4),
    deadline=None,
    database=None,
    suppress_health_check=SETTINGS.suppress_health_check,
)
def test_the_api_as_the_national_user_answers_as_documented(
    case: Any, world: dict[str, Any]
) -> None:
    # REQ: SEC-5, NAT-1 (the national user's own routes, a cheap run: few examples)
    _run(case, world, "national")
