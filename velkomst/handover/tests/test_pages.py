"""Pages of handover (COO-5): the sending caseworker previews and sends, the receiving
administrator sees the incoming handover on the start page and accepts or returns it; the
sending household is marked "moved to X" and refuses edits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from velkomst.handover.models import Handover, State

MOVE = {
    "receiving": "851",
    "new_address": "Boulevarden 1, 9000 Aalborg",
    "moving_date": "2026-09-01",
}


def _send(client, household, **extra):
    return client.post(reverse("handover-move", args=[household.pk]), {**MOVE, **extra})


@pytest.mark.django_db
def test_caseworker_previews_then_sends(logged_in, caseworker, moving, other_municipality):
    # REQ: COO-5
    client = logged_in(caseworker)
    page = client.get(reverse("household-detail", args=[moving.pk])).content.decode()
    assert reverse("handover-move", args=[moving.pk]) in page
    refused = _send(client, moving, receiving="Bornholm", step="preview")
    assert refused.status_code == 422
    assert "Tilflytningskommunen kan ikke være Bornholm" in refused.content.decode()
    preview = _send(client, moving, step="preview")
    text = preview.content.decode()
    assert preview.status_code == 200 and 'data-testid="handover-content"' in text
    assert "Plejecenter Nexø" in text and "Virksomhedspraktik" in text.replace("\xad", "")
    assert not Handover.objects.exists()
    sent = _send(client, moving, step="send")
    handover = Handover.objects.get()
    assert sent.status_code == 302 and sent.url == reverse("handover-detail", args=[handover.pk])
    mark = client.get(reverse("household-detail", args=[moving.pk])).content.decode()
    assert 'data-testid="moved-mark"' in mark and "Aalborg" in mark


@pytest.mark.django_db
def test_receiving_administrator_accepts_from_the_start_page(
    logged_in, caseworker, moving, receiving_admin, receiving_caseworker, client
):
    # REQ: COO-5
    logged_in(caseworker)
    _send(client, moving, step="send")
    handover = Handover.objects.get()
    client.force_login(receiving_admin)
    start = client.get(reverse("home")).content.decode()
    assert reverse("handover-detail", args=[handover.pk]) in start
    inbox = client.get(reverse("handover-inbox")).content.decode()
    assert "Familien Haddad" in inbox and "Bornholm" in inbox
    detail = client.get(reverse("handover-detail", args=[handover.pk]))
    assert detail.status_code == 200 and 'data-testid="accept"' in detail.content.decode()
    no_reason = client.post(
        reverse("handover-return", args=[handover.pk]), {"version": 1, "reason": ""}
    )
    assert no_reason.status_code == 422
    accepted = client.post(
        reverse("handover-accept", args=[handover.pk]),
        {"version": 1, "caseworker": receiving_caseworker.pk},
    )
    assert accepted.status_code == 302
    handover.refresh_from_db()
    assert handover.state == State.ACCEPTED
    client.force_login(receiving_caseworker)
    received = client.get(reverse("household-detail", args=[handover.received_household_id]))
    assert received.status_code == 200
    assert 'data-testid="origin-mark"' in received.content.decode()
    # the sending side: read-only with a clear message
    client.force_login(caseworker)
    edit = client.post(
        reverse("household-edit", args=[moving.pk]),
        {"version": moving.version, "name": "Ny", "visitation_date": "2026-05-15"},
    )
    assert "kun læses" in edit.content.decode()
    state = client.get(reverse("handover-detail", args=[handover.pk])).content.decode()
    assert "Modtaget" in state


@pytest.mark.django_db
def test_other_roles_and_tenants_cannot_answer(
    logged_in, caseworker, moving, staff, client, other_municipality
):
    # REQ: COO-5
    logged_in(caseworker)
    _send(client, moving, step="send")
    handover = Handover.objects.get()
    # the sending municipality's administrator cannot accept its own handover
    client.force_login(staff["administrator"])
    response = client.post(
        reverse("handover-accept", args=[handover.pk]), {"version": 1, "caseworker": caseworker.pk}
    )
    assert response.status_code == 403
    client.force_login(staff["job_consultant"])
    assert client.get(reverse("handover-detail", args=[handover.pk])).status_code == 403
