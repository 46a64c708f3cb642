"""The housing, hosts, associations and neighbours routes (HOU-1..HOU-8) through the API: each
response is validated against the OpenAPI schema by ``api_as``."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_fixture_builds(api_as, housing_ids, staff):
    client = api_as(staff["housing_officer"])
    run = client.get(f"/api/placement-runs/{housing_ids['run_id']}").json()
    assert run["status"] == "done"
