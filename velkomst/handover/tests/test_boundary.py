"""COO-5: nothing but the handed-over records crosses the tenant boundary. What the receiving
municipality's caseworker can read through every list route of the API (taken from the OpenAPI
schema) and through its pages is compared before the handover and after its acceptance: the
difference is exactly the household, persons, cases and records created from the snapshot."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from velkomst.api.api import api
from velkomst.handover import services
from velkomst.handover.models import Handover
from velkomst.handover.services import MoveData


def _list_routes() -> list[str]:
    paths = api.get_openapi_schema()["paths"]
    return sorted(p for p, ops in paths.items() if "get" in ops and "{" not in p)


def _rows(body: Any) -> list[Any]:
    if isinstance(body, dict) and "items" in body:
        return list(body["items"])
    if isinstance(body, list):
        return body
    return [body]


def _readable(client, routes: list[str]) -> dict[str, tuple[int, list[Any]]]:
    seen = {}
    for path in routes:
        response = client.get(path, {"limit": 100})
        body = response.json() if response.status_code == 200 else None
        seen[path] = (response.status_code, _rows(body) if body is not None else [])
    return seen


def _key(row: Any) -> str:
    return repr(sorted(row.items())) if isinstance(row, dict) else repr(row)


@pytest.mark.django_db
def test_receiving_side_sees_exactly_the_handed_over_records(
    client, caseworker, moving, receiving_admin, receiving_caseworker, other_household
):
    # REQ: COO-5
    sending_ids = set(moving.members.values_list("pk", flat=True))
    client.force_login(receiving_caseworker)
    routes = _list_routes()
    before = _readable(client, routes)
    person_list_before = client.get(reverse("person-list"), {"scope": "all"}).content.decode()
    assert "Haddad" not in person_list_before
    handover = services.handover_send(
        actor=caseworker,
        household=moving,
        data=MoveData(
            receiving="Aalborg", new_address="Boulevarden 1", moving_date=date(2026, 9, 1)
        ),
    )
    # sent, not yet accepted: the receiving caseworker reads nothing new but the handover
    middle = _readable(client, routes)
    assert {p for p in middle if middle[p] != before[p]} <= {"/api/handovers"}
    services.handover_accept(
        actor=receiving_admin,
        handover=handover,
        caseworker=receiving_caseworker,
        expected_version=1,
    )
    handover.refresh_from_db()
    received = handover.received_household
    assert received is not None
    new_persons = set(received.members.values_list("pk", flat=True))
    after = _readable(client, routes)
    changed = {}
    for path, (status, rows) in after.items():
        old_status, old_rows = before[path]
        assert status == old_status, path
        old = {_key(r) for r in old_rows}
        new_rows = [r for r in rows if _key(r) not in old]
        if new_rows:
            changed[path] = new_rows
    assert set(changed) == {
        "/api/households",
        "/api/persons",
        "/api/cases",
        "/api/danish-referrals",
        "/api/language-centres",
        "/api/handovers",
    }, set(changed)
    assert {r["id"] for r in changed["/api/households"]} == {received.pk}
    assert {r["id"] for r in changed["/api/persons"]} == new_persons
    assert not ({r["id"] for r in changed["/api/persons"]} & sending_ids)
    with_case = {p["ref"] for p in handover.content["persons"] if p["case"]}
    assert len({r["person_id"] for r in changed["/api/cases"]}) == len(with_case) == 2
    assert {r["person_id"] for r in changed["/api/cases"]} <= new_persons
    assert [r["id"] for r in changed["/api/handovers"]] == [handover.pk]
    # nothing the receiving side read before has gone or changed
    for path, (_status, rows) in before.items():
        now = {_key(r) for r in after[path][1]}
        assert all(_key(r) in now for r in rows), path
    # pages: the new household is theirs; the sending household stays out of reach
    assert client.get(reverse("household-detail", args=[received.pk])).status_code == 200
    assert client.get(reverse("household-detail", args=[moving.pk])).status_code == 404
    person_list = client.get(reverse("person-list"), {"scope": "all"}).content.decode()
    assert person_list.count("Haddad") >= 1
    assert Handover.objects.count() == 1
