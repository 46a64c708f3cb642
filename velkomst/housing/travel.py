"""Travel minutes between the municipality's areas (HOU-2): the selector for the grid page and
the engine's input, and the service that saves the grid (all or nothing, audited).

A household's workplace or education is recorded as an area (``HousingNeed``); the placement
engine weighs the travel from a dwelling's area to it (``engines.placement`` ``target_place``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser

from .models import Area, AreaTravel

MAX_MINUTES = 600

Pair = tuple[int, int]  # (area id, area id), the lower id first


def pair(a: int, b: int) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class TravelGrid:
    areas: list[Area]
    minutes: dict[Pair, int]  # each unordered pair once

    def get(self, a: int, b: int) -> int | None:
        return self.minutes.get(pair(a, b))


def travel_grid(user: StaffUser) -> TravelGrid:
    access.require(user, access.HOUSING_VIEW)
    municipality_id = access.tenant_id(user)
    areas = list(Area.objects.filter(municipality_id=municipality_id, vulnerable=False))
    return TravelGrid(areas=areas, minutes=_minutes(municipality_id))


def _minutes(municipality_id: int) -> dict[Pair, int]:
    rows = AreaTravel.objects.filter(municipality_id=municipality_id).values_list(
        "from_area_id", "to_area_id", "minutes"
    )
    return {pair(a, b): minutes for a, b, minutes in rows}


def travel_to(municipality_id: int) -> dict[int, dict[str, int]]:
    """For each area, the minutes to every area with a known time, by the target area's name
    (the engine's ``Dwelling.travel_to``; a household's ``target_place`` is the area's name)."""
    names = dict(Area.objects.filter(municipality_id=municipality_id).values_list("pk", "name"))
    result: dict[int, dict[str, int]] = {}
    for (a, b), minutes in _minutes(municipality_id).items():
        result.setdefault(a, {})[names[b]] = minutes
        result.setdefault(b, {})[names[a]] = minutes
    return result


@transaction.atomic
def travel_save(*, acting_user: StaffUser, minutes: dict[Pair, int | None]) -> int:
    """Set the minutes of the given pairs (None clears one); every value is checked before any
    is written. Returns the number of pairs changed."""
    access.require(acting_user, access.HOUSING_EDIT)
    municipality_id = access.tenant_id(acting_user)
    areas = dict(Area.objects.filter(municipality_id=municipality_id).values_list("pk", "name"))
    errors: dict[str, str] = {}
    for (a, b), value in minutes.items():
        field = f"t_{a}_{b}"
        if a not in areas or b not in areas:
            errors[field] = _("Området findes ikke.")
        elif value is not None and not 0 <= value <= MAX_MINUTES:
            errors[field] = _("Skriv et antal minutter fra 0 til %(max)d.") % {"max": MAX_MINUTES}
    if errors:
        raise ValidationError(errors)
    before = _minutes(municipality_id)
    changes: dict[str, list[int | None]] = {}
    for (a, b), value in sorted(minutes.items()):
        key = pair(a, b)
        if before.get(key) == value:
            continue
        changes[f"{areas[key[0]]} – {areas[key[1]]}"] = [before.get(key), value]
        AreaTravel.objects.filter(
            Q(from_area_id=key[0], to_area_id=key[1]) | Q(from_area_id=key[1], to_area_id=key[0]),
            municipality_id=municipality_id,
        ).delete()
        if value is None:
            continue
        directions = {key, (key[1], key[0])}
        AreaTravel.objects.bulk_create(
            AreaTravel(municipality_id=municipality_id, from_area_id=x, to_area_id=y, minutes=value)
            for x, y in directions
        )
    if changes:
        audit.log(
            actor=acting_user,
            action=AuditAction.CHANGE,
            obj=None,
            changes=changes,
            reason="travel minutes between areas",
        )
    return len(changes)
