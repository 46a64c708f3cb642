"""The page "Udtræk til analyse" (MI-6): choose an arrival cohort or a period and a format; the
file is pseudonymised (exports.py). CSV streams row by row; XLSX is built in one go."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import Municipality
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin
from velkomst.people.models import Household

from . import exports


class ExportForm(DkfdsFormMixin, forms.Form):
    cohort = forms.TypedChoiceField(
        label=_("Ankomstår"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Alle der ankom i året. Eller vælg en periode nedenfor."),
    )
    arrived_from = forms.DateField(
        label=_("Ankommet fra og med"), required=False, widget=DATE_WIDGET
    )
    arrived_to = forms.DateField(label=_("Ankommet til og med"), required=False, widget=DATE_WIDGET)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=(("xlsx", _("Excel (XLSX) med arket Definitioner")), ("csv", _("CSV"))),
        initial="xlsx",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", _("Vælg år")), *((y, str(y)) for y in years)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        cohort, start, end = data.get("cohort"), data.get("arrived_from"), data.get("arrived_to")
        if cohort is None and not (start and end):
            if start or end:
                self.add_error(
                    "arrived_to" if start else "arrived_from",
                    _("Angiv både fra- og til-datoen for perioden."),
                )
            else:
                self.add_error("cohort", _("Vælg et ankomstår eller en periode."))
        elif cohort is not None and (start or end):
            self.add_error("cohort", _("Vælg enten et ankomstår eller en periode, ikke begge."))
        elif start and end and start > end:
            self.add_error(
                "arrived_to", _("Til-datoen skal være samme dag som fra-datoen eller senere.")
            )
        return data

    def selection(self) -> exports.Selection:
        data = self.cleaned_data
        if data.get("cohort") is not None:
            return exports.Selection.of_cohort(data["cohort"])
        return exports.Selection(data["arrived_from"], data["arrived_to"])


def _years(municipality_id: int) -> list[int]:
    days = Household.objects.filter(
        municipality_id=municipality_id, arrival_date__isnull=False
    ).dates("arrival_date", "year", order="DESC")
    return [day.year for day in days]


def _download(municipality: Municipality, form: ExportForm, user: Any, today: date) -> HttpResponse:
    selection = form.selection()
    kind = form.cleaned_data["format"]
    count, body = exports.rows(
        municipality, selection, today=today, language=get_language() or "da"
    )
    exports.log_export(user=user, selection=selection, count=count, kind=kind)
    filename = f"udtraek-til-analyse-{selection.slug()}-{today:%Y-%m-%d}.{kind}"
    response: HttpResponse | StreamingHttpResponse
    if kind == "csv":
        response = StreamingHttpResponse(exports.csv_lines(body), content_type=exports.CSV_TYPE)
    else:
        threshold = int(config_value(municipality, "small_count_threshold", today))
        response = HttpResponse(
            exports.xlsx(body, threshold=threshold), content_type=exports.XLSX_TYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]


@require_http_methods(["GET", "POST"])
def export_page(request: HttpRequest) -> HttpResponse:
    """The choice of cohort or period and format; a valid POST downloads the file (MI-6)."""
    user: Any = request.user
    access.require(user, access.INSIGHT_EXPORT)
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    today = timezone.localdate()
    years = _years(municipality.pk)
    form = ExportForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        return _download(municipality, form, user, today)
    threshold = int(config_value(municipality, "small_count_threshold", today))
    return render(
        request,
        "insight/exports.html",
        {"form": form, "columns": exports.columns(threshold), "threshold": threshold},
        status=400 if request.method == "POST" else 200,
    )
