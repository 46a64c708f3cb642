"""Forms for housing associations and allocation meetings: parse and validate; the services
write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.housing.models import Dwelling
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from . import distribution
from .models import AllocationLine, AllocationMeeting, HousingAssociation, MeetingStatus, Outcome
from .services import ASSOCIATION_FIELDS, MoveOutEntry, period_key


class AssociationForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=150)
    contact_person = forms.CharField(label=_("Kontaktperson"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False)
    active = forms.BooleanField(
        label=_("Aktiv: indgår i fordelingsnøglen"), required=False, initial=True
    )

    @classmethod
    def for_association(
        cls, association: HousingAssociation | None, data: Any = None
    ) -> AssociationForm:
        initial: dict[str, Any] = {"version": 0, "active": True}
        if association is not None:
            initial = {name: getattr(association, name) for name in ASSOCIATION_FIELDS}
            initial["version"] = association.version
        return cls(data=data, initial=initial)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    """A month as ``YYYY-MM`` (the browser's month input), cleaned to its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        return distribution.month_start(day) if day is not None else None


def month_label(month: date) -> str:
    return f"{month:%m.%Y}"


class MoveOutsForm(DkfdsFormMixin, forms.Form):
    """One association's move-outs for a run of months: one number per month (blank: not
    entered) with the version of the stored number the user saw."""

    def __init__(
        self, *args: Any, months: list[date], counts: dict[date, Any], **kwargs: Any
    ) -> None:
        initial = {}
        for month in months:
            count = counts.get(month)
            initial[self.count_name(month)] = count.move_outs if count else None
            initial[self.version_name(month)] = count.version if count else 0
        super().__init__(*args, initial=initial, **kwargs)
        self.months = months
        for month in months:
            self.fields[self.count_name(month)] = forms.IntegerField(
                label=month_label(month), required=False, min_value=0, max_value=100_000
            )
            self.fields[self.version_name(month)] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0
            )
            self.fields[self.count_name(month)].widget.attrs.setdefault("class", "form-input")

    @staticmethod
    def count_name(month: date) -> str:
        return f"m-{period_key(month)}"

    @staticmethod
    def version_name(month: date) -> str:
        return f"v-{period_key(month)}"

    def entries(self) -> list[MoveOutEntry]:
        return [
            MoveOutEntry(
                period=month,
                move_outs=self.cleaned_data[self.count_name(month)],
                expected_version=self.cleaned_data[self.version_name(month)] or 0,
            )
            for month in self.months
        ]

    def rows(self) -> list[tuple[date, Any]]:
        return [(month, self[self.count_name(month)]) for month in self.months]


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class MeetingDraftForm(DkfdsFormMixin, forms.Form):
    month = MonthField(label=_("Måned"), help_text=_("Den måned, husstandene skal have bolig"))
    meeting_date = forms.DateField(label=_("Mødedato"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Bemærkning"), max_length=1000, required=False)


class MeetingForm(VersionedForm):
    meeting_date = forms.DateField(label=_("Mødedato"), widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    note = forms.CharField(
        label=_("Bemærkning"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @classmethod
    def for_meeting(cls, meeting: AllocationMeeting, data: Any = None) -> MeetingForm:
        initial = {
            "meeting_date": meeting.meeting_date,
            "status": meeting.status,
            "note": meeting.note,
            "version": meeting.version,
        }
        return cls(data=data, initial=initial)


class LineMoveForm(VersionedForm):
    association = forms.ModelChoiceField(
        label=_("Boligforening"), queryset=HousingAssociation.objects.none()
    )
    note = forms.CharField(
        label=_("Begrundelse for afvigelsen fra nøglen"), max_length=500, required=False
    )

    def __init__(self, *args: Any, associations: QuerySet[HousingAssociation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations  # type: ignore[attr-defined]

    @classmethod
    def for_line(
        cls,
        line: AllocationLine,
        *,
        associations: QuerySet[HousingAssociation],
        data: Any = None,
    ) -> LineMoveForm:
        initial = {"association": line.association_id, "note": line.note, "version": line.version}
        return cls(data=data, initial=initial, associations=associations, prefix="move")


class LineOutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Resultat"), choices=Outcome.choices)
    dwelling = forms.ModelChoiceField(
        label=_("Bolig"),
        queryset=Dwelling.objects.none(),
        required=False,
        empty_label=_("Ingen bolig valgt"),
        help_text=_("Skal udfyldes, når husstanden har accepteret en bolig"),
    )
    start_date = forms.DateField(
        label=_("Indflytning"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Skal udfyldes, når husstanden har accepteret en bolig"),
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False)

    def __init__(self, *args: Any, dwellings: QuerySet[Dwelling], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["dwelling"].queryset = dwellings  # type: ignore[attr-defined]

    @classmethod
    def for_line(
        cls, line: AllocationLine, *, dwellings: QuerySet[Dwelling], data: Any = None
    ) -> LineOutcomeForm:
        initial = {
            "outcome": line.outcome,
            "dwelling": line.dwelling_id,
            "note": line.note,
            "version": line.version,
        }
        return cls(data=data, initial=initial, dwellings=dwellings, prefix="outcome")


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class MoveOutsImportForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med fraflytninger (CSV eller XLSX)"),
        help_text=_(
            "Brug skabelonen: én boligforening og måned pr. række, kolonnenavne i første række"
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er større end 5 MB."))
        return upload
