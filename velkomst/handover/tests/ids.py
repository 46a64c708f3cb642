"""A real handover for the schema-driven walks (role matrix, tenant isolation, read audit): the
household's handover sent to a third municipality (Sønderborg), so the walks' other municipality
(Aalborg) is a stranger to it (COO-5)."""

from __future__ import annotations

from datetime import date
from typing import Any


def handover_ids(household: Any, staff: Any) -> dict[str, int]:
    from velkomst.core.models import Municipality
    from velkomst.core.services import municipality_create
    from velkomst.handover import services

    third = Municipality.objects.filter(code="540").first() or municipality_create(
        code="540", name="Sønderborg"
    )
    handover = services.handover_send(
        actor=staff["caseworker"],
        household=household,
        data=services.MoveData(
            receiving=third.code,
            new_address="Perlegade 1, 6400 Sønderborg",
            moving_date=date(2026, 9, 1),
        ),
    )
    return {"handover_id": handover.pk}
