"""Demo data of retention and erasure (SEC-4): no rules (the shipped preset, so the page says
plainly that nothing is deleted until the municipality enters its journal plan) and one legal
hold the administrator placed on the first household's head, as after a complaint."""

from __future__ import annotations

from collections import Counter
from typing import Any

from velkomst.core import audit
from velkomst.core.models import Municipality, Role

from . import services

DEMO_HOLD_REASON = "Klagesag i Ankestyrelsen: intet slettes, før sagen er afgjort."


def install_demo(municipality: Municipality, by_role: dict[str, Any]) -> Counter[str]:
    from velkomst.people.models import Person

    counts: Counter[str] = Counter()
    admin = by_role.get(Role.ADMINISTRATOR)
    person = (
        Person.objects.filter(municipality=municipality, relation="head").order_by("pk").first()
    )
    if admin is None or person is None:
        return counts
    with audit.via("demo"):
        services.hold_place(acting_user=admin, person_id=person.pk, reason=DEMO_HOLD_REASON)
    counts["retention.legalhold"] += 1
    return counts
