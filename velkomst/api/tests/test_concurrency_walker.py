"""SEC-5, generated from the OpenAPI schema: every write whose request body carries the version of
the record it changes refuses a stale version with 409 and a missing one with 422 naming
``version``, and writes nothing either way.

The walk takes its operations from /api/openapi.json, so a new route is walked the moment it is
documented. Every write operation is classified by the schema itself:

- its request body has a ``version`` property: walked here (stale and missing);
- it answers 201 or 202 (it creates a record or queues a run): nothing exists to overwrite;
- otherwise it must be listed in ``NOT_VERSIONED`` with the reason it needs no version, else
  ``test_every_write_route_is_versioned_or_says_why_not`` fails naming the route.

The valid bodies are the role matrix's (test_roles._body, which proves each one succeeds for the
roles allowed); the stale version is made by a concurrent change of every versioned record.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db.models import F

from velkomst.core.models import AuditAction, AuditEntry, Role, StaffUser

from .conftest import HTTP_METHODS, field_names
from .test_roles import SUCCEEDS, _body, _referrals, matrix_ids, path_of

# Writes that carry no version, and why none is needed (anything else must carry one).
NOT_VERSIONED: dict[tuple[str, str], str] = {
    ("POST", "/api/households/{household_id}/placements/end"): (
        "ends the household's current placement, which a second end finds ended (409)"
    ),
    ("PUT", "/api/associations/{association_id}/move-outs"): (
        "replaces the months' move-out counts given, each month a figure of its own"
    ),
    ("POST", "/api/neighbour-reports/{report_id}/events"): (
        "appends an event to the report's history; nothing is overwritten"
    ),
    ("POST", "/api/persons/{person_id}/competences/remove"): (
        "removes one named entry of the profile; a second removal finds it gone"
    ),
    ("POST", "/api/retention/holds/{legal_hold_id}/lift"): (
        "a hold is lifted once: lifting a lifted hold is refused"
    ),
    ("POST", "/api/retention/runs/{retention_run_id}/approve"): (
        "a planned run is approved once: approving an approved run is refused"
    ),
}
# Writes that create the record the first time and change it afterwards (none exists before the
# first write, so the version is optional in the schema or ignored on that create): the walk makes
# the first write, then the stale one.
# The stale write then changes something (a write that changes nothing is answered without
# writing and without a conflict, people/tests/test_no_change_edits.py).
UPSERTS: dict[tuple[str, str], dict[str, Any]] = {
    ("PUT", "/api/persons/{person_id}/competences/profile"): {"driving_licences": ["A", "B"]},
    ("PUT", "/api/persons/{person_id}/plan/direction"): {"direction": "job"},
    ("PUT", "/api/persons/{person_id}/self-supporting"): {"from_date": "2026-12-01"},
}


def _request_schema(contract: Any, operation: dict[str, Any]) -> dict[str, Any]:
    body = operation.get("requestBody")
    if not body:
        return {}
    return contract.resolve(next(iter(body["content"].values()))["schema"])


def write_operations(contract: Any) -> dict[tuple[str, str], str]:
    """(METHOD, template) of every write -> "versioned", "optional", "creates" or "listed"."""
    kinds = {}
    for template, item in contract.document["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS or method == "get":
                continue
            schema = _request_schema(contract, operation)
            key = (method.upper(), template)
            if "version" in schema.get("properties", {}):
                required = "version" in schema.get("required", [])
                kinds[key] = "versioned" if required else "optional"
            elif {"201", "202"} & set(operation["responses"]):
                kinds[key] = "creates"
            elif key in NOT_VERSIONED:
                kinds[key] = "listed"
            else:
                kinds[key] = "unclassified"
    return kinds


def test_every_write_route_is_versioned_or_says_why_not(contract):
    """REQ: SEC-5: a new write route either carries the version or says why it needs none."""
    kinds = write_operations(contract)
    unclassified = sorted(key for key, kind in kinds.items() if kind == "unclassified")
    assert unclassified == [], (
        "a write route without `version` in its request body: add the version of the record it "
        f"changes, or list it in NOT_VERSIONED with the reason: {unclassified}"
    )
    optional = {key for key, kind in kinds.items() if kind == "optional"}
    assert optional <= set(UPSERTS), (
        "an optional version is for a record created by its first write"
    )
    assert set(NOT_VERSIONED) <= set(kinds), "NOT_VERSIONED names a route that is gone"
    assert sum(kind == "versioned" for kind in kinds.values()) >= 60


def _actor(method: str, template: str, staff: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """Someone the role matrix lets make the write; an incoming handover's answer is the
    receiving municipality's (Sønderborg, handover.tests.ids), with a caseworker of its own."""
    allowed = sorted(SUCCEEDS[(method, template)])
    if allowed:
        return staff[allowed[0]], {}
    assert template.startswith("/api/handovers/"), f"who may {method} {template}?"
    from conftest import _make_user
    from velkomst.core.models import Municipality

    receiving = Municipality.objects.get(code="540")
    admin = StaffUser.objects.filter(municipality=receiving, role=Role.ADMINISTRATOR).first()
    admin = admin or _make_user(receiving, Role.ADMINISTRATOR, "sb-administrator")
    caseworker = StaffUser.objects.filter(municipality=receiving, role=Role.CASEWORKER).first()
    caseworker = caseworker or _make_user(receiving, Role.CASEWORKER, "sb-caseworker")
    return admin, {"second_caseworker_id": caseworker.pk}


