"""Writes of the housing register (HOU-1, HOU-2). Each runs in one transaction with its audit
rows; edits use optimistic concurrency (SEC-5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import (
    create_audited,
    log_for_members,
    snapshot,
    update_audited,
    update_for_members,
)
from velkomst.core.versioning import save_versioned
from velkomst.people.models import Household

from . import rules
from .models import (
    Area,
    Dwelling,
    DwellingStatus,
    DwellingType,
    HousingNeed,
    LandlordKind,
    Placement,
    PlacementEndReason,
    PlacementSource,
)

AREA_FIELDS = (
    "name",
    "kind",
    "vulnerable",
    "youth_environment",
    "schools",
    "daycares",
    "existing_refugee_households",
    "max_refugee_households",
    "max_share_percent",
    "households_total",
    "note",
)
DWELLING_FIELDS = (
    "address",
    "area",
    "type",
    "rooms",
    "size_m2",
    "rent",
    "utilities",
    "landlord_kind",
    "landlord_name",
    "available_from",
    "step_free",
    "minutes_to_school",
    "minutes_to_daycare",
    "minutes_to_transport",
    "minutes_to_shops",
    "status",
)
NEED_FIELDS = (
    "rooms_needed",
    "expected_monthly_income",
    "max_rent",
    "step_free_needed",
    "student_youth_environment",
    "workplace_or_school_area",
    "wished_area",
    "needed_by",
    "wishes",
)


@dataclass
class NeedData:
    """A household's need as entered. ``max_rent`` None: computed from the income and the
    municipality's share; ``rooms_needed`` None: computed from the household's composition;
    ``needed_by`` None: the (expected) arrival date."""

    rooms_needed: int | None = None
    expected_monthly_income: int | None = None
    max_rent: int | None = None
    step_free_needed: bool = False
    student_youth_environment: bool = False
    workplace_or_school_area: Area | None = None
    wished_area: Area | None = None
    needed_by: date | None = None
    wishes: str = ""


def _check_area(area: Area | None, municipality_id: int, field_name: str) -> None:
    if area is not None and area.municipality_id != municipality_id:
        raise ValidationError({field_name: _("Området findes ikke.")})


def _validate_area(area: Area) -> None:
    if not area.name.strip():
        raise ValidationError({"name": _("Skriv områdets navn.")})
    if area.max_share_percent is not None and area.max_share_percent > 100:
        raise ValidationError({"max_share_percent": _("En andel kan højst være 100 %.")})
    if area.max_share_percent is not None and area.households_total is None:
        raise ValidationError(
            {
                "households_total": _(
                    "Skriv hvor mange husstande der bor i området, så andelen kan regnes om."
                )
            }
        )
    clash = Area.objects.filter(municipality_id=area.municipality_id, name__iexact=area.name)
    if area.pk:
        clash = clash.exclude(pk=area.pk)
    if clash.exists():
        raise ValidationError({"name": _("Der findes allerede et område med det navn.")})


@transaction.atomic
def area_create(*, acting_user: StaffUser, **values: Any) -> Area:
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, municipality_id)
    return create_audited(
        Area(municipality_id=municipality_id, **values),
        acting_user=acting_user,
        fields=AREA_FIELDS,
        validate=_validate_area,
    )


@transaction.atomic
def area_update(
    *, area: Area, acting_user: StaffUser, expected_version: int, **values: Any
) -> Area:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, area.municipality_id)
    return update_audited(
        area,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=AREA_FIELDS,
        validate=_validate_area,
    )


def validate_dwelling(dwelling: Dwelling) -> None:
    """Field messages for a dwelling that breaks the register's rules."""
    errors: dict[str, str] = {}
    if not dwelling.address.strip():
        errors["address"] = _("Skriv boligens adresse.")
    if dwelling.rooms is not None and dwelling.rooms < 1:
        errors["rooms"] = _("En bolig har mindst ét værelse.")
    if dwelling.size_m2 is not None and dwelling.size_m2 < 1:
        errors["size_m2"] = _("Skriv boligens størrelse i m².")
    if getattr(dwelling, "area_id", None) is not None:
        area = dwelling.area
        if area.municipality_id != dwelling.municipality_id:
            errors["area"] = _("Området findes ikke.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def dwelling_create(*, acting_user: StaffUser, **values: Any) -> Dwelling:
    return dwellings_create(acting_user=acting_user, rows=[values], channel="web")[0]


@transaction.atomic
def dwellings_create(
    *,
    acting_user: StaffUser,
    rows: Sequence[dict[str, Any]],
    channel: str = "web",
    reason: str = "",
) -> list[Dwelling]:
    """Create dwellings (one from a form, many from an import) with one audit row each."""
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, municipality_id)
    now = timezone.now()
    dwellings = []
    for values in rows:
        dwelling = Dwelling(
            municipality_id=municipality_id, created_at=now, updated_at=now, **values
        )
        validate_dwelling(dwelling)
        dwellings.append(dwelling)
    created = []
    for dwelling in dwellings:  # saved one by one: ids on every database for the audit rows
        dwelling.save()
        created.append(dwelling)
    audit.log_bulk(
        audit.entry(
            actor=acting_user,
            action=AuditAction.CREATE,
            obj=dwelling,
            changes=audit.diff({}, snapshot(dwelling, DWELLING_FIELDS)),
            reason=reason,
            channel=channel,
        )
        for dwelling in created
    )
    return created


