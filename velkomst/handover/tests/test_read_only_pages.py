"""COO-5, generated from the URL configuration: once the household is handed over, no page of
any app writes about it or its persons, whatever is posted, and none answers with a server error
(a refusal the view does not catch is a 409 page with the message)."""

from __future__ import annotations

import pytest

from velkomst.core.models import AuditEntry
from velkomst.core.tests.test_tenancy import SKIP_PREFIXES, _fill, _patterns, world_ids

pytestmark = pytest.mark.django_db

# pages that are about no household's data, or are the handover's own or the retention's (which
# must reach a moved household), or sign the user out
NOT_WALKED = ("handover/", "opbevaring/", "logout/", "login/", "borger/")


def test_no_page_writes_about_a_handed_over_household(client, household, staff):
    # REQ: COO-5
    from conftest import _make_user
    from velkomst.handover import services
    from velkomst.handover.models import Handover

    ids = world_ids(household, staff)
    handover = Handover.objects.get(pk=ids["handover"])
    services.handover_accept(
        actor=_make_user(handover.receiving, "administrator", "so-admin", ()),
        handover=handover,
        caseworker=_make_user(handover.receiving, "caseworker", "so-caseworker"),
        expected_version=handover.version,
    )
    members = list(household.members.values_list("pk", flat=True))

    def written() -> int:
        return AuditEntry.objects.filter(
            person_id__in=members, action__in=["create", "change", "delete"]
        ).count()

    before = written()
    roles = ["caseworker", *[r for r in staff if r not in ("caseworker", "national")]]
    routes = [r for r in _patterns() if "<" in r and not r.startswith(SKIP_PREFIXES + NOT_WALKED)]
    assert len(routes) > 50
    data = {"text": "Efter flytningen", "note": "x", "version": 1, "reason": "x"}
    refused = []
    for route in routes:
        url = _fill(route, ids)
        for role in roles:  # the first role the page lets in
            client.force_login(staff[role])
            response = client.post(url, data)
            if response.status_code != 403:
                break
        assert response.status_code != 500, url
        if "flyttede til S" in response.content.decode():
            refused.append(url)
        assert written() == before, f"POST {url} wrote about the handed-over household"
    assert len(refused) >= 3  # the posts that pass a form's checks meet the refusal
