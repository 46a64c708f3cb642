"""Every API response that shows a citizen writes its audit row (SEC-3): the walk goes over EVERY
read operation with an id in the API's own OpenAPI schema, so a new route is covered as soon as
it exists."""

from __future__ import annotations

import re

import pytest

from velkomst.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_read_of_an_id_logs_a_view_per_person_shown(
    contract, api_as, household, case, note, caseworker
):
    # REQ: SEC-3
    members = list(household.members.all())
    ids = {"household_id": household.pk, "person_id": case.person_id, "case_id": case.pk}
    api = api_as(caseworker)
    reads = [t for method, t in contract.operations() if method == "GET" and "{" in t]
    assert len(reads) >= 4
    for template in reads:
        path = re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), template)
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = api.get(path)
        assert response.status_code == 200, template
        body = response.content.decode()
        shown = {m.pk for m in members if re.search(rf"\b{m.first_name}\b", body)}
        if '"items"' in body or "notes" in template:  # a case's notes are its person's data
            shown.add(case.person_id)
        assert shown, f"{template} shows nobody: give it an id that shows a member"
        views = AuditEntry.objects.filter(
            id__gt=last, actor_id=caseworker.pk, action="view", channel="api"
        )
        assert shown <= set(views.values_list("person_id", flat=True)), template
