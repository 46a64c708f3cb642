"""The register's rows as the matching module's dataclasses (velkomst.hosts.matching).

Identifiers are primary keys as strings. The callers read the rows through tenant-scoped
selectors.
"""

from __future__ import annotations

from velkomst.housing.models import HousingNeed
from velkomst.housing.selectors import composition
from velkomst.people.models import Household, Person, Proficiency

from . import matching
from .models import HostOffer, LodgingProfile


def match_offer(offer: HostOffer) -> matching.Offer:
    return matching.Offer(
        id=str(offer.pk),
        max_persons=offer.max_persons,
        household_types=frozenset(matching.HouseholdType(t) for t in offer.household_types),
        rent=offer.rent,
        utilities=offer.utilities,
        available_from=offer.available_from,
        available_until=offer.available_until,
        step_free=offer.step_free,
        languages=frozenset(offer.languages),
        pets_ok=offer.pets_ok,
        smoking_ok=offer.smoking_ok,
        area_id=str(offer.host.area_id) if offer.host.area_id else None,
    )


def member_languages(members: list[Person]) -> frozenset[str]:
    """The languages the members speak (any level but none); ``languages`` prefetched."""
    return frozenset(
        lang.language
        for member in members
        for lang in member.languages.all()
        if lang.proficiency != Proficiency.NONE
    )


def match_household(
    household: Household,
    need: HousingNeed | None,
    profile: LodgingProfile | None,
    members: list[Person],
) -> matching.Household:
    counts = composition(household, members)
    return matching.Household(
        id=str(household.pk),
        persons=counts["size"],
        adults=counts["adults"],
        children=counts["children"],
        max_rent=need.max_rent if need is not None else None,
        needed_by=(
            (need.needed_by if need is not None else None)
            or household.arrival_date
            or household.expected_arrival_date
        ),
        step_free_needed=need.step_free_needed if need is not None else False,
        languages=member_languages(members),
        has_pets=profile.has_pets if profile is not None else False,
        smokes=profile.smokes if profile is not None else False,
        wants_private_lodging=profile.wants_private_lodging if profile is not None else False,
        area_id=(
            str(need.workplace_or_school_area_id)
            if need is not None and need.workplace_or_school_area_id
            else None
        ),
    )


def reasons_data(reasons: tuple[matching.Reason, ...]) -> list[dict[str, object]]:
    """Reasons as JSON (dates as ISO strings) to store with a meeting."""
    out = []
    for reason in reasons:
        params = {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in reason.params.items()
        }
        out.append(
            {"code": reason.code, "params": params, "ok": reason.ok, "points": reason.points}
        )
    return out


def reasons_from_data(rows: list[dict[str, object]]) -> list[matching.Reason]:
    from datetime import date

    reasons = []
    for row in rows:
        params = dict(row.get("params") or {})  # type: ignore[call-overload]
        for key in ("from", "until", "day"):
            if isinstance(params.get(key), str):
                params[key] = date.fromisoformat(params[key])
        reasons.append(
            matching.Reason(
                str(row["code"]),
                params,
                bool(row.get("ok", True)),
                int(row.get("points", 0)),  # type: ignore[call-overload]
            )
        )
    return reasons
