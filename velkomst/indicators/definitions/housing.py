"""Housing: time in temporary housing, permanent housing from the start, and households per housing
area against the municipality's spread rule (MI-1, MI-5).

Temporary housing is what the placement engine treats as temporary
(``engines.placement.model.TEMPORARY_TYPES``: temporary, private lodging with a host, converted
institution, as ``housing.selectors.TEMPORARY_TYPES``); a stay lasts from moving in to moving out,
both days counted (as ``housing.selectors.stay_days``).

Group keys and their labels (``velkomst.indicators.labels.group_label``):

- ``status`` (temporary_housing_days): ``moved`` ("Flyttet til permanent bolig") or ``staying``
  ("Stadig i midlertidig bolig").
- ``area`` (households_per_area, areas_over_spread_limit): ``str(area_id)`` → the area's name.
- ``type`` (permanent_from_start): the first dwelling's type (``DwellingType`` value) → its label.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from velkomst.core.config import config_value
from velkomst.core.models import Municipality
from velkomst.engines.costs import days_in
from velkomst.housing.engine_input import engine_area
from velkomst.housing.models import Area, DwellingType, Placement
from velkomst.housing.selectors import TEMPORARY_TYPES

from ..library import Good, Item, Scope, Unit, indicator
from .common import of_cohort


def _placements(
    municipality: Municipality, scope: Scope
) -> dict[int, list[tuple[str, date, date | None]]]:
    """Each household's placements that began by the period's end, in order: (type, start, end)."""
    rows = Placement.objects.filter(municipality=municipality, start_date__lte=scope.end)
    rows = of_cohort(rows, scope)
    by_household: dict[int, list[tuple[str, date, date | None]]] = {}
    for household_id, kind, start, end in rows.values_list(
        "household_id", "type", "start_date", "end_date"
    ).order_by("household_id", "start_date", "pk"):
        by_household.setdefault(household_id, []).append((kind, start, end))
    return by_household


@indicator(
    key="temporary_housing_days",
    name=_("Dage i midlertidig bolig"),
    description=_(
        "Husstande, der har boet i midlertidig bolig (midlertidig bolig, privat indkvartering hos "
        "vært, ombygget institution): medianen af dagene i midlertidig bolig, alle ophold lagt "
        "sammen, fra indflytning til fraflytning, begge dage talt med. Med er de husstande, der "
        "flyttede ind i en permanent bolig i perioden efter et midlertidigt ophold (dagene før "
        "indflytningen), og de husstande, der stadig bor midlertidigt på periodens sidste dag "
        "(dagene indtil da). Med årgang: kun husstande, der ankom det år. Måneder siden ankomst "
        "bruges ikke."
    ),
    unit=Unit.DAYS,
    good=Good.DOWN,
    breakdowns=("status",),
    sources=("housing",),
)
def temporary_housing_days(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    for household_id, stays in _placements(municipality, scope).items():
        moved = next(
            (s for kind, s, _e in stays if kind == DwellingType.PERMANENT and s >= scope.start),
            None,
        )
        if moved is not None:
            status, last_day = "moved", moved - timedelta(days=1)
            counted = [(k, s, e) for k, s, e in stays if s < moved]
        else:
            living = [(k, s, e) for k, s, e in stays if e is None or e >= scope.end]
            if not living or living[-1][0] not in TEMPORARY_TYPES:
                continue
            status, last_day, counted = "staying", scope.end, stays
        days = sum(
            days_in(start, end, start, last_day)
            for kind, start, end in counted
            if kind in TEMPORARY_TYPES
        )
        if days:  # a move between permanent homes is no stay in temporary housing
            yield Item(days, household_id=household_id, groups={"status": status})


@indicator(
    key="permanent_from_start",
    name=_("Placeret i permanent bolig fra starten"),
    description=_(
        "Husstande, der ankom i perioden, og hvis første bolig er registreret: andelen, hvis "
        "første bolig (den tidligste indflytning) var en permanent bolig. Husstande uden en "
        "registreret bolig tæller ikke med. Med årgang: kun husstande, der ankom det år. Måneder "
        "siden ankomst bruges ikke (det gælder starten). Opdelt på den første boligs type."
    ),
    unit=Unit.SHARE,
    breakdowns=("type",),
    sources=("housing",),
)
def permanent_from_start(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    rows = Placement.objects.filter(
        municipality=municipality,
        household__arrival_date__gte=scope.start,
        household__arrival_date__lte=scope.end,
    )
    rows = of_cohort(rows, scope)
    first: dict[int, str] = {}
    for household_id, kind in rows.values_list("household_id", "type").order_by(
        "household_id", "start_date", "pk"
    ):
        first.setdefault(household_id, kind)
    for household_id, kind in first.items():
        yield Item(
            int(kind == DwellingType.PERMANENT), household_id=household_id, groups={"type": kind}
        )


def _living(
    municipality: Municipality, day: date, cohort: int | None = None
) -> list[tuple[int, int]]:
    """(household id, area id) of every household living in a dwelling of an area on ``day``."""
    rows = Placement.objects.filter(
        municipality=municipality, start_date__lte=day, dwelling__area__isnull=False
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
    if cohort is not None:
        rows = rows.filter(household__arrival_date__year=cohort)
    return list(rows.values_list("household_id", "dwelling__area_id").order_by("household_id"))


@indicator(
    key="households_per_area",
    name=_("Husstande pr. boligområde"),
    description=_(
        "Husstande, der bor i en bolig, kommunen har placeret dem i, på periodens sidste dag: "
        "antallet pr. boligområde (bydel eller by). Områdets egne tal for flygtningehusstande, "
        "der bor der uden for platformen, er ikke med. Med årgang: kun husstande, der ankom det "
        "år. Måneder siden ankomst bruges ikke (en opgørelse på én dag)."
    ),
    unit=Unit.COUNT,
    good=Good.NEITHER,
    breakdowns=("area",),
    sources=("housing",),
)
def households_per_area(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    for household_id, area_id in _living(municipality, scope.end, scope.cohort):
        yield Item(household_id=household_id, groups={"area": str(area_id)})


@indicator(
    key="areas_over_spread_limit",
    name=_("Boligområder over spredningsgrænsen"),
    description=_(
        "Kommunens boligområder på periodens sidste dag: antallet, hvor flygtningehusstandene "
        "overstiger kommunens spredningsregel for boligplacering, talt som boligplaceringen "
        "tæller dem: områdets registrerede antal flygtningehusstande plus de husstande, platformen "
        "har placeret der, over for områdets loft (højst antal eller højst andel af områdets "
        "husstande, det mindste gælder; ellers kommunens loft pr. område). Årgang og måneder siden "
        "ankomst bruges ikke (reglen gælder alle, der bor der)."
    ),
    unit=Unit.COUNT,
    good=Good.DOWN,
    breakdowns=("area",),
    sources=("housing",),
)
def areas_over_spread_limit(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    default_cap = int(config_value(municipality, "placement_area_cap", on=scope.end))
    placed: dict[int, int] = {}
    for _household_id, area_id in _living(municipality, scope.end):
        placed[area_id] = placed.get(area_id, 0) + 1
    for area in Area.objects.filter(municipality=municipality).order_by("pk"):
        cap = engine_area(area).cap(default_cap)
        living = area.existing_refugee_households + placed.get(area.pk, 0)
        if cap is not None and living > cap:
            yield Item(living, groups={"area": str(area.pk)})
