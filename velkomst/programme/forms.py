"""Forms of the plan page: activities, goals, support measures, direction and the contract."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.appointments.forms import TIME_WIDGET, StaffChoiceField, clean_times
from velkomst.core.models import StaffUser
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin
from velkomst.people.levels import CefrLevel

from .models import (
    KIND_CATEGORY,
    Activity,
    ActivityKind,
    Category,
    Direction,
    GoalKind,
    PlanGoal,
    ProviderKind,
    SupportKind,
    SupportMeasure,
)
from .services import MAX_PRICE


def kind_choices() -> list[tuple[Any, Any]]:
    """The activity kinds grouped by their category (one select, optgroups)."""
    groups: list[tuple[Any, Any]] = [("", _("Vælg aktivitet"))]
    for category in Category:
        groups.append(
            (
                category.label,
                [(k.value, k.label) for k in ActivityKind if KIND_CATEGORY[k] == category],
            )
        )
    return groups


class VersionedForm(DkfdsFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActivityForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Aktivitet"), choices=kind_choices)
    start = forms.DateField(label=_("Start"), widget=DATE_WIDGET)
    end = forms.DateField(
        label=_("Slut"), required=False, widget=DATE_WIDGET, help_text=_("Tom betyder løbende")
    )
    hours_per_week = forms.DecimalField(
        label=_("Timer pr. uge"), min_value=0, max_digits=4, decimal_places=1
    )
    provider_kind = forms.ChoiceField(label=_("Udbydertype"), choices=ProviderKind.choices)
    provider_name = forms.CharField(label=_("Udbyder"), max_length=200, required=False)
    price_per_week = forms.IntegerField(
        label=_("Pris pr. uge (kr.)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE,
        help_text=_("Hvad kommunen betaler udbyderen, i hele kroner. Tom betyder ingen udgift"),
    )
    note = forms.CharField(
        label=_("Bemærkning"), max_length=1000, required=False, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args: Any, prefix: str = "activity", **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)

    @classmethod
    def for_activity(cls, activity: Activity, data: Any = None) -> ActivityForm:
        initial = {
            "kind": activity.kind,
            "start": activity.start,
            "end": activity.end,
            "hours_per_week": activity.hours_per_week,
            "provider_kind": activity.provider_kind,
            "provider_name": activity.provider_name,
            "price_per_week": activity.price_per_week,
            "note": activity.note,
            "version": activity.version,
        }
        return cls(data=data, initial=initial)

    def values(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["category"] = KIND_CATEGORY[data["kind"]]
        return data


class GoalForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Måltype"), choices=GoalKind.choices)
    trade_label = forms.CharField(label=_("Fag"), max_length=200, required=False)
    trade_code = forms.CharField(
        label=_("Fag (DISCO-08-kode)"), max_length=8, required=False, help_text=_("Fx 5120 for kok")
    )
    education = forms.CharField(label=_("Uddannelse"), max_length=200, required=False)
    danish_level = forms.ChoiceField(
        label=_("Danskniveau"), choices=[("", "–"), *CefrLevel.choices[1:]], required=False
    )
    target_date = forms.DateField(label=_("Måldato"), widget=DATE_WIDGET)
    achieved_on = forms.DateField(label=_("Nået den"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, prefix: str = "goal", **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)

    @classmethod
    def for_goal(cls, goal: PlanGoal, data: Any = None) -> GoalForm:
        names = ("kind", "trade_label", "trade_code", "education", "danish_level")
        initial = {name: getattr(goal, name) for name in names}
        initial |= {
            "target_date": goal.target_date,
            "achieved_on": goal.achieved_on,
            "version": goal.version,
        }
        return cls(data=data, initial=initial)


class SupportForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Støtte"), choices=SupportKind.choices)
    starts_on = forms.DateField(label=_("Fra"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Til"), required=False, widget=DATE_WIDGET)
    price_per_month = forms.IntegerField(
        label=_("Pris pr. måned (kr.)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE,
        help_text=_("Hvad kommunen betaler, i hele kroner. Tom betyder ingen udgift"),
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)

    def __init__(self, *args: Any, prefix: str = "support", **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)

    @classmethod
    def for_support(cls, support: SupportMeasure, data: Any = None) -> SupportForm:
        initial = {
            "kind": support.kind,
            "starts_on": support.starts_on,
            "ends_on": support.ends_on,
            "price_per_month": support.price_per_month,
            "note": support.note,
            "version": support.version,
        }
        return cls(data=data, initial=initial)


class DirectionForm(VersionedForm):
    direction = forms.ChoiceField(label=_("Planens retning"), choices=Direction.choices)
    reason = forms.CharField(label=_("Begrundelse"), max_length=300)

    def __init__(self, *args: Any, prefix: str = "direction", **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)


class ContractForm(VersionedForm):
    """Sign (the citizen's date, and the municipality's by the user) or refuse with a reason."""

    signed_on = forms.DateField(
        label=_("Borgeren underskrev den"), required=False, widget=DATE_WIDGET
    )
    signed_by_municipality_on = forms.DateField(
        label=_("Kommunen underskrev den"), required=False, widget=DATE_WIDGET
    )
    refused_on = forms.DateField(
        label=_("Borgeren afviste den"), required=False, widget=DATE_WIDGET
    )
    refusal_reason = forms.CharField(
        label=_("Borgerens begrundelse for at afvise"), max_length=500, required=False
    )

    def __init__(self, *args: Any, prefix: str = "contract", **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not any(data.get(n) for n in ("signed_on", "signed_by_municipality_on", "refused_on"))
            and not self.errors
        ):
            self.add_error("signed_on", _("Skriv datoen for underskriften eller afvisningen."))
        if data.get("signed_by_municipality_on") and not data.get("signed_on"):
            self.add_error("signed_on", _("Skriv datoen, borgeren underskrev."))
        if data.get("refused_on") and (
            data.get("signed_on") or data.get("signed_by_municipality_on")
        ):
            # one or the other: a refusal must not silently drop the dates of a signature
            self.add_error("refused_on", _("En afvist kontrakt kan ikke også være underskrevet."))
        return data


class JobInterviewForm(DkfdsFormMixin, forms.Form):
    """Book a job interview (jobsamtale) with the person: day, times, place and staff."""

    day = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Starter kl."), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Slutter kl."), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Sted"), max_length=200, help_text=_("Fx adresse eller lokale"))
    staff = StaffChoiceField(
        label=_("Medarbejdere"),
        queryset=StaffUser.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("Vælg ingen, hvis det kun er dig"),
    )

    def __init__(
        self,
        *args: Any,
        staff_qs: QuerySet[StaffUser] | None = None,
        prefix: str = "interview",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)
        if staff_qs is not None:
            self.fields["staff"].queryset = staff_qs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        return clean_times(self, super().clean() or {})

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "staff": list(data.get("staff") or []),
        }


class MeetingHeldForm(forms.Form):
    """Mark a booked job interview held (the plan's count of meetings held grows)."""

    appointment = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
