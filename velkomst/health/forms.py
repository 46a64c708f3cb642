"""Forms of health and barriers: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import StaffUser, Unit
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import (
    BarrierKind,
    ConsentPurpose,
    OfferAnswer,
    ReferralKind,
    ReferralStatus,
    WorkCapacity,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class OfferForm(DkfdsFormMixin, forms.Form):
    offered_on = forms.DateField(label=_("Tilbudt den"), widget=DATE_WIDGET)


class OfferAnswerForm(VersionedForm):
    answer = forms.ChoiceField(label=_("Svar"), choices=OfferAnswer.choices)
    answered_on = forms.DateField(label=_("Besvaret den"), widget=DATE_WIDGET, required=False)


class AssessmentForm(VersionedForm):
    assessed_on = forms.DateField(label=_("Vurderet den"), widget=DATE_WIDGET)
    doctor = forms.CharField(label=_("Læge"), max_length=150)
    work_capacity = forms.ChoiceField(label=_("Arbejdsevne"), choices=WorkCapacity.choices)
    conclusion = forms.CharField(
        label=_("Konklusion"), required=False, max_length=4000, widget=TEXTAREA
    )


class ShareForm(DkfdsFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Del med enheden"), queryset=Unit.objects.none())
    purpose = forms.ChoiceField(label=_("Hvad deles"), choices=ConsentPurpose.choices)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ReferralForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Henvist til"), choices=ReferralKind.choices)
    referred_on = forms.DateField(label=_("Henvist den"), widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    status_on = forms.DateField(label=_("Status pr."), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=2000, widget=TEXTAREA)


class ConsentForm(DkfdsFormMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Formål"), choices=ConsentPurpose.choices)
    units = forms.ModelMultipleChoiceField(
        label=_("Enheder, der må modtage oplysningerne"),
        queryset=Unit.objects.none(),
        widget=CHECKBOXES,
    )
    given_on = forms.DateField(label=_("Givet den"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class BarrierForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Barriere"), choices=BarrierKind.choices)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, max_length=2000, widget=TEXTAREA
    )
    measure = forms.CharField(label=_("Indsats"), max_length=2000, widget=TEXTAREA)
    responsible = StaffChoiceField(label=_("Ansvarlig"), queryset=StaffUser.objects.none())
    follow_up_on = forms.DateField(label=_("Opfølgning"), widget=DATE_WIDGET)
    resolved_on = forms.DateField(label=_("Løst den"), widget=DATE_WIDGET, required=False)

    def __init__(
        self,
        *args: Any,
        staff: QuerySet[StaffUser],
        kinds: list[tuple[str, Any]],
        new: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff  # type: ignore[attr-defined]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        if new:  # a barrier is resolved after it is recorded, on the edit page
            del self.fields["resolved_on"]


class CoordinationForm(DkfdsFormMixin, forms.Form):
    coordinator = StaffChoiceField(label=_("Koordinator"), queryset=StaffUser.objects.none())
    started_on = forms.DateField(label=_("Startet den"), widget=DATE_WIDGET)
    goal = forms.CharField(label=_("Fælles mål"), required=False, max_length=2000, widget=TEXTAREA)

    def __init__(self, *args: Any, staff: QuerySet[StaffUser], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = staff  # type: ignore[attr-defined]


class MeasureForm(DkfdsFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Enhed"), queryset=Unit.objects.none())
    measure = forms.CharField(label=_("Indsats"), max_length=2000, widget=TEXTAREA)
    responsible = StaffChoiceField(
        label=_("Ansvarlig"), queryset=StaffUser.objects.none(), required=False
    )
    from_on = forms.DateField(label=_("Fra"), widget=DATE_WIDGET)
    to_on = forms.DateField(label=_("Til"), widget=DATE_WIDGET, required=False)
    follow_up_on = forms.DateField(label=_("Opfølgning"), widget=DATE_WIDGET, required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], staff: QuerySet[StaffUser], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = staff  # type: ignore[attr-defined]
