"""/api/strategy: the municipality's strategy as data (MI-1), read-only.

The version in force, the list of versions and one version (guideposts in order, each with its
indicators: library key or hand-entered, title, unit, the good direction, the breakdown, the
target's steps and the target as the pages write it), and the hand-entered figures. Needs
``insight.view`` (managers and administrators); no citizen's data, so no read is logged."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from velkomst.core import access
from velkomst.strategies import selectors
from velkomst.strategies.models import Good, Kind, Status, StrategyVersion, Unit

from ..auth import acting_user
from ..pagination import LimitOffset
from ..schemas import Filters, Id, _text, errors

router = Router(tags=["strategies"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)


class TargetStepOut(Schema):
    value: Decimal
    by: date | None = Field(description="the day the value is to be reached; null: no date")


class StrategyIndicatorOut(Schema):
    id: int
    kind: Kind
    key: str = Field(description="the library's key, or the hand-entered indicator's own key")
    title: str
    in_library: bool = Field(description="false: this build's library has no such key yet")
    library_name: str | None
    library_description: str | None
    no_data_reason: str
    unit: Unit | None
    good: Good | None
    breakdown: str | None
    targets: list[TargetStepOut]
    target_text: str


class GuidepostOut(Schema):
    id: int
    number: int
    title: str
    description: str
    indicators: list[StrategyIndicatorOut]


class VersionSummaryOut(Schema):
    id: int
    reference: str = Field(description='the version\'s stable name, e.g. "540-v2"')
    number: int
    title: str
    status: Status
    valid_from: date
    note: str
    created_at: datetime
    published_at: datetime | None


class VersionOut(VersionSummaryOut):
    guideposts: list[GuidepostOut]


class HandFigureOut(Schema):
    id: int
    indicator_key: str
    indicator_title: str
    period_start: date
    period_end: date
    value: Decimal
    source: str
    note: str
    hand_entered: bool = Field(True, description="always true: entered by hand")
    entered_by: str
    entered_at: datetime
    version: int


class HandFigureFilters(Filters):
    indicator_key: Annotated[str, _text(80, 0)] = ""


def _reader(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = acting_user(request)
    access.require(user, access.INSIGHT_VIEW)
    return user


def _summary(version: StrategyVersion) -> dict[str, object]:
    return {
        "id": version.pk,
        "reference": version.reference,
        "number": version.number,
        "title": version.title,
        "status": version.status,
        "valid_from": version.valid_from,
        "note": version.note,
        "created_at": version.created_at,
        "published_at": version.published_at,
    }


def _version(version: StrategyVersion) -> dict[str, object]:
    guideposts = []
    for row in selectors.contents(version):
        post = row.guidepost
        indicators = []
        for item in row.indicators:
            indicator = item.indicator
            indicators.append(
                {
                    "id": indicator.pk,
                    "kind": indicator.kind,
                    "key": indicator.key,
                    "title": indicator.title,
                    "in_library": item.definition is not None,
                    "library_name": str(item.definition.name) if item.definition else None,
                    "library_description": str(item.definition.description)
                    if item.definition
                    else None,
                    "no_data_reason": indicator.no_data_reason,
                    "unit": item.unit or None,
                    "good": item.good or None,
                    "breakdown": indicator.breakdown or None,
                    "targets": [
                        {"value": step.value, "by": step.by} for step in indicator.target_steps()
                    ],
                    "target_text": item.target,
                }
            )
        guideposts.append(
            {
                "id": post.pk,
                "number": post.number,
                "title": post.title,
                "description": post.description,
                "indicators": indicators,
            }
        )
    return {**_summary(version), "guideposts": guideposts}


@router.get("/strategy", response={200: VersionOut, **READ})
def strategy_current(request: HttpRequest) -> dict[str, object]:
    """The version in force today (404 when the municipality has published none)."""
    version = selectors.current_version(_reader(request))
    if version is None:
        raise HttpError(404, "no published strategy")
    return _version(version)


@router.get("/strategy/versions", response={200: list[VersionSummaryOut], **LIST})
@paginate(LimitOffset)
def strategy_versions(request: HttpRequest) -> list[dict[str, object]]:
    """Every version, newest first, drafts included."""
    return [_summary(v) for v in selectors.versions(_reader(request))]


@router.get("/strategy/versions/{strategy_version_id}", response={200: VersionOut, **READ})
def strategy_version(request: HttpRequest, strategy_version_id: Id) -> dict[str, object]:
    return _version(selectors.version_get(_reader(request), strategy_version_id))


@router.get("/strategy/hand-figures", response={200: list[HandFigureOut], **LIST})
@paginate(LimitOffset)
def hand_figures(
    request: HttpRequest, filters: Query[HandFigureFilters]
) -> list[dict[str, object]]:
    """The hand-entered figures, newest period first per indicator (``indicator_key``)."""
    rows = selectors.hand_figures(_reader(request), filters.indicator_key)
    return [
        {
            "id": row.figure.pk,
            "indicator_key": row.figure.indicator_key,
            "indicator_title": row.title,
            "period_start": row.figure.period_start,
            "period_end": row.figure.period_end,
            "value": row.figure.value,
            "source": row.figure.source,
            "note": row.figure.note,
            "hand_entered": True,
            "entered_by": row.figure.entered_by.get_full_name() if row.figure.entered_by else "",
            "entered_at": row.figure.entered_at,
            "version": row.figure.version,
        }
        for row in rows
    ]
