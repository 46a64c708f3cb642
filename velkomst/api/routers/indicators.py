"""/api/indicators: the indicator library and its figures by period, cohort and months since
arrival (MI-1, MI-2), with small counts suppressed always (MI-6): the API's readers are outside
the integration team.

Reading needs ``insight.view`` (manager, administrator; everyone else 403). Figures are
aggregates of the caller's own municipality: no citizen is named, so no view is logged. A figure is
served from the cache with the moment it was computed and whether it is stale (then it is being
recomputed in the background); with nothing cached it is computed at once."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from velkomst.core import access
from velkomst.engines.disclosure import Reason
from velkomst.indicators import selectors
from velkomst.indicators.library import Definition, Good, Scope, Unit
from velkomst.indicators.suppression import ShownFigure, shown, threshold_of

from ..auth import acting_user
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import Filters, errors

router = Router(tags=["indicators"])

EARLIEST = date(2000, 1, 1)  # no municipality's records of refugees in the platform go further back
LATEST = date(2100, 12, 31)
LONGEST_YEARS = 20  # the longest period a figure is computed over
MAX_MONTHS_SINCE_ARRIVAL = 240  # 20 years in Denmark


def _insight_viewer(request: HttpRequest) -> Any:
    user = acting_user(request)
    access.require(user, access.INSIGHT_VIEW)
    return user


class IndicatorOut(Schema):
    key: str = Field(description="stable; strategies and cached figures refer to it")
    name: str = Field(description="in the caller's language")
    description: str = Field(description="the population, the event and the period, in words")
    unit: Unit = Field(
        description="share: percent; count: how many; sum; amount: kroner; days: median; "
        "average: mean"
    )
    good: Good = Field(description="which way is better: up, down, or neither")
    breakdowns: list[str] = Field(description="the groups the figure is broken down by")
    sources: list[str] = Field(description="the parts of the platform the figure reads")


class FigureValuesOut(Schema):
    value: str | None = Field(
        description="a decimal number as text (percent for a share); none: hidden, or nobody"
    )
    numerator: str | None = Field(description="the count or sum; none: hidden")
    denominator: str | None = Field(description="items, or for a share their weights; none: hidden")
    population: int | None = Field(description="how many items; none: hidden")
    suppressed: bool = Field(description="hidden to protect individuals (MI-6)")
    shown_as: str = Field(description='what to show instead when hidden: "<5" or "–"')
    reason: Reason | None = Field(
        description="small_count, small_population, small_numerator (hidden by itself) or "
        "complementary (hidden so a small count cannot be worked out by subtraction)"
    )
    reason_text: str = Field(description="the reason in the caller's language")


class GroupOut(FigureValuesOut):
    group: str


class FigureOut(Schema):
    key: str
    start: date
    end: date
    cohort: int | None
    months_since_arrival: int | None
    unit: Unit
    total: FigureValuesOut
    breakdowns: dict[str, list[GroupOut]] = Field(description="per breakdown, its groups")
    computed_at: datetime = Field(description="when the figure was computed")
    stale: bool = Field(
        description="the data has changed since (or the period was still running): the figure "
        "is being recomputed in the background; ask again later for the new one"
    )
    threshold: int = Field(description="counts from 1 to this - 1 are hidden (MI-6)")


class FigureIn(Filters):
    start: date | None = Field(
        None, description="first day of the period (2000-2100); none with end: last month"
    )
    end: date | None = Field(None, description="last day of the period (inclusive)")
    cohort: Annotated[int, Field(ge=EARLIEST.year, le=LATEST.year)] | None = Field(
        None, description="only persons whose household arrived in this year"
    )
    months_since_arrival: Annotated[int, Field(ge=1, le=MAX_MONTHS_SINCE_ARRIVAL)] | None = Field(
        None, description="measure each person this many months after their own arrival"
    )


def _last_month() -> tuple[date, date]:
    first_of_this = timezone.localdate().replace(day=1)
    end = first_of_this - timedelta(days=1)
    return end.replace(day=1), end


def _scope(filters: FigureIn) -> Scope:
    start, end = filters.start, filters.end
    if start is None and end is None:
        start, end = _last_month()
    elif start is None:
        raise InvalidField("start", _("Angiv periodens første dag sammen med den sidste."))
    elif end is None:
        raise InvalidField("end", _("Angiv periodens sidste dag sammen med den første."))
    assert start is not None and end is not None
    if start < EARLIEST:
        raise InvalidField("start", _("Perioden kan tidligst begynde 1. januar 2000."))
    if start > LATEST:
        raise InvalidField("start", _("Perioden kan senest begynde 31. december 2100."))
    if end < start:
        raise InvalidField("end", _("Periodens sidste dag kan ikke ligge før den første."))
    last = date(
        start.year + LONGEST_YEARS,
        start.month,
        monthrange(start.year + LONGEST_YEARS, start.month)[1],
    )
    if end > last:
        raise InvalidField("end", _("En periode kan højst være 20 år."))
    return Scope(start, end, filters.cohort, filters.months_since_arrival)


def _values(figure: ShownFigure) -> dict[str, Any]:
    return {
        "value": figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "population": figure.population,
        "suppressed": figure.suppressed,
        "shown_as": figure.text,
        "reason": figure.reason,
        "reason_text": figure.reason_text,
    }


def _indicator(definition: Definition) -> dict[str, Any]:
    return {
        "key": definition.key,
        "name": str(definition.name),
        "description": str(definition.description),
        "unit": definition.unit,
        "good": definition.good,
        "breakdowns": list(definition.breakdowns),
        "sources": list(definition.sources),
    }


@router.get("/indicators", response={200: list[IndicatorOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_indicators(request: HttpRequest) -> Any:
    """The indicator library (MI-1): each indicator's key, name and description in the caller's
    language, unit, the direction that is good, breakdowns and sources."""
    return [_indicator(d) for d in selectors.indicators_for(_insight_viewer(request))]


@router.get("/indicators/{key}/figure", response={200: FigureOut, **errors(401, 403, 404, 422)})
def get_indicator_figure(request: HttpRequest, key: str, filters: Query[FigureIn]) -> Any:
    """The indicator's figure for the caller's municipality in a period (``start``..``end``,
    both inclusive; neither: last month), optionally of one arrival ``cohort`` or measured
    ``months_since_arrival``: the total and each breakdown's groups, with small counts and the
    cells they could be worked out from hidden (MI-6), the moment it was computed and whether it
    is stale. An unknown key is a 404."""
    user = _insight_viewer(request)
    scope = _scope(filters)
    figure = selectors.figure(user, key, scope)
    threshold = threshold_of(access.tenant_id(user))
    safe = shown(figure.total, figure.groups, figure.definition.unit, threshold)
    return {
        "key": key,
        "start": scope.start,
        "end": scope.end,
        "cohort": scope.cohort,
        "months_since_arrival": scope.months_since_arrival,
        "unit": figure.definition.unit,
        "total": _values(safe.total),
        "breakdowns": {
            breakdown: [{"group": group, **_values(values)} for group, values in groups.items()]
            for breakdown, groups in safe.groups.items()
        },
        "computed_at": figure.computed_at,
        "stale": figure.stale,
        "threshold": threshold,
    }
