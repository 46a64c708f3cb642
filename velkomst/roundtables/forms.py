"""Forms of the round-table pages (COO-3): parse and validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.appointments.forms import TIME_WIDGET, local_datetime
from velkomst.core.models import StaffUser, Unit
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, LanguageField
from velkomst.people.models import Household, Person

from .models import AgendaItem, Decision, Participant


class StaffField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.get_role_display()})" if obj.role else name


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class RoundTableForm(DkfdsFormMixin, forms.Form):
    person = PersonField(
        label=_("Borger"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Hele husstanden"),
    )
    title = forms.CharField(
        label=_("Formål"), max_length=200, help_text=_("Fx »Skolestart og fritid for Amal«")
    )
    day = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Starter kl."), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Slutter kl."), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Sted"), max_length=200)
    interpreter_needed = forms.BooleanField(label=_("Tolk nødvendig"), required=False)
    language = LanguageField(
        label=_("Tolkesprog"),
        required=False,
        empty_label=_("Husstandens sprog, der kræver tolk"),
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = household.members.order_by("birth_date", "id")  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "person": data["person"],
            "title": data["title"],
            "starts_at": local_datetime(data["day"], data["start_time"]),
            "ends_at": local_datetime(data["day"], data["end_time"]),
            "place": data["place"],
            "interpreter_needed": data["interpreter_needed"],
            "language": data.get("language") or "",
        }


class ParticipantForm(DkfdsFormMixin, forms.Form):
    """A staff member from a unit, or an outside actor (name, organisation, role)."""

    user = StaffField(
        label=_("Medarbejder"),
        queryset=StaffUser.objects.none(),
        required=False,
        empty_label=_("Ingen: en ekstern deltager"),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Medarbejderens enhed / ingen"),
        help_text=_(
            "For en ekstern deltager: den af kommunens enheder, deltageren hører under eller "
            "arbejder sammen med (fx skolen). Borgerens samtykke til deling nævner enheder."
        ),
    )
    name = forms.CharField(label=_("Navn (ekstern deltager)"), max_length=150, required=False)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        help_text=_("Fx skolen, egen læge, en frivillig forening"),
    )
    role = forms.CharField(label=_("Rolle"), max_length=150, required=False)

    def __init__(
        self, *args: Any, staff: QuerySet[StaffUser], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class AgendaItemForm(DkfdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Dagsordenspunkt"), max_length=200)
    notes = forms.CharField(
        label=_("Noter"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.position}. {obj.title}"


class DecisionForm(DkfdsFormMixin, forms.Form):
    item = ItemField(label=_("Dagsordenspunkt"), queryset=AgendaItem.objects.none())
    text = forms.CharField(label=_("Beslutning"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, items: QuerySet[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        last = items.order_by("-position", "-id").values_list("pk", flat=True).first()
        self.fields["item"].initial = last  # the item just discussed


class DecisionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.item.position}. {obj.text[:60]}"


class FollowUpForm(DkfdsFormMixin, forms.Form):
    text = forms.CharField(label=_("Opgave"), max_length=500)
    owner = StaffField(label=_("Ansvarlig"), queryset=StaffUser.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Den ansvarliges enhed"),
    )
    deadline = forms.DateField(label=_("Frist"), widget=DATE_WIDGET)
    decision = DecisionField(
        label=_("Følger af beslutningen"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("Ingen bestemt beslutning"),
    )

    def __init__(
        self,
        *args: Any,
        staff: QuerySet[StaffUser],
        units: QuerySet[Unit],
        decisions: QuerySet[Decision],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]


class SendMinutesForm(DkfdsFormMixin, forms.Form):
    """Send the minutes to an outside participant or a unit (checked against consent)."""

    participant = forms.ModelChoiceField(
        label=_("Ekstern deltager"),
        queryset=Participant.objects.none(),
        required=False,
        empty_label=_("Ingen"),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"), queryset=Unit.objects.none(), required=False, empty_label=_("Ingen")
    )

    def __init__(
        self,
        *args: Any,
        participants: QuerySet[Participant],
        units: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("participant") is None) == (data.get("unit") is None):
            raise forms.ValidationError(_("Vælg én modtager: en ekstern deltager eller en enhed."))
        return data


class DoneForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
