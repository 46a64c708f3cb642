"""Writes for municipalities, units and staff configuration."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from .models import Municipality, MunicipalityConfig, Unit, UnitKind


@transaction.atomic
def municipality_create(*, code: str, name: str, units: bool = True) -> Municipality:
    """Create a municipality (tenant), with one unit of each kind unless ``units`` is False."""
    municipality = Municipality.objects.create(code=code, name=name)
    if units:
        Unit.objects.bulk_create(
            Unit(municipality=municipality, kind=kind, name=str(label))
            for kind, label in UnitKind.choices
        )
    return municipality


@transaction.atomic
def municipality_configure(
    *, municipality: Municipality, effective_from: date, values: dict[str, Any], note: str = ""
) -> MunicipalityConfig:
    """Set configuration values from a date on; earlier versions stay for earlier dates."""
    config, _ = MunicipalityConfig.objects.update_or_create(
        municipality=municipality,
        effective_from=effective_from,
        defaults={"values": values, "note": note},
    )
    return config
