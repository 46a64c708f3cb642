"""The manager's dashboard pages (MI-2): the strategy's overview for a period, an indicator's
trends and breakdowns, the persons behind a figure (drill-down, audited) and the deadlines met
per unit and service standard. Thin: the figures come from ``evaluation`` and ``dashboard``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from velkomst.core import access, audit, formats
from velkomst.core.models import AuditAction
from velkomst.engines.targets import Track
from velkomst.indicators import labels, suppression
from velkomst.indicators.library import Scope
from velkomst.strategies import selectors as strategy_selectors

from . import dashboard, evaluation
from .dashboard import Drill, Period

PAGE_SIZE = 50


def _user(request: HttpRequest) -> Any:
    return request.user


def _crumbs() -> list[tuple[str, str]]:
    return [(_("Overblik"), reverse("insight-dashboard"))]


def _period_context(period: Period) -> dict[str, Any]:
    return {
        "period": period,
        "period_query": urlencode(period.query()),
        "period_choices": [
            ("ytd", _("I år til dato")),
            ("last_year", _("Sidste hele år")),
            ("month", _("En måned")),
        ],
        "month_value": f"{period.start:%Y-%m}",
    }


@require_http_methods(["GET"])
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """The strategy in force, each guidepost with its indicators for the chosen period."""
    user = _user(request)
    access.require(user, access.INSIGHT_VIEW)
    period = dashboard.period_from(request.GET)
    version = strategy_selectors.current_version(user)
    suppress = evaluation.suppress_for(user)
    posts = (
        evaluation.evaluate(user, version, period.start, period.end, suppress=suppress)
        if version is not None
        else []
    )
    only_off = request.GET.get("only") == "off"
    if only_off:  # the start page's count: exactly the indicators that miss their target
        posts = [
            evaluation.GuidepostEvaluation(
                post.guidepost, [e for e in post.indicators if e.track == Track.OFF]
            )
            for post in posts
        ]
        posts = [post for post in posts if post.indicators]
    return render(
        request,
        "insight/dashboard.html",
        {
            "version": version,
            "posts": posts,
            "off_track": evaluation.off_track(posts),
            "only_off": only_off,
            "suppress": suppress,
            "threshold": suppression.threshold_of(access.tenant_id(user)) if suppress else None,
            "can_drill": access.can(user, access.INSIGHT_DRILL),
            **_period_context(period),
        },
    )


@require_http_methods(["GET"])
def indicator_page(request: HttpRequest, key: str) -> HttpResponse:
    """One library indicator: its trend by month, by arrival cohort and by months since arrival
    (target drawn in), and its breakdowns in the chosen period."""
    user = _user(request)
    access.require(user, access.INSIGHT_VIEW)
    row = dashboard.row_for(user, key)
    period = dashboard.period_from(request.GET)
    months = 24 if request.GET.get("months") == "24" else 12
    suppress = evaluation.suppress_for(user)
    [now] = evaluation.series(user, row, [Scope(period.start, period.end)], suppress=suppress)
    monthly = evaluation.monthly_scopes(period.end, months)
    by_month = evaluation.series(user, row, monthly, suppress=suppress)
    cohorts = evaluation.cohort_scopes(period.start, period.end)
    by_cohort = evaluation.series(user, row, cohorts, suppress=suppress)
    since = evaluation.since_arrival_scopes(period.start, period.end)
    by_since = evaluation.series(user, row, since, suppress=suppress)
    name = dashboard._name(row)
    trends = [
        (
            _("Udvikling måned for måned"),
            dashboard.trend_chart(
                row,
                by_month,
                [formats.format_date(s.start, "month") for s in monthly],
                dashboard._texts(
                    _("%(name)s pr. måned") % {"name": name},
                    _("De seneste %(n)s måneder, med målet") % {"n": months},
                    _("Måned"),
                ),
                "month",
            ),
        ),
        (
            _("Pr. ankomstår"),
            dashboard.trend_chart(
                row,
                by_cohort,
                [str(s.cohort) for s in cohorts],
                dashboard._texts(
                    _("%(name)s pr. ankomstår") % {"name": name},
                    _("Personer, der ankom hvert år, målt i perioden %(period)s")
                    % {"period": period.label},
                    _("Ankomstår"),
                ),
                "cohort",
            ),
        ),
        (
            _("Efter måneder i kommunen"),
            dashboard.trend_chart(
                row,
                by_since,
                [dashboard.since_label(s.months_since_arrival or 0) for s in since],
                dashboard._texts(
                    _("%(name)s efter måneder siden ankomst") % {"name": name},
                    _("Hver person målt så mange måneder efter sin ankomst, til og med %(day)s")
                    % {"day": formats.format_date(period.end, "short")},
                    _("Måneder siden ankomst"),
                ),
                "since",
            ),
        ),
    ]
    return render(
        request,
        "insight/indicator.html",
        {
            "row": row,
            "name": name,
            "now": now,
            "mark": now.track_text,
            "trends": trends,
            "breakdowns": dashboard.breakdown_charts(row, now),
            "months": months,
            "suppress": suppress,
            "can_drill": access.can(user, access.INSIGHT_DRILL) and now.drillable,
            "drill_query": urlencode({"start": period.start, "end": period.end}),
            "crumbs": _crumbs(),
            **_period_context(period),
        },
    )


class DrillForm(forms.Form):
    """The figure whose persons are listed: its period (and cohort or months since arrival),
    one group of a breakdown, and whether all of the population or only those counted."""

    start = forms.DateField()
    end = forms.DateField()
    cohort = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    months = forms.IntegerField(required=False, min_value=1, max_value=240)
    breakdown = forms.CharField(required=False, max_length=40)
    group = forms.CharField(required=False, max_length=80)
    counted = forms.ChoiceField(
        required=False,
        choices=(
            ("", gettext_lazy("Alle i opgørelsen")),
            ("yes", gettext_lazy("Kun dem, der tæller med")),
            ("no", gettext_lazy("Kun dem, der ikke tæller med")),
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and (start > end or (end - start).days > 366 * 20):
            self.add_error("end", _("Slutdatoen skal ligge efter startdatoen."))
        if start and not (date(2000, 1, 1) <= start <= date(2100, 12, 31)):
            self.add_error("start", _("Vælg en dato mellem 2000 og 2100."))
        return data

    def drill(self) -> Drill:
        data = self.cleaned_data
        counted = {"yes": True, "no": False}.get(data.get("counted") or "")
        return Drill(
            Scope(data["start"], data["end"], data.get("cohort"), data.get("months")),
            data.get("breakdown") or "",
            data.get("group") or "",
            counted,
        )


@require_http_methods(["GET"])
def drill_page(request: HttpRequest, key: str) -> HttpResponse:
    """The citizens behind a figure that the viewer may see, each read-audited; names link to
    the person's page. Only a library figure that is shown (never a hidden one)."""
    user = _user(request)
    access.require(user, access.INSIGHT_DRILL)
    row = dashboard.row_for(user, key)
    form = DrillForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "insight/indicator_persons.html",
            {"row": row, "name": dashboard._name(row), "form": form, "crumbs": _crumbs()},
            status=400,
        )
    drill = form.drill()
    if evaluation.suppress_for(user):  # the rule today gives drill only to unsuppressed viewers
        [shown] = evaluation.series(user, row, [drill.scope], suppress=True)
        if not shown.drillable:
            raise Http404("hidden figure")
    ids = dashboard.drill_ids(user, key, drill)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    persons = dashboard.persons_of(list(page.object_list))
    audit.log_many(actor=user, action=AuditAction.VIEW, objects=[(p, p.pk) for p in persons])
    query = request.GET.copy()
    query.pop("page", None)
    group_label = labels.group_label(key, drill.breakdown, drill.group) if drill.breakdown else ""
    return render(
        request,
        "insight/indicator_persons.html",
        {
            "row": row,
            "name": dashboard._name(row),
            "form": form,
            "drill": drill,
            "breakdown_label": strategy_selectors.breakdown_label(drill.breakdown)
            if drill.breakdown
            else "",
            "group_label": group_label,
            "counted_label": dict(form.fields["counted"].choices).get(  # type: ignore[attr-defined]
                form.cleaned_data.get("counted") or ""
            ),
            "total": len(ids),
            "page": page,
            "persons": persons,
            "query_string": query.urlencode(),
            "crumbs": [
                *_crumbs(),
                (dashboard._name(row), reverse("insight-indicator", args=[key])),
            ],
        },
    )


