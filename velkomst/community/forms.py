"""Forms of events, associations and participation: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from velkomst.housing.models import Area
from velkomst.people.codes import language_name
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm
from velkomst.people.models import Household, Person

from .models import (
    Activity,
    Association,
    AssociationActivityKind,
    CommunityEventKind,
    EventAttendance,
    InvitationChannel,
)
from .texts import TEXTS

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class _PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.birth_date.year})"


class _OnePerson(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.birth_date.year})"


class EventForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Type"), choices=CommunityEventKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    held_on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    starts_at = forms.TimeField(label=_("Starter"), widget=TIME_WIDGET)
    ends_at = forms.TimeField(label=_("Slutter"), widget=TIME_WIDGET, required=False)
    place = forms.CharField(label=_("Sted"), max_length=200)
    organiser = forms.CharField(label=_("Arrangør"), max_length=200)
    association = forms.ModelChoiceField(
        label=_("Forening som arrangør"),
        queryset=Association.objects.none(),
        required=False,
        help_text=_("Inviterede skal have givet samtykke til kontakt fra en forening."),
    )
    capacity = forms.IntegerField(label=_("Pladser"), min_value=1, required=False)
    area = forms.ModelChoiceField(
        label=_("Boligområde"),
        queryset=Area.objects.none(),
        required=False,
        help_text=_("Ved dialogmøder: det lokalsamfund, borgerne skal bo i."),
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, max_length=2000, widget=TEXTAREA
    )

    def __init__(
        self,
        *args: Any,
        areas: QuerySet[Area],
        associations: QuerySet[Association],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["association"].queryset = associations  # type: ignore[attr-defined]


def _languages() -> list[tuple[str, str]]:
    shown = translation.get_language() or "da"
    return [("", str(_("Personens eget sprog, hvis der er en tekst")))] + [
        (code, language_name(code, shown)) for code in TEXTS
    ]


class InviteForm(DkfdsFormMixin, forms.Form):
    persons = _PersonChoice(
        label=_("Personer"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Vælg flere med Ctrl (Cmd på Mac) eller Skift"),
    )
    household = forms.ModelChoiceField(
        label=_("Eller en hel husstand"), queryset=Household.objects.none(), required=False
    )
    channel = forms.ChoiceField(label=_("Kanal"), choices=InvitationChannel.choices)
    address = forms.CharField(
        label=_("Telefon eller e-mail"),
        max_length=200,
        required=False,
        help_text=_("Til påmindelsen dagen før (kun når én person inviteres)."),
    )
    language = forms.ChoiceField(label=_("Sprog"), choices=_languages, required=False)

    def __init__(
        self,
        *args: Any,
        persons: QuerySet[Person],
        households: QuerySet[Household],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = persons  # type: ignore[attr-defined]
        self.fields["household"].queryset = households  # type: ignore[attr-defined]

    def show_only(self, persons: list[Any], households: list[Any]) -> None:
        """Offer only these (a search's finds, or what was chosen) when the form is shown."""
        data: Any = self.data
        chosen = [p.pk for p in persons]
        if self.is_bound:
            chosen += [int(v) for v in data.getlist("persons") if str(v).isdigit()]
        self.fields["persons"].queryset = self.fields["persons"].queryset.filter(  # type: ignore[attr-defined]
            pk__in=chosen
        )
        picked = str(data.get("household") or "") if self.is_bound else ""
        self.fields["household"].queryset = self.fields["household"].queryset.filter(  # type: ignore[attr-defined]
            pk__in=[h.pk for h in households] + ([int(picked)] if picked.isdigit() else [])
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("persons") and not data.get("household"):
            self.add_error("persons", _("Vælg personer eller en husstand."))
        return data


class AttendanceForm(VersionedForm):
    attendance = forms.ChoiceField(label=_("Deltagelse"), choices=EventAttendance.choices)


class AssociationForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    area = forms.ModelChoiceField(label=_("Område"), queryset=Area.objects.none(), required=False)
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=2000, widget=TEXTAREA)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class ActivityForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Aktivitet"), max_length=150)
    kind = forms.ChoiceField(label=_("Type"), choices=AssociationActivityKind.choices)
    for_children = forms.BooleanField(label=_("For børn og unge"), required=False)


def show_only_person(form: Any, persons: list[Any]) -> None:
    """Offer only these persons (a search's finds, or the one chosen) when the form is shown."""
    chosen = [p.pk for p in persons]
    if form.is_bound and str(form.data.get("person", "")).isdigit():
        chosen.append(int(form.data["person"]))
    form.fields["person"].queryset = form.fields["person"].queryset.filter(pk__in=chosen)


class MembershipForm(DkfdsFormMixin, forms.Form):
    person = _OnePerson(label=_("Person"), queryset=Person.objects.none())
    starts_on = forms.DateField(label=_("Fra"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Til"), widget=DATE_WIDGET)
    volunteering = forms.CharField(label=_("Frivilligt arbejde til gengæld"), max_length=300)

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]


class ParticipationForm(DkfdsFormMixin, forms.Form):
    person = _OnePerson(label=_("Person"), queryset=Person.objects.none())
    association = forms.ModelChoiceField(label=_("Forening"), queryset=Association.objects.none())
    activity = forms.ModelChoiceField(
        label=_("Aktivitet"), queryset=Activity.objects.none(), required=False
    )
    started_on = forms.DateField(label=_("Startet"), widget=DATE_WIDGET)
    ended_on = forms.DateField(label=_("Stoppet"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        persons: QuerySet[Person],
        associations: QuerySet[Association],
        activities: QuerySet[Activity],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["association"].queryset = associations  # type: ignore[attr-defined]
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]
        self.fields["activity"].label_from_instance = (  # type: ignore[attr-defined]
            lambda a: f"{a.association.name}: {a.name}"
        )


class ParticipationEndForm(VersionedForm):
    ended_on = forms.DateField(label=_("Stoppet"), widget=DATE_WIDGET)


class ContactForm(DkfdsFormMixin, forms.Form):
    person = _OnePerson(label=_("Person"), queryset=Person.objects.none())
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