@transaction.atomic
def dwelling_update(
    *, dwelling: Dwelling, acting_user: StaffUser, expected_version: int, **values: Any
) -> Dwelling:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, dwelling.municipality_id)
    return update_audited(
        dwelling,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=DWELLING_FIELDS,
        validate=validate_dwelling,
    )


def _dwelling_set_status(*, acting_user: StaffUser, dwelling: Dwelling, status: str) -> None:
    """A move frees or occupies ``dwelling`` (read in this transaction) through the register's
    own versioned, audited write, so a dwelling form opened before the move is refused as a
    concurrent edit rather than setting the status back (SEC-3, SEC-5)."""
    update_audited(
        dwelling,
        acting_user=acting_user,
        expected_version=dwelling.version,
        values={"status": status},
        fields=DWELLING_FIELDS,
    )


def _resolve_need(household: Household, data: NeedData) -> dict[str, Any]:
    from .selectors import default_rooms, max_rent_share

    errors: dict[str, str] = {}
    values = {name: getattr(data, name) for name in NEED_FIELDS}
    if values["rooms_needed"] is None:
        values["rooms_needed"] = default_rooms(household)
    elif values["rooms_needed"] < 1:
        errors["rooms_needed"] = _("En husstand har brug for mindst ét værelse.")
    if values["max_rent"] is None:
        values["max_rent"] = rules.max_rent(
            monthly_income=values["expected_monthly_income"], share=max_rent_share(household)
        )
    if values["needed_by"] is None:
        values["needed_by"] = household.arrival_date or household.expected_arrival_date
    for name in ("workplace_or_school_area", "wished_area"):
        if values[name] is not None and values[name].municipality_id != household.municipality_id:
            errors[name] = _("Området findes ikke.")
    if values["wished_area"] is not None and values["wished_area"].vulnerable:
        errors["wished_area"] = _(
            "Området er et udsat boligområde; der placeres ingen der. Vælg et andet."
        )
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def housing_need_save(
    *,
    household: Household,
    acting_user: StaffUser,
    data: NeedData,
    expected_version: int | None = None,
) -> HousingNeed:
    """Create the household's need, or change it (``expected_version``: the version the user
    saw; a need created meanwhile by someone else is a concurrent edit)."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, household.municipality_id)
    values = _resolve_need(household, data)
    need = HousingNeed.objects.filter(household=household).first()
    if need is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError(str(HousingNeed._meta.verbose_name))
        need = HousingNeed(municipality_id=household.municipality_id, household=household, **values)
        need.save()
        log_for_members(
            acting_user,
            AuditAction.CREATE,
            need,
            need.household,
            audit.diff({}, snapshot(need, NEED_FIELDS)),
        )
        return need
    return update_for_members(
        need,
        acting_user=acting_user,
        household=need.household,
        expected_version=need.version if expected_version is None else expected_version,
        values=values,
        fields=NEED_FIELDS,
    )


# --- Placements and moves (HOU-4) ---------------------------------------------------------------

PLACEMENT_FIELDS = (
    "household_id",
    "dwelling_id",
    "type",
    "monthly_cost",
    "start_date",
    "end_date",
    "end_reason",
)


def _end_open(
    *,
    acting_user: StaffUser,
    household: Household,
    end_date: date,
    reason: str,
    channel: str = "web",
    freed: str = DwellingStatus.AVAILABLE,
) -> Placement | None:
    current = (
        Placement.objects.select_for_update()
        .filter(household=household, end_date__isnull=True)
        .select_related("dwelling")
        .first()
    )
    if current is None:
        return None
    if end_date < current.start_date:
        raise ValidationError(
            {
                "start_date": _("Datoen ligger før indflytningen i den nuværende bolig (%(date)s).")
                % {"date": format_date(current.start_date, "short")}
            }
        )
    before = snapshot(current, PLACEMENT_FIELDS)
    current.end_date = end_date
    current.end_reason = reason
    save_versioned(current, expected_version=current.version, fields=["end_date", "end_reason"])
    if not current.dwelling.placements.filter(end_date__isnull=True).exists():
        _dwelling_set_status(acting_user=acting_user, dwelling=current.dwelling, status=freed)
    log_for_members(
        acting_user,
        AuditAction.CHANGE,
        current,
        current.household,
        audit.diff(before, snapshot(current, PLACEMENT_FIELDS)),
        channel=channel,
    )
    return current


@transaction.atomic
def placement_start(
    *,
    acting_user: StaffUser,
    household: Household,
    dwelling: Dwelling,
    start_date: date,
    source: str = PlacementSource.MANUAL,
    note: str = "",
) -> Placement:
    """The household moves into ``dwelling`` on ``start_date``. An open placement of the
    household ends the day before (a move, e.g. temporary → permanent). The dwelling must be
    free: no other open placement, unless it is a shared dwelling."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, household.municipality_id)
    if dwelling.municipality_id != household.municipality_id:
        raise ValidationError({"dwelling": _("Boligen findes ikke.")})
    dwelling = Dwelling.objects.select_for_update().get(pk=dwelling.pk)
    if dwelling.status == DwellingStatus.WITHDRAWN:
        raise ValidationError({"dwelling": _("Boligen er taget ud af brug.")})
    if start_date < dwelling.available_from:
        raise ValidationError(
            {
                "start_date": _("Boligen er først ledig %(date)s.")
                % {"date": format_date(dwelling.available_from, "short")}
            }
        )
    occupied = dwelling.placements.filter(end_date__isnull=True).exclude(household=household)
    if dwelling.type != DwellingType.SHARED and occupied.exists():
        raise ValidationError({"dwelling": _("Boligen er allerede beboet.")})
    current = Placement.objects.filter(household=household, end_date__isnull=True).first()
    if current is not None and current.dwelling_id == dwelling.pk:
        raise ValidationError({"dwelling": _("Husstanden bor allerede i boligen.")})
    _end_open(
        acting_user=acting_user,
        household=household,
        end_date=start_date - timedelta(days=1),
        reason=PlacementEndReason.MOVED,
    )
    placement = Placement.objects.create(
        municipality_id=household.municipality_id,
        household=household,
        dwelling=dwelling,
        type=dwelling.type,
        monthly_cost=dwelling.monthly_cost,
        start_date=start_date,
        source=source,
        note=note,
        created_by=acting_user,
    )
    _dwelling_set_status(acting_user=acting_user, dwelling=dwelling, status=DwellingStatus.OCCUPIED)
    log_for_members(
        acting_user,
        AuditAction.CREATE,
        placement,
        placement.household,
        audit.diff({}, snapshot(placement, PLACEMENT_FIELDS)),
    )
    if dwelling.landlord_kind == LandlordKind.HOUSING_ASSOCIATION:
        from velkomst.reception.services import move_in_visits_follow

        move_in_visits_follow(
            household=household,
            move_in=start_date,
            landlord=dwelling.landlord_name or str(LandlordKind.HOUSING_ASSOCIATION.label),
            address=dwelling.address,
            acting_user=acting_user,
        )
    return placement


