"""Forms of referrals and concerns: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import StaffUser, Unit
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import ReferralKind

TEXTAREA = forms.Textarea(attrs={"rows": 4})
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})

KIND_CHOICES = [(v, label) for v, label in ReferralKind.choices if v != ReferralKind.CHILD_CONCERN]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ReferralForm(DkfdsFormMixin, forms.Form):
    from_unit = UnitChoiceField(label=_("Fra enhed"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Hvad drejer henvisningen sig om"), choices=KIND_CHOICES)
    to_unit = UnitChoiceField(
        label=_("Til enhed"),
        queryset=Unit.objects.none(),
        help_text=_("Foreslået ud fra kommunens snitfladebeskrivelser"),
    )
    text = forms.CharField(
        label=_("Hvad bedes den anden enhed om"), max_length=4000, widget=TEXTAREA
    )
    shared = forms.MultipleChoiceField(
        label=_("Oplysninger, der deles med enheden"),
        required=False,
        widget=CHECKBOXES,
        help_text=_(
            "Kun det, borgerens samtykke dækker, kan deles. Det kontrolleres ved afsendelsen."
        ),
    )
    deadline = forms.DateField(label=_("Ønskes udført senest"), widget=DATE_WIDGET, required=False)

    def __init__(
        self,
        *args: Any,
        from_units: QuerySet[Unit],
        to_units: QuerySet[Unit],
        purposes: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].queryset = from_units  # type: ignore[attr-defined]
        self.fields["to_unit"].queryset = to_units  # type: ignore[attr-defined]
        self.fields["shared"].choices = purposes  # type: ignore[attr-defined]


class AcceptForm(VersionedForm):
    owner = StaffChoiceField(label=_("Ansvarlig i enheden"), queryset=StaffUser.objects.none())

    def __init__(self, *args: Any, owners: QuerySet[StaffUser], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label=_("Hvorfor sendes henvisningen retur"), max_length=2000, widget=TEXTAREA
    )


class DoneForm(VersionedForm):
    result = forms.CharField(
        label=_("Hvad kom der ud af det"), max_length=2000, widget=TEXTAREA, required=False
    )


class ConcernForm(DkfdsFormMixin, forms.Form):
    reporter_name = forms.CharField(label=_("Hvem indberetter (navn)"), max_length=120)
    reporter_contact = forms.CharField(
        label=_("Indberetterens telefon eller e-mail"), max_length=200
    )
    child_description = forms.CharField(
        label=_("Hvilket barn drejer det sig om"),
        max_length=300,
        required=False,
        help_text=_("Navn, alder, familie eller adresse, så barnet kan findes"),
    )
    text = forms.CharField(label=_("Hvad er bekymringen"), max_length=4000, widget=TEXTAREA)
