"""Reads of strategies (MI-1), always within the acting user's municipality (another
municipality's version, guidepost, indicator or figure is a 404), and the text a reader sees:
targets as sentences ("25 % inden 31.12.2017, derefter 50 % inden 31.12.2018"), each library
indicator with the library's name and description, or "no data source yet" where this build's
library has no such key."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.core import access, formats
from velkomst.core.models import StaffUser
from velkomst.indicators import library

from .models import (
    Good,
    Guidepost,
    HandFigure,
    Kind,
    Status,
    StrategyIndicator,
    StrategyVersion,
    TargetStep,
    Unit,
)
from .services import manual_keys

# the group names the library's items carry, by their label
BREAKDOWN_LABELS: dict[str, Promise] = {
    "sex": gettext_lazy("køn"),
    "age": gettext_lazy("aldersgruppe"),
    "kind": gettext_lazy("art"),
    "institution": gettext_lazy("institution og skole"),
    "area": gettext_lazy("boligområde"),
    "unit": gettext_lazy("enhed"),
    "standard": gettext_lazy("servicestandard"),
    "exam": gettext_lazy("prøve"),
    "module": gettext_lazy("modul"),
    "category": gettext_lazy("kategori"),
    "year": gettext_lazy("år"),
    "cohort": gettext_lazy("ankomstår"),
    "benefit": gettext_lazy("ydelse"),
    "group": gettext_lazy("gruppe"),
    "language": gettext_lazy("sprog"),
    "mode": gettext_lazy("tolkeform"),
    "moment": gettext_lazy("tidspunkt"),
    "result": gettext_lazy("resultat"),
    "source": gettext_lazy("kilde"),
    "status": gettext_lazy("status"),
    "track": gettext_lazy("spor"),
    "type": gettext_lazy("type"),
}


def breakdown_label(name: str) -> str:
    return str(BREAKDOWN_LABELS.get(name, name))


def _value_text(value: Decimal, unit: str) -> str:
    number = formats.format_number(value)
    if unit == Unit.SHARE:
        return f"{number} %"
    if unit == Unit.AMOUNT:
        return formats.format_amount(value)
    if unit == Unit.DAYS:
        return _("%(n)s dage") % {"n": number}
    return number


def target_text(steps: list[TargetStep], unit: str) -> str:
    """The target as a sentence: "25 % inden 31.12.2017, derefter 50 % inden 31.12.2018";
    "80 %" for a standing target; "" for none."""
    parts: list[str] = []
    for number, step in enumerate(steps):
        value = _value_text(step.value, unit)
        text = (
            _("%(value)s inden %(day)s")
            % {"value": value, "day": formats.format_date(step.by, "short")}
            if step.by
            else value
        )
        parts.append(text if number == 0 else _("derefter %(target)s") % {"target": text})
    return ", ".join(parts)


def value_text(value: Decimal, unit: str) -> str:
    return _value_text(value, unit)


@dataclass
class IndicatorRow:
    indicator: StrategyIndicator
    definition: library.Definition | None
    unit: str
    good: str
    good_label: str
    target: str
    breakdown: str
    latest_figure: HandFigure | None = None

    @property
    def is_manual(self) -> bool:
        return self.indicator.kind == Kind.MANUAL

    @property
    def latest_text(self) -> str:
        """The latest hand-entered figure as text ("72,5 %"), "" for none."""
        if self.latest_figure is None:
            return ""
        return _value_text(self.latest_figure.value, self.unit)

    @property
    def has_source(self) -> bool:
        """Does the platform compute it (a library key this build holds)?"""
        return self.definition is not None


@dataclass
class GuidepostRow:
    guidepost: Guidepost
    indicators: list[IndicatorRow] = field(default_factory=list)


def _good_label(good: str) -> str:
    return str(dict(Good.choices).get(good, "")) if good else ""


def indicator_row(
    indicator: StrategyIndicator, definitions: dict[str, library.Definition]
) -> IndicatorRow:
    definition = definitions.get(indicator.key) if indicator.kind == Kind.LIBRARY else None
    unit = str(definition.unit) if definition is not None else indicator.unit
    good = indicator.good or (str(definition.good) if definition is not None else "")
    return IndicatorRow(
        indicator=indicator,
        definition=definition,
        unit=unit,
        good=good,
        good_label=_good_label(good),
        target=target_text(indicator.target_steps(), unit),
        breakdown=breakdown_label(indicator.breakdown) if indicator.breakdown else "",
    )


def contents(version: StrategyVersion) -> list[GuidepostRow]:
    """The version's guideposts in order, each with its indicators as rows to show; a manual
    indicator carries its latest hand-entered figure."""
    definitions = {d.key: d for d in library.all_definitions()}
    posts = list(version.guideposts.order_by("number", "id").prefetch_related("indicators"))
    manual = {i.key for post in posts for i in post.indicators.all() if i.kind == Kind.MANUAL}
    latest: dict[str, HandFigure] = {}
    for figure in HandFigure.objects.filter(
        municipality_id=version.municipality_id, indicator_key__in=manual
    ).order_by("indicator_key", "-period_end", "-period_start"):
        latest.setdefault(figure.indicator_key, figure)
    rows = []
    for post in posts:
        row = GuidepostRow(post)
        for indicator in post.indicators.all():
            item = indicator_row(indicator, definitions)
            item.latest_figure = latest.get(indicator.key) if item.is_manual else None
            row.indicators.append(item)
        rows.append(row)
    return rows


# --- versions ------------------------------------------------------------------------------------


def _versions(user: StaffUser) -> QuerySet[StrategyVersion]:
    return StrategyVersion.objects.filter(municipality_id=access.tenant_id(user)).select_related(
        "municipality", "created_by", "published_by"
    )


def current_for(municipality_id: int, on: date | None = None) -> StrategyVersion | None:
    """The published version in force on ``on`` (today): the latest day in force, then the
    highest number."""
    on = on or timezone.localdate()
    return (
        StrategyVersion.objects.filter(
            municipality_id=municipality_id, status=Status.PUBLISHED, valid_from__lte=on
        )
        .select_related("municipality")
        .order_by("-valid_from", "-number")
        .first()
    )


def current_version(user: StaffUser, on: date | None = None) -> StrategyVersion | None:
    access.require(user, access.INSIGHT_VIEW)
    return current_for(access.tenant_id(user), on)


def versions(user: StaffUser) -> list[StrategyVersion]:
    access.require(user, access.INSIGHT_VIEW)
    return list(_versions(user).order_by("-number"))


def version_get(user: StaffUser, pk: int) -> StrategyVersion:
    access.require(user, access.INSIGHT_VIEW)
    return get_object_or_404(_versions(user), pk=pk)


def version_by_reference(municipality_id: int, reference: str) -> StrategyVersion | None:
    """The version a report names ("540-v2"), of the municipality."""
    code, _sep, number = reference.rpartition("-v")
    if not number.isdigit():
        return None
    return (
        StrategyVersion.objects.filter(
            municipality_id=municipality_id, municipality__code=code, number=int(number)
        )
        .select_related("municipality")
        .first()
    )


def draft_get(user: StaffUser, pk: int) -> StrategyVersion:
    access.require(user, access.STRATEGY_EDIT)
    return get_object_or_404(_versions(user), pk=pk)


def guidepost_get(user: StaffUser, pk: int) -> Guidepost:
    access.require(user, access.STRATEGY_EDIT)
    return get_object_or_404(
        Guidepost.objects.select_related("strategy", "strategy__municipality"),
        pk=pk,
        municipality_id=access.tenant_id(user),
    )


def indicator_get(user: StaffUser, pk: int) -> StrategyIndicator:
    access.require(user, access.STRATEGY_EDIT)
    return get_object_or_404(
        StrategyIndicator.objects.select_related(
            "guidepost", "guidepost__strategy", "guidepost__strategy__municipality"
        ),
        pk=pk,
        municipality_id=access.tenant_id(user),
    )


# --- hand-entered figures ------------------------------------------------------------------------


@dataclass
class FigureRow:
    figure: HandFigure
    title: str
    unit: str

    @property
    def value_text(self) -> str:
        return _value_text(self.figure.value, self.unit)


def hand_figures(user: StaffUser, key: str = "") -> list[FigureRow]:
    access.require(user, access.INSIGHT_VIEW)
    municipality_id = access.tenant_id(user)
    indicators = manual_keys(municipality_id)
    figures = HandFigure.objects.filter(municipality_id=municipality_id).select_related(
        "entered_by"
    )
    if key:
        figures = figures.filter(indicator_key=key)
    return [
        FigureRow(
            figure,
            indicators[figure.indicator_key].title
            if figure.indicator_key in indicators
            else figure.indicator_key,
            indicators[figure.indicator_key].unit if figure.indicator_key in indicators else "",
        )
        for figure in figures.order_by("indicator_key", "-period_end", "-period_start")
    ]


def figure_get(user: StaffUser, pk: int) -> HandFigure:
    access.require(user, access.STRATEGY_EDIT)
    return get_object_or_404(HandFigure, pk=pk, municipality_id=access.tenant_id(user))


def manual_choices(user: StaffUser) -> list[tuple[str, str]]:
    """The hand-entered indicators to choose from: (key, title)."""
    return [(key, ind.title) for key, ind in manual_keys(access.tenant_id(user)).items()]


# --- the administrator's start-page panel --------------------------------------------------------


@dataclass(frozen=True)
class State:
    current: StrategyVersion | None
    drafts: list[StrategyVersion]
    no_source: int  # library indicators whose key this build's library does not hold yet
    manual: int  # indicators entered by hand
    missing: int  # … of which no figure covers the last period
    period: tuple[date, date]  # the last period: the last whole calendar year


def last_period(today: date | None = None) -> tuple[date, date]:
    year = (today or timezone.localdate()).year - 1
    return date(year, 1, 1), date(year, 12, 31)


def state(user: StaffUser) -> State:
    """The strategy's state for the administrator: the version in force, the drafts, and the
    current version's indicators without a data source and hand figures missing for the last
    whole year. A fixed number of queries."""
    access.require(user, access.INSIGHT_VIEW)
    municipality_id = access.tenant_id(user)
    current = current_for(municipality_id)
    drafts = list(
        StrategyVersion.objects.filter(
            municipality_id=municipality_id, status=Status.DRAFT
        ).order_by("-number")
    )
    start, end = last_period()
    no_source = manual = missing = 0
    if current is not None:
        keys = {d.key for d in library.all_definitions()}
        indicators = list(
            StrategyIndicator.objects.filter(guidepost__strategy=current).values_list("kind", "key")
        )
        manual_set = {key for kind, key in indicators if kind == Kind.MANUAL}
        no_source = sum(1 for kind, key in indicators if kind == Kind.LIBRARY and key not in keys)
        manual = len(manual_set)
        covered = set(
            HandFigure.objects.filter(
                municipality_id=municipality_id,
                indicator_key__in=manual_set,
                period_start__lte=start,
                period_end__gte=end,
            ).values_list("indicator_key", flat=True)
        )
        missing = len(manual_set - covered)
    return State(current, drafts, no_source, manual, missing, (start, end))


def as_data(version: StrategyVersion) -> dict[str, Any]:
    """The version as plain data (the API's body)."""
    return {
        "version": version,
        "guideposts": contents(version),
    }
