"""The places page's reads (MI-5): households per housing area against the spread rule, and the
platform's children per daycare and school against the rule for institutions.

The counts come from the indicator library's cached figures on one day (today):
``households_per_area`` (households the platform placed, living there) and
``areas_over_spread_limit`` (the areas over their cap, counted as the placement engine counts:
the area's recorded refugee households plus those placed), ``children_per_institution`` (children
under 18 who have started in their place). The caps are the housing areas' own (highest number or
share of the area's households, the smaller applies) or the municipality's
``placement_area_cap``; the institutions' limit is ``institution_non_western_max_percent``, the
share of children with non-Western background: the platform's children there with non-Western
background (``non_western_children_per_institution``: a nationality outside Danmarks
Statistik's Western countries, ``people.codes.non_western``) plus the institution's own count of other children with
non-Western background (``Institution.other_non_western_children``), over all its children
(``Institution.children_total``). An institution without a total has no share.

Outside the integration team (``economy.outside_team``) small counts of households and children
are hidden with their complements, and so is every number they could be worked out from (the
area's households in all, the share); whether an area is over its cap is the municipality's rule
about the area, and is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.formats import format_number
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines import charts
from velkomst.families.models import Institution, PlacementKind
from velkomst.housing.engine_input import engine_area
from velkomst.housing.models import Area
from velkomst.indicators import selectors as figures
from velkomst.indicators.definitions.children import KINDS, institution_key
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import Scope
from velkomst.indicators.suppression import ShownFigure, shown, threshold_of

from .economy import Cell, outside_team

OVER = "over"
AT_OR_UNDER = "under"
NO_LIMIT = "none"


@dataclass(frozen=True)
class AreaRow:
    name: str
    url: str
    placed: Cell  # households the platform placed, living there
    recorded: int  # the area's own count of refugee households
    living: Cell  # both together, as the spread rule counts them
    cap: int | None
    status: str  # OVER, AT_OR_UNDER or NO_LIMIT
    status_text: str
    vulnerable: bool
    percent_of_cap: float | None  # for the chart; None when hidden or without a cap


@dataclass(frozen=True)
class InstitutionRow:
    name: str
    kind: str  # the kind's label
    children: Cell  # the platform's children there
    non_western: Cell  # of them, those with non-Western background (the share counts these)
    other: int | None  # the institution's own count of other non-Western children
    total: int | None  # all its children
    share: Cell  # percent with non-Western background
    status: str
    status_text: str
    share_value: float | None  # for the chart; None when hidden or without a total


@dataclass(frozen=True)
class Places:
    day: date
    areas: tuple[AreaRow, ...]
    areas_over: int
    area_chart: charts.Rendered
    area_default_cap: int
    institutions: tuple[InstitutionRow, ...]
    institution_chart: charts.Rendered
    institution_limit: int
    suppressed: bool
    threshold: int
    stale: bool


def _count(figure: ShownFigure | None) -> Cell:
    if figure is None:
        return Cell("0")
    if figure.suppressed:
        return Cell(figure.text or "–", figure.reason_text)
    return Cell(format_number(Decimal(figure.value or 0)))


def _int(figure: ShownFigure | None) -> int | None:
    """The count of a shown figure; 0 for none; None when hidden."""
    if figure is None:
        return 0
    if figure.suppressed:
        return None
    return int(Decimal(figure.value or 0))


def _hidden_with(parts: ShownFigure | None) -> Cell:
    reason = _("Skjult, fordi antallet fra platformen er skjult")
    text = "–"
    return Cell(text, reason) if parts is not None else Cell(text)


def _status(value: int | Decimal | None, limit: int | Decimal | None) -> tuple[str, str]:
    if limit is None:
        return NO_LIMIT, _("Ingen grænse")
    if value is None:
        return "", ""
    if value > limit:
        return OVER, _("Over grænsen")
    return AT_OR_UNDER, _("Inden for grænsen")


def _shown(
    user: StaffUser, key: str, breakdown: str, scope: Scope, threshold: int
) -> tuple[dict[str, ShownFigure], bool]:
    """The groups of ``key``'s figure in ``breakdown``, small counts hidden at ``threshold`` (0:
    none hidden), and whether the figure is stale."""
    found = figures.figure(user, key, scope)
    result = shown(
        found.total,
        {breakdown: found.groups.get(breakdown, {})},
        found.definition.unit,
        threshold,
    )
    return result.groups[breakdown], found.stale


def _percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format_number(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + " %"


def _areas(
    user: StaffUser, municipality: Municipality, scope: Scope, threshold: int
) -> tuple[list[AreaRow], int, bool]:
    placed, stale_placed = _shown(user, "households_per_area", "area", scope, threshold)
    over = figures.figure(user, "areas_over_spread_limit", scope)
    over_ids = set(over.groups.get("area", {}))
    default_cap = int(config_value(municipality, "placement_area_cap", on=scope.end))
    link = access.can(user, access.HOUSING_EDIT)
    rows: list[AreaRow] = []
    for area in Area.objects.filter(municipality=municipality).order_by("name", "pk"):
        key = str(area.pk)
        figure = placed.get(key)
        count = _int(figure)
        cap = engine_area(area).cap(default_cap)
        living = None if count is None else area.existing_refugee_households + count
        if cap is None:
            status, text = NO_LIMIT, _("Ingen grænse")
        elif key in over_ids:
            status, text = OVER, _("Over grænsen")
        else:
            status, text = AT_OR_UNDER, _("Inden for grænsen")
        rows.append(
            AreaRow(
                name=area.name,
                url=reverse("housing-area-edit", args=[area.pk]) if link else "",
                placed=_count(figure),
                recorded=area.existing_refugee_households,
                living=Cell(format_number(living)) if living is not None else _hidden_with(figure),
                cap=cap,
                status=status,
                status_text=text,
                vulnerable=area.vulnerable,
                percent_of_cap=float(living * 100 / cap) if living is not None and cap else None,
            )
        )
    return rows, len(over_ids), stale_placed or over.stale


def _area_chart(rows: list[AreaRow]) -> charts.Rendered:
    bars = [
        charts.Bar(row.name, row.percent_of_cap, suppressed=bool(row.living.reason)) for row in rows
    ]
    return charts.bars(
        charts.BarChart(
            bars=tuple(bars),
            texts=charts.Texts(
                title=_("Flygtningehusstande i procent af områdets loft"),
                desc=_(
                    "For hvert boligområde: flygtningehusstandene (områdets egne tal plus dem, "
                    "platformen har placeret der) i procent af områdets loft. Over 100 % er over "
                    "spredningsgrænsen."
                ),
                no_data=_("Ingen boligområder med loft"),
                target=_("Loftet"),
                on_track=_("Inden for grænsen"),
                off_track=_("Over grænsen"),
                suppressed=_("Skjult: for få til at vise, eller intet loft"),
                x_axis=_("Boligområde"),
                y_axis=_("Procent af loftet"),
            ),
            target=100.0,
            good_up=False,
            fmt=lambda v: _percent(Decimal(str(v))),
            id_prefix="chart-areas",
        )
    )


def _institutions(
    user: StaffUser, municipality: Municipality, scope: Scope, threshold: int, limit: int
) -> tuple[list[InstitutionRow], bool]:
    placed, stale = _shown(user, "children_per_institution", "institution", scope, threshold)
    non_western, stale_non_western = _shown(
        user, "non_western_children_per_institution", "institution", scope, threshold
    )
    registered = list(
        Institution.objects.filter(municipality=municipality, kind__in=KINDS, is_active=True)
    )
    keys = {institution_key(i.pk, ""): i for i in registered}
    rows: list[InstitutionRow] = []
    for key in sorted(
        set(keys) | set(placed), key=lambda k: group_label("children_per_institution", "x", k)
    ):
        institution = keys.get(key)
        figure = placed.get(key)
        non_western_figure = non_western.get(key)
        # hidden when either count is (a part shown beside a hidden whole gives the whole away)
        hidden = _int(figure) is None or _int(non_western_figure) is None
        count = None if hidden else _int(non_western_figure)
        total = institution.children_total if institution else None
        other = institution.other_non_western_children if institution else None
        share: Decimal | None = None
        if count is not None and total:
            share = Decimal((other or 0) + count) * 100 / total
        if count is None:
            share_cell = _hidden_with(figure or non_western_figure)
        elif share is None:
            share_cell = Cell(_("Ikke oplyst"))
        else:
            share_cell = Cell(_percent(share))
        status, text = _status(share, limit) if total else ("", _("Børnetal ikke oplyst"))
        rows.append(
            InstitutionRow(
                name=group_label("children_per_institution", "institution", key),
                kind=str(PlacementKind(institution.kind).label) if institution else "",
                children=_count(figure),
                non_western=_hidden_with(figure) if hidden else _count(non_western_figure),
                other=other,
                total=total,
                share=share_cell,
                status=status,
                status_text=text,
                share_value=float(share) if share is not None else None,
            )
        )
    return rows, stale or stale_non_western


def _institution_chart(rows: list[InstitutionRow], limit: int) -> charts.Rendered:
    bars = [
        charts.Bar(row.name, row.share_value, suppressed=bool(row.share.reason)) for row in rows
    ]
    return charts.bars(
        charts.BarChart(
            bars=tuple(bars),
            texts=charts.Texts(
                title=_("Andel børn med ikke-vestlig baggrund pr. dagtilbud og skole"),
                desc=_(
                    "For hvert dagtilbud og hver skole: platformens børn der plus institutionens "
                    "egne tal for andre børn med ikke-vestlig baggrund, i procent af alle "
                    "institutionens børn, over for kommunens grænse."
                ),
                no_data=_("Ingen institutioner med børnetal"),
                target=_("Grænse"),
                on_track=_("Inden for grænsen"),
                off_track=_("Over grænsen"),
                suppressed=_("Skjult: for få til at vise"),
                x_axis=_("Institution"),
                y_axis=_("Andel"),
            ),
            target=float(limit),
            good_up=False,
            fmt=lambda v: _percent(Decimal(str(v))),
            id_prefix="chart-institutions",
        )
    )


def places(user: StaffUser, *, today: date | None = None) -> Places:
    """The places page on ``today`` for the user's municipality; ``insight.view`` only."""
    access.require(user, access.INSIGHT_VIEW)
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    day = today or timezone.localdate()
    scope = Scope(day, day)
    hide = outside_team(user)
    threshold = threshold_of(municipality)
    used = threshold if hide else 0
    areas, over, stale_areas = _areas(user, municipality, scope, used)
    limit = int(config_value(municipality, "institution_non_western_max_percent", on=day))
    institutions, stale_children = _institutions(user, municipality, scope, used, limit)
    return Places(
        day=day,
        areas=tuple(areas),
        areas_over=over,
        area_chart=_area_chart(areas),
        area_default_cap=int(config_value(municipality, "placement_area_cap", on=day)),
        institutions=tuple(institutions),
        institution_chart=_institution_chart(institutions, limit),
        institution_limit=limit,
        suppressed=hide,
        threshold=threshold,
        stale=stale_areas or stale_children,
    )