@require_http_methods(["GET"])
def deadlines_page(request: HttpRequest) -> HttpResponse:
    """Deadlines of the reception plans met and missed in the period, per unit and per service
    standard (the library's ``deadlines_met``)."""
    user = _user(request)
    access.require(user, access.INSIGHT_VIEW)
    period = dashboard.period_from(request.GET)
    row = dashboard.row_for(user, "deadlines_met")
    suppress = evaluation.suppress_for(user)
    [now] = evaluation.series(user, row, [Scope(period.start, period.end)], suppress=suppress)
    tables = []
    for breakdown in ("unit", "standard"):
        groups = now.groups.get(breakdown, {})
        rows = []
        for group, shown in groups.items():
            met = missed = None
            if not shown.suppressed and shown.numerator is not None:
                met = Decimal(shown.numerator)
                missed = Decimal(shown.denominator or 0) - met
            rows.append(
                {
                    "group": group,
                    "label": labels.group_label("deadlines_met", breakdown, group),
                    "shown": shown,
                    "share": ""
                    if shown.value is None
                    else formats.format_number(Decimal(shown.value)) + " %",
                    "met": met,
                    "missed": missed,
                }
            )
        rows.sort(key=lambda r: str(r["label"]))
        tables.append((breakdown, strategy_selectors.breakdown_label(breakdown), rows))
    return render(
        request,
        "insight/deadlines.html",
        {
            "row": row,
            "now": now,
            "tables": tables,
            "bar_charts": dict(dashboard.breakdown_charts(row, now)),
            "mark": now.track_text,
            "suppress": suppress,
            "can_drill": access.can(user, access.INSIGHT_DRILL) and now.drillable,
            "drill_query": urlencode({"start": period.start, "end": period.end}),
            "crumbs": _crumbs(),
            **_period_context(period),
        },
    )