def _versioned_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if any(f.name == "version" for f in model._meta.concrete_fields)
    ]


def _state(models: list[Any]) -> dict[str, Any]:
    """Every versioned record's version and every audited write: what a refused write must leave
    as it was."""
    return {
        "versions": {
            model._meta.label: sorted(model.objects.values_list("pk", "version"))
            for model in models
        },
        "writes": AuditEntry.objects.exclude(
            action__in=[AuditAction.VIEW, AuditAction.SEARCH, AuditAction.EXPORT]
        ).count(),
    }


def _someone_else_changed_everything(models: list[Any]) -> None:
    for model in models:
        model.objects.update(version=F("version") + 1)


def test_every_versioned_write_refuses_a_stale_or_missing_version(
    contract, api_as, staff, municipality, household, person, housing_ids
):
    """REQ: SEC-5: for every write route of the schema that carries a version: a colleague saved
    first (every record's version moved on), so the stale body is 409 and writes nothing; without
    the version it is 422 naming ``version``, and writes nothing."""
    base = matrix_ids(municipality, household, person, housing_ids)
    models = _versioned_models()
    kinds = write_operations(contract)
    walked = 0
    for (method, template), kind in sorted(kinds.items()):
        if kind not in ("versioned", "optional"):
            continue
        actor, extra = _actor(method, template, staff)
        ids = {**base, **_referrals(actor, person), **extra}
        role = actor.role
        client = api_as(actor)
        path = path_of(template, ids)
        body = _body(method, template, ids)
        where = f"{role} {method} {template}"
        if kind == "versioned":
            missing = {k: v for k, v in body.items() if k != "version"}
            before = _state(models)
            response = client.request(method, path, missing)
            assert response.status_code == 422, f"{where}: {response.content[:300]!r}"
            assert "version" in field_names(response), where
            assert _state(models) == before, f"{where} wrote without a version"
        if (method, template) in UPSERTS:  # the first write creates the record
            response = client.request(method, path, body)
            assert 200 <= response.status_code < 300, f"{where}: {response.content[:300]!r}"
            body = _body(method, template, ids) | UPSERTS[(method, template)]
        _someone_else_changed_everything(models)
        before = _state(models)
        response = client.request(method, path, body)
        assert response.status_code == 409, f"{where}: {response.content[:300]!r}"
        assert _state(models) == before, f"{where} wrote over a newer version"
        walked += 1
    assert walked >= 60


@pytest.mark.parametrize("key", sorted(NOT_VERSIONED))
def test_the_reasons_are_written_out(key):
    assert len(NOT_VERSIONED[key]) > 20
