"""Forms for the housing register: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.core import formats
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import (
    Area,
    AreaKind,
    Decision,
    Dwelling,
    DwellingStatus,
    DwellingType,
    HousingNeed,
    LandlordKind,
    PlacementEndReason,
)
from .services import AREA_FIELDS, DWELLING_FIELDS


def _minutes(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=600)


class AreaForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=100)
    kind = forms.ChoiceField(label=_("Type"), choices=AreaKind.choices)
    vulnerable = forms.BooleanField(
        label=_("Udsat boligområde (på den nationale liste): ingen boligplacering her"),
        required=False,
    )
    youth_environment = forms.BooleanField(label=_("Ungdomsmiljø"), required=False)
    schools = forms.CharField(
        label=_("Skoler"), max_length=500, required=False, help_text=_("Skoler, der dækker området")
    )
    daycares = forms.CharField(label=_("Dagtilbud"), max_length=500, required=False)
    existing_refugee_households = forms.IntegerField(
        label=_("Flygtningehusstande i området nu"), min_value=0, initial=0
    )
    max_refugee_households = forms.IntegerField(
        label=_("Højst flygtningehusstande i området"),
        required=False,
        min_value=0,
        help_text=_("Tom: kommunens loft (placement_area_cap). De, der bor der, tæller med."),
    )
    max_share_percent = forms.IntegerField(
        label=_("Højst andel flygtningehusstande (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Kræver husstande i området i alt; det laveste af tal og andel gælder."),
    )
    households_total = forms.IntegerField(
        label=_("Husstande i området i alt"), required=False, min_value=0
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False)

    @classmethod
    def for_area(cls, area: Area | None, data: Any = None) -> AreaForm:
        initial = {"version": 0}
        if area is not None:
            initial = {name: getattr(area, name) for name in AREA_FIELDS}
            initial["version"] = area.version
        return cls(data=data, initial=initial)


class AreaChoiceField(forms.ModelChoiceField):
    pass


class DwellingForm(VersionedForm):
    address = forms.CharField(label=_("Adresse"), max_length=200)
    area = AreaChoiceField(label=_("Område"), queryset=Area.objects.none())
    type = forms.ChoiceField(label=_("Type"), choices=DwellingType.choices)
    rooms = forms.IntegerField(label=_("Værelser"), min_value=1, max_value=30)
    size_m2 = forms.IntegerField(label=_("Størrelse (m²)"), min_value=1, max_value=2000)
    rent = forms.IntegerField(label=_("Husleje pr. måned (kr.)"), min_value=0)
    utilities = forms.IntegerField(label=_("Forbrug pr. måned (kr.)"), min_value=0, initial=0)
    landlord_kind = forms.ChoiceField(label=_("Udlejertype"), choices=LandlordKind.choices)
    landlord_name = forms.CharField(label=_("Udlejer"), max_length=150, required=False)
    available_from = forms.DateField(label=_("Ledig fra"), widget=DATE_WIDGET)
    step_free = forms.BooleanField(label=_("Niveaufri adgang"), required=False)
    minutes_to_school = _minutes(_("Minutter til skole"))
    minutes_to_daycare = _minutes(_("Minutter til dagtilbud"))
    minutes_to_transport = _minutes(_("Minutter til offentlig transport"))
    minutes_to_shops = _minutes(_("Minutter til indkøb"))
    status = forms.ChoiceField(label=_("Status"), choices=DwellingStatus.choices)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    @classmethod
    def for_dwelling(
        cls, dwelling: Dwelling | None, *, areas: QuerySet[Area], data: Any = None
    ) -> DwellingForm:
        initial: dict[str, Any] = {"version": 0, "status": DwellingStatus.AVAILABLE}
        if dwelling is not None:
            initial = {name: getattr(dwelling, name) for name in DWELLING_FIELDS}
            initial["area"] = dwelling.area_id
            initial["version"] = dwelling.version
        return cls(data=data, initial=initial, areas=areas)


class DwellingFilterForm(DkfdsFormMixin, forms.Form):
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("Alle")
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle typer")), *DwellingType.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *DwellingStatus.choices]
    )
    min_rooms = forms.IntegerField(label=_("Mindst værelser"), required=False, min_value=1)
    max_rent = forms.IntegerField(
        label=_("Højst husleje inkl. forbrug (kr.)"), required=False, min_value=0
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class HousingNeedForm(VersionedForm):
    rooms_needed = forms.IntegerField(
        label=_("Værelser"),
        required=False,
        min_value=1,
        max_value=30,
        help_text=_("Tom: beregnes af husstanden (et par deler værelse, to børn pr. værelse)"),
    )
    expected_monthly_income = forms.IntegerField(
        label=_("Forventet indkomst pr. måned (kr.)"), required=False, min_value=0
    )
    max_rent = forms.IntegerField(
        label=_("Højeste husleje inkl. forbrug pr. måned (kr.)"),
        required=False,
        min_value=0,
        help_text=_("Tom: beregnes som indkomsten gange kommunens andel"),
    )
    step_free_needed = forms.BooleanField(label=_("Behov for niveaufri bolig"), required=False)
    student_youth_environment = forms.BooleanField(
        label=_("Studerende, der har gavn af et ungdomsmiljø"), required=False
    )
    workplace_or_school_area = forms.ModelChoiceField(
        label=_("Område for arbejde eller uddannelse"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Ikke angivet"),
    )
    wished_area = forms.ModelChoiceField(
        label=_("Ønsket område"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Intet ønske"),
    )
    needed_by = forms.DateField(
        label=_("Bolig senest"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Tom: den (forventede) ankomstdato"),
    )
    wishes = forms.CharField(
        label=_("Ønsker"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workplace_or_school_area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["wished_area"].queryset = areas.filter(  # type: ignore[attr-defined]
            vulnerable=False
        )

    @classmethod
    def for_need(
        cls, need: HousingNeed | None, *, areas: QuerySet[Area], data: Any = None
    ) -> HousingNeedForm:
        initial: dict[str, Any] = {"version": 0}
        if need is not None:
            initial = {name: getattr(need, name) for name in cls.base_fields if name != "version"}
            initial["workplace_or_school_area"] = need.workplace_or_school_area_id
            initial["version"] = need.version
        return cls(data=data, initial=initial, areas=areas)


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class DwellingImportForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med boliger (CSV eller XLSX)"),
        help_text=_("Brug skabelonen: én bolig pr. række, kolonnenavne i første række"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er større end 5 MB."))
        return upload


# --- Placement runs, decisions and moves (HOU-3, HOU-4) -----------------------------------------

WEIGHT_LABELS = {
    "family_permanent": _("Familier med børn i permanent bolig"),
    "temporary": _("Undgå midlertidig bolig (en flytning mere senere)"),
    "spread": _("Spredning: pr. husstand over loftet i et område"),
    "not_alone": _("Ikke alene: pr. manglende husstand med samme sprog eller nationalitet"),
    "school": _("Kort vej til skole (familier)"),
    "daycare": _("Kort vej til dagtilbud (familier)"),
    "transport": _("Kort vej til offentlig transport"),
    "shops": _("Kort vej til indkøb"),
    "target": _("Kort vej til arbejde eller uddannelse"),
    "youth": _("Ungdomsmiljø for studerende"),
    "wish": _("Husstandens ønskede område"),
    "waited": _("Husstande, der har ventet længst (i midlertidig bolig eller efter datoen)"),
}


class RunStartForm(DkfdsFormMixin, forms.Form):
    """The households of a run (all waiting ones ticked) and the weights for this run."""

    households = forms.MultipleChoiceField(
        label=_("Husstande"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(
        self, *args: Any, households: list[Any], weights: dict[str, float], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["households"]
        field.choices = [(str(h.pk), h.name) for h in households]  # type: ignore[attr-defined]
        field.initial = [str(h.pk) for h in households]
        for name, label in WEIGHT_LABELS.items():
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=label, min_value=0, max_value=1000, initial=weights.get(name, 0.0)
            )
            self.fields[f"weight_{name}"].widget.attrs.update(
                {"class": "form-input input-width-xs", "step": "0.5"}
            )

    def weights(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"weight_{name}"] for name in WEIGHT_LABELS}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(Decision.ACCEPTED, _("Godkend")), (Decision.REJECTED, _("Afvis"))]
    )
    version = forms.IntegerField()
    start_date = forms.DateField(label=_("Indflytning"), required=False)
    decision_note = forms.CharField(label=_("Begrundelse"), max_length=500, required=False)


class PlacementForm(DkfdsFormMixin, forms.Form):
    """A dwelling and a move-in date: a changed suggestion, or a move registered by hand."""

    dwelling = forms.ModelChoiceField(
        label=_("Bolig"), queryset=Dwelling.objects.none(), empty_label=_("Vælg en bolig")
    )
    start_date = forms.DateField(label=_("Indflytning"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Begrundelse"),
        max_length=500,
        required=False,
        help_text=_("Skal udfyldes, hvis boligen bryder en af de faste regler"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, dwellings: list[Dwelling], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["dwelling"]
        field.queryset = Dwelling.objects.filter(  # type: ignore[attr-defined]
            pk__in=[d.pk for d in dwellings]
        ).select_related("area")
        field.label_from_instance = lambda d: (  # type: ignore[attr-defined]
            _("%(place)s (%(type)s, %(rooms)s vær., %(cost)s pr. måned)")
            % {
                "place": formats.join_places(d.address, d.area.name),
                "type": d.get_type_display(),
                "rooms": d.rooms,
                "cost": formats.format_amount(d.monthly_cost),
            }
        )


class PlacementEndForm(DkfdsFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Fraflytning"), widget=DATE_WIDGET)
    end_reason = forms.ChoiceField(
        label=_("Årsag"),
        choices=[
            (value, label)
            for value, label in PlacementEndReason.choices
            if value != PlacementEndReason.MOVED
        ],
    )


class AreaTravelForm(DkfdsFormMixin, forms.Form):
    """The travel grid: one field per pair of areas (``t_<id>_<id>``, lower id first), the
    diagonal being the time within an area."""

    def __init__(self, *args: Any, grid: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[Area, list[tuple[Area, str | None]]]] = []
        for i, a in enumerate(grid.areas):
            cells: list[tuple[Area, str | None]] = []
            for j, b in enumerate(grid.areas):
                if j < i:
                    cells.append((b, None))
                    continue
                name = f"t_{min(a.pk, b.pk)}_{max(a.pk, b.pk)}"
                self.fields[name] = forms.IntegerField(
                    label=_("Fra %(a)s til %(b)s (minutter)") % {"a": a.name, "b": b.name}
                    if a.pk != b.pk
                    else _("Inden for %(a)s (minutter)") % {"a": a.name},
                    required=False,
                    min_value=0,
                    max_value=600,
                    initial=grid.get(a.pk, b.pk),
                )
                self.fields[name].widget.attrs.update({"class": "form-input input-width-xxs"})
                cells.append((b, name))
            self.rows.append((a, cells))

    def grid(self) -> list[tuple[Area, list[Any]]]:
        """The rows with each cell's bound field (None below the diagonal: the mirror)."""
        return [
            (area, [self[name] if name else None for _other, name in cells])
            for area, cells in self.rows
        ]

    def minutes(self) -> dict[tuple[int, int], int | None]:
        result = {}
        for name, value in self.cleaned_data.items():
            _t, a, b = name.split("_")
            result[(int(a), int(b))] = value
        return result
