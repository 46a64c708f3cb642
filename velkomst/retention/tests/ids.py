"""Retention objects of a municipality for the shared walkers (SEC-1, SEC-3): a legal hold on a
member of ``household`` and a dry run waiting for approval (with no items)."""

from __future__ import annotations

from typing import Any

HOLD_SECRET = "Tilbagehold-Bornholm-Q4"


def retention_ids(household: Any, staff: Any) -> dict[str, int]:
    from django.utils import timezone

    from velkomst.retention.models import LegalHold, Run, RunState

    hold = LegalHold.objects.create(
        municipality=household.municipality,
        person=household.members.order_by("pk").first(),
        reason=HOLD_SECRET,
        placed_by=staff["administrator"],
    )
    run = Run.objects.create(
        municipality=household.municipality,
        as_of=timezone.localdate(),
        state=RunState.PLANNED,
        planned_at=timezone.now(),
    )
    return {"legal_hold": hold.pk, "retention_run": run.pk}
