"""Forms for children's placements: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import (
    ChildPlacement,
    ClassType,
    Institution,
    MeasureKind,
    PlacementKind,
    PlacementStateChoices,
)
from .selectors import ALL, OPEN


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:  # type: ignore[override]
        return f"{obj} · {obj.get_kind_display()}"


class PlacementForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Type plads"), choices=PlacementKind.choices)
    institution = InstitutionChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("Ikke i registret / ikke valgt"),
        help_text=_("Vælg fra kommunens register, eller skriv navnet i feltet nedenfor"),
    )
    institution_name = forms.CharField(
        label=_("Institution (fritekst)"), max_length=150, required=False
    )
    class_type = forms.ChoiceField(
        label=_("Klasse eller tilbud"),
        choices=[("", _("Ikke valgt")), *ClassType.choices],
        required=False,
    )
    planned_start_date = forms.DateField(
        label=_("Planlagt start"), required=False, widget=DATE_WIDGET
    )
    actual_start_date = forms.DateField(
        label=_("Faktisk start"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Den dag barnet startede. Udfyldes, når barnet er startet."),
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False)

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]

    @classmethod
    def for_placement(
        cls, placement: ChildPlacement, *, institutions: QuerySet[Institution], data: Any = None
    ) -> PlacementForm:
        initial = {name: getattr(placement, name) for name in cls.base_fields if name != "version"}
        initial["institution"] = placement.institution_id
        initial["version"] = placement.version
        return cls(data=data, initial=initial, institutions=institutions)

    def clean_actual_start_date(self) -> Any:
        value = self.cleaned_data.get("actual_start_date")
        if value and value > timezone.localdate():
            raise ValidationError(
                _("Den faktiske start kan ikke ligge i fremtiden. Skriv datoen som planlagt start.")
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("institution") is not None:
            data["institution_name"] = ""
        elif data.get("actual_start_date") and not data.get("institution_name", "").strip():
            self.add_error("institution_name", _("Angiv institutionen, når barnet er startet."))
        return data


class OverviewFilterForm(DkfdsFormMixin, forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (OPEN, _("Ikke startet (afventer, skal starte, overskredet)")),
            *PlacementStateChoices.choices,
            (ALL, _("Alle")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Type plads"),
        required=False,
        choices=[("", _("Alle typer")), *PlacementKind.choices],
    )


class MeasureForm(DkfdsFormMixin, forms.Form):
    """A family consultant's measure for one child or the whole family (CHI-1)."""

    child = forms.TypedChoiceField(label=_("For"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Type indsats"), choices=MeasureKind.choices, initial=MeasureKind.PREVENTIVE
    )
    measure = forms.CharField(
        label=_("Indsats"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.CharField(label=_("Ansvarlig"), max_length=150)
    starts_on = forms.DateField(label=_("Fra"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Til"), required=False, widget=DATE_WIDGET)
    follow_up_on = forms.DateField(label=_("Opfølgning"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, children: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [  # type: ignore[attr-defined]
            ("", _("Hele familien")),
            *((person.pk, person.full_name) for person in children),
        ]
