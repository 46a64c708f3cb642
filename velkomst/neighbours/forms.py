"""Forms for neighbour-problem reports: parse and validate; the services write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import StaffUser
from velkomst.housing.models import Dwelling
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm
from velkomst.people.models import Household

from .models import ChannelKind, ReportChannel, ReportStatus, Urgency
from .services import MANUAL_EVENT_KINDS, ReportData

PHONE = re.compile(r"^\+?[0-9 ()-]{8,20}$")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

CONSENT_TEXT = _(
    "Kommunen bruger indberetningen til at hjælpe beboerne og naboerne og til at svare dig. "
    "Den gemmes i kommunens sag om problemet, og kun de medarbejdere, der behandler den, kan "
    "læse den. Vi kontakter dig på telefon eller e-mail. Skriv kun det, der er nødvendigt for "
    "at forstå problemet, og ikke oplysninger om helbred eller andre følsomme forhold."
)


# The input purposes (WCAG 2.1 1.3.5, HTML autocomplete tokens) of the fields about the person
# filling in the public form, so browsers fill them in and assistive technology can show them.
# The address is the dwelling's, not the reporter's own: "off", so a browser does not offer the
# reporter's home address.
REPORTER_AUTOCOMPLETE = {
    "reporter_name": "name",
    "reporter_phone": "tel",
    "reporter_email": "email",
    "address": "off",
}


class ReportForm(DkfdsFormMixin, forms.Form):
    """The public form a landlord or housing association fills in."""

    reporter_name = forms.CharField(
        label=_("Dit navn"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": REPORTER_AUTOCOMPLETE["reporter_name"]}),
    )
    reporter_phone = forms.CharField(
        label=_("Telefon"),
        max_length=30,
        required=False,
        help_text=_("Skriv telefon eller e-mail, så vi kan svare dig"),
        widget=forms.TextInput(attrs={"autocomplete": REPORTER_AUTOCOMPLETE["reporter_phone"]}),
    )
    reporter_email = forms.EmailField(
        label=_("E-mail"),
        max_length=200,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": REPORTER_AUTOCOMPLETE["reporter_email"]}),
    )
    address = forms.CharField(
        label=_("Boligens adresse"),
        max_length=200,
        help_text=_("Adressen på den bolig, problemet handler om, fx Storegade 1, 1. tv."),
        widget=forms.TextInput(attrs={"autocomplete": REPORTER_AUTOCOMPLETE["address"]}),
    )
    description = forms.CharField(
        label=_("Hvad er der sket?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    since = forms.DateField(
        label=_("Siden hvornår?"),
        widget=DATE_WIDGET,
        help_text=_("Omtrent, hvis du ikke ved det præcist"),
    )
    urgency = forms.ChoiceField(
        label=_("Haster det?"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        help_text=_("Vælg Haster, hvis problemet ikke kan vente"),
    )
    consent = forms.BooleanField(
        label=_("Jeg har læst, hvordan kommunen bruger indberetningen"),
        error_messages={"required": _("Bekræft, at du har læst, hvordan kommunen bruger den.")},
    )

    def clean_reporter_phone(self) -> str:
        value = " ".join(self.cleaned_data.get("reporter_phone", "").split())
        if value and not PHONE.match(value):
            raise forms.ValidationError(_("Skriv et telefonnummer med mindst 8 cifre."))
        return value

    def clean_since(self) -> Any:
        value = self.cleaned_data["since"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Datoen ligger i fremtiden."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "reporter_phone" not in self.errors
            and "reporter_email" not in self.errors
            and not data.get("reporter_phone")
            and not data.get("reporter_email")
        ):
            self.add_error("reporter_phone", _("Skriv et telefonnummer eller en e-mailadresse."))
        return data

    def report_data(self) -> ReportData:
        data = self.cleaned_data
        return ReportData(
            reporter_name=data["reporter_name"],
            reporter_phone=data.get("reporter_phone", ""),
            reporter_email=data.get("reporter_email", ""),
            address=data["address"],
            description=data["description"],
            since=data["since"],
            urgency=data["urgency"],
        )


class StaffReportForm(ReportForm):
    """A report the municipality received by phone, registered by staff."""

    channel = forms.ModelChoiceField(
        label=_("Fra"), queryset=ReportChannel.objects.none(), empty_label=None
    )
    received_at = forms.DateTimeField(
        label=_("Modtaget"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Tom: nu"),
    )
    field_order = ["channel", "received_at"]

    def __init__(self, *args: Any, channels: QuerySet[ReportChannel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = channels  # type: ignore[attr-defined]
        # staff type in someone else's name and number: their browser must not fill in its own
        for name in REPORTER_AUTOCOMPLETE:
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["reporter_name"].label = _("Indberetterens navn")
        self.fields["reporter_phone"].help_text = ""
        self.fields["consent"].label = _(
            "Indberetteren er orienteret om, hvordan kommunen bruger indberetningen"
        )
        self.fields["consent"].error_messages["required"] = _(
            "Orientér indberetteren om, hvordan kommunen bruger indberetningen."
        )

    def clean_received_at(self) -> Any:
        value = self.cleaned_data.get("received_at")
        if value is not None and value > timezone.now():
            raise forms.ValidationError(_("Tidspunktet ligger i fremtiden."))
        return value


class ReportFilterForm(DkfdsFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), ("open", _("Åbne")), *ReportStatus.choices],
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarlig"),
        queryset=StaffUser.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    overdue = forms.BooleanField(label=_("Kun overskredne svarfrister"), required=False)
    mine = forms.BooleanField(label=_("Kun mine sager"), required=False)

    def __init__(self, *args: Any, owners: QuerySet[StaffUser], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class EventForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Hvad er gjort?"), choices=[(k.value, k.label) for k in MANUAL_EVENT_KINDS]
    )
    text = forms.CharField(
        label=_("Beskrivelse"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OwnerForm(VersionedForm):
    owner = forms.ModelChoiceField(
        label=_("Ansvarlig"), queryset=StaffUser.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, owners: QuerySet[StaffUser], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class HouseholdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Household) -> str:  # type: ignore[override]
        return obj.name


class LinkForm(VersionedForm):
    dwelling = forms.ModelChoiceField(
        label=_("Bolig"),
        queryset=Dwelling.objects.none(),
        required=False,
        empty_label=_("Ingen"),
    )
    household = HouseholdChoiceField(
        label=_("Husstand"),
        queryset=Household.objects.none(),
        required=False,
        empty_label=_("Ingen"),
        help_text=_("Husstande, der bor i en af kommunens boliger nu"),
    )

    def __init__(
        self,
        *args: Any,
        dwellings: QuerySet[Dwelling],
        households: QuerySet[Household],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dwelling"].queryset = dwellings  # type: ignore[attr-defined]
        self.fields["household"].queryset = households  # type: ignore[attr-defined]


class CloseForm(VersionedForm):
    resolution = forms.CharField(
        label=_("Hvordan er sagen afsluttet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChannelForm(VersionedForm):
    name = forms.CharField(
        label=_("Navn"), max_length=120, help_text=_("Fx BoBornholm eller Private udlejere")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ChannelKind.choices)
    active = forms.BooleanField(label=_("Aktiv: linket virker"), required=False, initial=True)

    @classmethod
    def for_channel(cls, channel: ReportChannel | None, data: Any = None) -> ChannelForm:
        initial: dict[str, Any] = {"version": 0, "active": True}
        if channel is not None:
            initial = {
                "name": channel.name,
                "kind": channel.kind,
                "active": channel.active,
                "version": channel.version,
            }
        return cls(data=data, initial=initial)
