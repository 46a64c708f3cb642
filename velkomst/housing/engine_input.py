"""The register's rows as the placement engine's dataclasses (velkomst.engines.placement.model).

The placement pages (HOU-3) call these with rows read through the tenant-scoped selectors.
Identifiers are primary keys as strings.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from velkomst.engines.placement import model as engine
from velkomst.people.codes import fellow_nationality
from velkomst.people.models import Household, Person, Relation

from .models import Area, Dwelling, HousingNeed
from .selectors import composition


def engine_area(area: Area) -> engine.Area:
    return engine.Area(
        id=str(area.pk),
        name=area.name,
        vulnerable=area.vulnerable,
        youth_environment=area.youth_environment,
        existing_refugee_households=area.existing_refugee_households,
        max_refugee_households=area.max_refugee_households,
        max_share=area.max_share_percent / 100 if area.max_share_percent is not None else None,
        households_total=area.households_total,
    )


def engine_dwelling(dwelling: Dwelling, travel_to: dict[str, int] | None = None) -> engine.Dwelling:
    """``travel_to``: minutes from the dwelling's area to other areas, by area name
    (``travel.travel_to``)."""
    return engine.Dwelling(
        id=str(dwelling.pk),
        area_id=str(dwelling.area_id),
        type=engine.DwellingType(dwelling.type),
        rooms=dwelling.rooms,
        size_m2=float(dwelling.size_m2),
        rent=dwelling.rent,
        utilities=dwelling.utilities,
        available_from=dwelling.available_from,
        step_free=dwelling.step_free,
        travel_minutes=dwelling.travel_minutes,
        travel_to=travel_to or {},
    )


def engine_household(
    household: Household,
    need: HousingNeed,
    members: list[Person],
    today: date | None = None,
    temporary_since: date | None = None,
) -> engine.Household:
    """``members`` with their languages prefetched (the head's first language is the home's);
    ``temporary_since``: the day its current stay in temporary housing began (HOU-4)."""
    counts = composition(household, members)
    head = next(
        (m for m in members if m.relation == Relation.HEAD), members[0] if members else None
    )
    languages = list(head.languages.all()) if head is not None else []
    needed_by = (
        need.needed_by
        or household.arrival_date
        or household.expected_arrival_date
        or today
        or timezone.localdate()
    )
    workplace = need.workplace_or_school_area
    return engine.Household(
        id=str(household.pk),
        size=counts["size"],
        adults=counts["adults"],
        children=counts["children"],
        rooms_needed=need.rooms_needed,
        max_rent=need.max_rent,
        needed_by=needed_by,
        step_free=need.step_free_needed,
        is_student=need.student_youth_environment,
        language=languages[0].language if languages else "",
        nationality=fellow_nationality(head.nationality) if head is not None else "",
        target_place=workplace.name if workplace is not None else None,
        wishes_area=str(need.wished_area_id) if need.wished_area_id else None,
        temporary_since=temporary_since,
    )
