"""The volunteer matching API (CIV-2, CIV-3): suggestions with reasons, proposals that re-check
consent and the child rule (422 naming the field), the steps, and their audit channel."""

from __future__ import annotations

import pytest

from velkomst.api.tests.conftest import api_as, contract  # noqa: F401 (the API's fixtures)
from velkomst.core.models import AuditEntry
from velkomst.pairings.models import Match

from .conftest import consent_household, make_offer, make_volunteer


@pytest.fixture
def api(api_as, coordinator):  # noqa: F811 (the imported fixture)
    return api_as(coordinator)


def test_suggestions_and_a_proposal_through_the_api(api, family, wish, caseworker):
    # REQ: CIV-2
    consent_household(family, caseworker)
    offer = make_offer(make_volunteer(family.municipality))
    body = api.get(f"/api/households/{family.pk}/volunteer-suggestions").json()
    assert body["consent"] is True
    [suggestion] = body["suggestions"]
    assert suggestion["offer_id"] == offer.pk and suggestion["kind"] == "mentor"
    assert "Ønsker mentor (ønske nr. 1)" in [r["text"] for r in suggestion["reasons"]]
    created = api.post("/api/volunteer-matches", {"household_id": family.pk, "offer_id": offer.pk})
    assert created.status_code == 201 and created.json()["state"] == "proposed"
    match_id = created.json()["id"]
    step = api.post(
        f"/api/volunteer-matches/{match_id}/steps",
        {"action": "decline", "side": "volunteer", "version": 1},
    )
    assert step.status_code == 422 and step.json()["errors"][0]["field"] == "reason"
    step = api.post(
        f"/api/volunteer-matches/{match_id}/steps",
        {"action": "decline", "side": "volunteer", "reason": "Flytter", "version": 1},
    )
    assert step.status_code == 200 and step.json()["state"] == "declined"
    assert AuditEntry.objects.filter(object_type="pairings.Match", channel="api").count() == 6


def test_the_api_refuses_without_consent_and_without_a_child_certificate(
    api, family, wish, caseworker
):
    # REQ: CIV-2
    # REQ: CIV-3
    offer = make_offer(make_volunteer(family.municipality))
    body = api.get(f"/api/households/{family.pk}/volunteer-suggestions").json()
    assert body == {"household_id": family.pk, "consent": False, "suggestions": []}
    refused = api.post("/api/volunteer-matches", {"household_id": family.pk, "offer_id": offer.pk})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "consent"
    consent_household(family, caseworker)
    uncertified = make_offer(make_volunteer(family.municipality, "Uden Attest", certificate=False))
    refused = api.post(
        "/api/volunteer-matches", {"household_id": family.pk, "offer_id": uncertified.pk}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "offer"
    assert "børneattest" in refused.json()["errors"][0]["message"]
    assert not Match.objects.exists()
