"""Forms for private lodging: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.housing.models import Area
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, LanguagesField, VersionedForm

from .models import Decision, Host, HostOffer, HouseholdType, LodgingProfile, OfferKind, OfferStatus
from .services import HOST_FIELDS, OFFER_FIELDS, PROFILE_FIELDS

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


class HostForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=150)
    address = forms.CharField(label=_("Adresse"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Område"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Ikke angivet"),
        help_text=_("Skal angives, før et match kan registreres som bolig"),
    )
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    note = forms.CharField(
        label=_("Bemærkning"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    @classmethod
    def for_host(cls, host: Host | None, *, areas: QuerySet[Area], data: Any = None) -> HostForm:
        initial: dict[str, Any] = {"version": 0}
        if host is not None:
            initial = {name: getattr(host, name) for name in HOST_FIELDS}
            initial["area"] = host.area_id
            initial["version"] = host.version
        return cls(data=data, initial=initial, areas=areas)


class OfferForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Type"), choices=OfferKind.choices)
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rooms = forms.IntegerField(label=_("Værelser"), min_value=1, max_value=30, initial=1)
    size_m2 = forms.IntegerField(label=_("Størrelse (m²)"), min_value=1, max_value=2000)
    rent = forms.IntegerField(
        label=_("Husleje pr. måned (kr.)"),
        min_value=0,
        help_text=_("Det, kommunen betaler værten"),
    )
    utilities = forms.IntegerField(label=_("Forbrug pr. måned (kr.)"), min_value=0, initial=0)
    available_from = forms.DateField(label=_("Ledig fra"), widget=DATE_WIDGET)
    available_until = forms.DateField(label=_("Ledig til"), widget=DATE_WIDGET, required=False)
    max_persons = forms.IntegerField(label=_("Højst antal personer"), min_value=1, max_value=20)
    household_types = forms.MultipleChoiceField(
        label=_("Værten tager imod"), choices=HouseholdType.choices, widget=CHECKBOXES
    )
    languages = LanguagesField(
        label=_("Værtens sprog"),
        required=False,
        help_text=_("Vælg flere med Ctrl (Cmd på Mac) eller Skift"),
    )
    step_free = forms.BooleanField(label=_("Niveaufri adgang"), required=False)
    pets_ok = forms.BooleanField(label=_("Kæledyr accepteres"), required=False)
    smoking_ok = forms.BooleanField(label=_("Rygning accepteres"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (OfferStatus.OPEN, OfferStatus.OPEN.label),
            (OfferStatus.WITHDRAWN, OfferStatus.WITHDRAWN.label),
        ],
    )

    def __init__(self, *args: Any, matched: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if matched:  # set by the match; not changed by hand
            del self.fields["status"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("Datoen ligger før ledig fra."))
        return data

    @classmethod
    def for_offer(cls, offer: HostOffer | None, data: Any = None) -> OfferForm:
        initial: dict[str, Any] = {
            "version": 0,
            "status": OfferStatus.OPEN,
            "household_types": list(HouseholdType.values),
        }
        if offer is not None:
            initial = {name: getattr(offer, name) for name in OFFER_FIELDS}
            initial["languages"] = list(offer.languages)
            initial["version"] = offer.version
        return cls(
            data=data,
            initial=initial,
            matched=offer is not None and offer.status == OfferStatus.MATCHED,
        )


class HostFilterForm(DkfdsFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Tilbud"),
        required=False,
        choices=[("", _("Alle værter")), *OfferStatus.choices],
    )


class ProfileForm(VersionedForm):
    wants_private_lodging = forms.BooleanField(
        label=_("Husstanden ønsker privat indkvartering"), required=False
    )
    has_pets = forms.BooleanField(label=_("Husstanden har kæledyr"), required=False)
    smokes = forms.BooleanField(label=_("Nogen i husstanden ryger"), required=False)
    note = forms.CharField(
        label=_("Bemærkning"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def for_profile(cls, profile: LodgingProfile | None, data: Any = None) -> ProfileForm:
        initial: dict[str, Any] = {"version": 0}
        if profile is not None:
            initial = {name: getattr(profile, name) for name in PROFILE_FIELDS}
            initial["version"] = profile.version
        return cls(data=data, initial=initial)


class MeetingProposeForm(DkfdsFormMixin, forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput)
    meeting_at = forms.DateTimeField(
        label=_("Tidspunkt"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Sted"), max_length=200, help_text=_("Fx hos værten"))


class DecisionForm(VersionedForm):
    host_decision = forms.ChoiceField(label=_("Værtens beslutning"), choices=Decision.choices)
    household_decision = forms.ChoiceField(
        label=_("Husstandens beslutning"), choices=Decision.choices
    )
    note = forms.CharField(
        label=_("Bemærkning til udfaldet"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    start_date = forms.DateField(
        label=_("Lejemålets start"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Når begge siger ja: husstanden flytter ind denne dag"),
    )
    end_date = forms.DateField(
        label=_("Lejemålets slut"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Højst to år efter starten"),
    )
    monthly_rent = forms.IntegerField(
        label=_("Husleje til værten pr. måned (kr.)"), min_value=0, required=False
    )
