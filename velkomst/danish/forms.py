"""Forms of Danish education (PRG-2): parse and validate the input; the services check the rules
that need the database and write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import (
    MODULES_PER_TRACK,
    DanishExam,
    DanishReferral,
    Exam,
    ExamResult,
    Grade,
    LanguageCentre,
    ModuleProgress,
    MonthlyAttendance,
    ReferralEndReason,
    Term,
    Track,
)
from .services import (
    ATTENDANCE_FIELDS,
    CENTRE_FIELDS,
    MODULE_FIELDS,
    REFERRAL_FIELDS,
)

MONTH_WIDGET = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class CentreForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=150)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("Hertil sendes månedens henvisningsliste")
    )
    contact = forms.CharField(label=_("Kontaktperson"), max_length=150, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    active = forms.BooleanField(
        label=_("Aktiv (kan vælges ved nye henvisninger)"), required=False, initial=True
    )

    @classmethod
    def for_centre(cls, centre: LanguageCentre | None, data: Any = None) -> CentreForm:
        initial: dict[str, Any] = {"version": 0, "active": True}
        if centre is not None:
            initial = {name: getattr(centre, name) for name in CENTRE_FIELDS}
            initial["version"] = centre.version
        return cls(data=data, initial=initial)


class ReferralForm(VersionedForm):
    centre = forms.ModelChoiceField(label=_("Sprogcenter"), queryset=LanguageCentre.objects.none())
    track = forms.ChoiceField(label=_("Spor"), choices=Track.choices)
    referred_on = forms.DateField(label=_("Henvist"), widget=DATE_WIDGET)
    start_on = forms.DateField(
        label=_("Planlagt start"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Undervisningen skal kunne starte senest en måned efter henvisningen"),
    )
    started_on = forms.DateField(label=_("Faktisk start"), widget=DATE_WIDGET, required=False)
    ended_on = forms.DateField(label=_("Afsluttet"), widget=DATE_WIDGET, required=False)
    end_reason = forms.ChoiceField(
        label=_("Afslutningsårsag"),
        choices=[("", _("Ingen")), *ReferralEndReason.choices],
        required=False,
    )

    def __init__(self, *args: Any, centres: QuerySet[LanguageCentre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres  # type: ignore[attr-defined]

    @classmethod
    def for_referral(
        cls,
        referral: DanishReferral | None,
        *,
        centres: QuerySet[LanguageCentre],
        data: Any = None,
        today: date | None = None,
    ) -> ReferralForm:
        initial: dict[str, Any] = {"version": 0, "referred_on": today}
        if referral is not None:
            initial = {name: getattr(referral, name) for name in REFERRAL_FIELDS}
            initial["centre"] = referral.centre_id
            initial["version"] = referral.version
        else:
            centres = centres.filter(active=True)
        return cls(data=data, initial=initial, centres=centres)


class ModuleForm(VersionedForm):
    module = forms.TypedChoiceField(
        label=_("Modul"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MODULES_PER_TRACK + 1)],
    )
    started_on = forms.DateField(label=_("Modul startet"), widget=DATE_WIDGET)
    passed_on = forms.DateField(label=_("Modultest bestået"), widget=DATE_WIDGET, required=False)

    @classmethod
    def for_module(
        cls, progress: ModuleProgress | None, data: Any = None, prefix: str | None = None
    ) -> ModuleForm:
        initial: dict[str, Any] = {"version": 0}
        if progress is not None:
            initial = {name: getattr(progress, name) for name in MODULE_FIELDS}
            initial["version"] = progress.version
        return cls(data=data, initial=initial, prefix=prefix)


class AttendanceForm(VersionedForm):
    month = forms.DateField(
        label=_("Måned"),
        widget=MONTH_WIDGET,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text=_("År og måned, fx 2026-03"),
    )
    hours_offered = forms.DecimalField(
        label=_("Timer tilbudt"), min_value=0, max_digits=5, decimal_places=1
    )
    hours_attended = forms.DecimalField(
        label=_("Timer fremmødt"), min_value=0, max_digits=5, decimal_places=1
    )

    @classmethod
    def for_row(
        cls, row: MonthlyAttendance | None, data: Any = None, prefix: str | None = None
    ) -> AttendanceForm:
        initial: dict[str, Any] = {"version": 0}
        if row is not None:
            initial = {name: getattr(row, name) for name in ATTENDANCE_FIELDS}
            initial["version"] = row.version
        return cls(data=data, initial=initial, prefix=prefix)


class ExamForm(VersionedForm):
    exam = forms.ChoiceField(label=_("Prøve"), choices=Exam.choices)
    taken_on = forms.DateField(label=_("Prøvedato"), widget=DATE_WIDGET)
    term_year = forms.IntegerField(
        label=_("Terminens år"),
        min_value=1990,
        max_value=2100,
        required=False,
        help_text=_("Udfyldes kun, hvis prøven ligger uden for maj-juni og november-december"),
    )
    term_season = forms.ChoiceField(
        label=_("Termin"), choices=[("", _("Ud fra prøvedatoen")), *Term.choices], required=False
    )
    result = forms.ChoiceField(label=_("Resultat"), choices=ExamResult.choices)
    grade = forms.ChoiceField(
        label=_("Karakter"), choices=[("", _("Ingen")), *Grade.choices], required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, season = data.pop("term_year", None), data.pop("term_season", "")
        if season and not year:
            self.add_error("term_year", _("Angiv terminens år."))
        data["term"] = f"{year}-{season}" if season and year else ""
        return data

    @classmethod
    def for_exam(cls, row: DanishExam | None, data: Any = None) -> ExamForm:
        initial: dict[str, Any] = {"version": 0}
        if row is not None:
            year, _sep, season = row.term.partition("-")
            initial = {
                "exam": row.exam,
                "taken_on": row.taken_on,
                "term_year": int(year) if year.isdigit() else None,
                "term_season": season,
                "result": row.result,
                "grade": row.grade,
                "version": row.version,
            }
        return cls(data=data, initial=initial)


class OverviewFilterForm(DkfdsFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("Status"), required=False)
    centre = forms.ModelChoiceField(
        label=_("Sprogcenter"),
        queryset=LanguageCentre.objects.none(),
        required=False,
        empty_label=_("Alle sprogcentre"),
    )
    overdue = forms.BooleanField(label=_("Kun overskredne frister"), required=False)
    scope = forms.ChoiceField(
        label=_("Borgere"),
        required=False,
        choices=[("all", _("Alle jeg kan se")), ("mine", _("Mine borgere"))],
    )

    def __init__(
        self, *args: Any, centres: QuerySet[LanguageCentre], states: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres  # type: ignore[attr-defined]
        self.fields["state"].choices = [("", _("Alle henvisninger")), *states]  # type: ignore[attr-defined]


class MonthListForm(DkfdsFormMixin, forms.Form):
    month = forms.DateField(
        label=_("Måned"), widget=MONTH_WIDGET, input_formats=["%Y-%m", "%Y-%m-%d"]
    )