@transaction.atomic
def placement_end_with_lease(
    *, placement: Placement, end_date: date, actor: StaffUser, channel: str = "system"
) -> Placement | None:
    """A sublet placement (a private host's room, HOU-6) ends on the lease's last day: the
    placement gets ``end_date`` and the reason "lease ended", the dwelling leaves the register's
    free dwellings (withdrawn: the municipality no longer rents it), audited per member (channel
    ``system`` from the daily command, actor the officer who made the lease). Nothing happens
    when the household has moved on already (the placement is ended)."""
    current = Placement.objects.select_for_update().get(pk=placement.pk)
    if current.end_date is not None:
        return None
    return _end_open(
        acting_user=actor,
        household=current.household,
        end_date=end_date,
        reason=PlacementEndReason.LEASE_ENDED,
        channel=channel,
        freed=DwellingStatus.WITHDRAWN,  # the municipality no longer rents it
    )


@transaction.atomic
def placement_end(
    *, acting_user: StaffUser, household: Household, end_date: date, reason: str
) -> Placement:
    """The household leaves its dwelling without a new one registered (e.g. moved away)."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, household.municipality_id)
    if reason not in PlacementEndReason.values:
        raise ValidationError({"end_reason": _("Vælg en årsag.")})
    ended = _end_open(
        acting_user=acting_user, household=household, end_date=end_date, reason=reason
    )
    if ended is None:
        raise ValidationError({"end_date": _("Husstanden har ingen nuværende bolig.")})
    return ended
