"""Forms of the resource bank: parse and validate; the services write."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.housing.models import Area
from velkomst.people.forms import (
    DATE_WIDGET,
    DkfdsFormMixin,
    LanguageField,
    LanguagesField,
    VersionedForm,
)

from .models import Audience, OfferKind, Volunteer, VolunteerKind, VolunteerStatus, Weekday
from .services import OFFER_FIELDS, OWN_FIELDS, OfferData

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
PHONE = re.compile(r"^\+?[0-9 ()-]{8,20}$")
LANGUAGES_HINT = _("Vælg flere med Ctrl (Cmd på Mac) eller Skift")

CONSENT_TEXT = _(
    "Kommunen bruger dine oplysninger til at finde borgere, du kan hjælpe, og til at kontakte "
    "dig. De gemmes i kommunens ressourcebank, og kun kommunens frivilligkoordinatorer kan læse "
    "dem. Arbejder du med børn, indhenter kommunen en børneattest med dit samtykke. Du kan altid "
    "rette dine oplysninger via dit eget link eller bede om at blive slettet."
)
GDPR_NOTICE = _(
    "Kommunen er dataansvarlig. Oplysningerne behandles efter databeskyttelsesforordningens "
    "artikel 6, stk. 1, litra a (dit samtykke), og slettes, når du ikke længere er frivillig. Du "
    "har ret til indsigt, berigtigelse og sletning og kan klage til Datatilsynet."
)

# the input purposes (WCAG 2.1 1.3.5) of the fields about the volunteer
AUTOCOMPLETE = {"name": "name", "phone": "tel", "email": "email"}


def _phone(value: str) -> str:
    value = value.strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(_("Skriv et telefonnummer med 8 cifre, fx 12 34 56 78."))
    return value


class RegistrationForm(DkfdsFormMixin, forms.Form):
    """The volunteer's own details and what they offer: the public form and the secret link."""

    kind = forms.ChoiceField(label=_("Jeg melder mig som"), choices=VolunteerKind.choices)
    association_name = forms.CharField(
        label=_("Forening"),
        max_length=150,
        required=False,
        help_text=_("Kun hvis du melder dig for en forening"),
    )
    name = forms.CharField(
        label=_("Navn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": AUTOCOMPLETE["name"]}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=30,
        required=False,
        help_text=_("Skriv telefon eller e-mail, så koordinatoren kan kontakte dig"),
        widget=forms.TextInput(attrs={"autocomplete": AUTOCOMPLETE["phone"]}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=200,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": AUTOCOMPLETE["email"]}),
    )
    languages = LanguagesField(label=_("Sprog, jeg taler"), help_text=LANGUAGES_HINT)
    area = forms.ModelChoiceField(
        label=_("Område"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Hele kommunen"),
        help_text=_("Hvor du helst vil hjælpe"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Det vil jeg gerne tilbyde"), choices=OfferKind.choices, widget=CHECKBOXES
    )
    audience = forms.MultipleChoiceField(
        label=_("Jeg vil gerne hjælpe"), choices=Audience.choices, widget=CHECKBOXES
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ugedage"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=CHECKBOXES,
    )
    time_from = forms.TimeField(label=_("Fra kl."), required=False, widget=TIME_WIDGET)
    time_to = forms.TimeField(label=_("Til kl."), required=False, widget=TIME_WIDGET)
    capacity = forms.IntegerField(
        label=_("Hvor mange borgere eller familier kan du hjælpe ad gangen?"),
        min_value=1,
        max_value=50,
        initial=1,
    )
    about = forms.CharField(
        label=_("Om dig"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fx erfaring, interesser, om du har bil"),
    )
    consent = forms.BooleanField(
        label=_("Jeg har læst, hvordan kommunen bruger mine oplysninger, og giver mit samtykke"),
        error_messages={"required": _("Sæt kryds for at give dit samtykke.")},
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], consent: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        if not consent:
            del self.fields["consent"]

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("kind") == VolunteerKind.ASSOCIATION
            and not (data.get("association_name") or "").strip()
        ):
            self.add_error("association_name", _("Skriv foreningens navn."))
        if "phone" in data and "email" in data and not data["phone"] and not data["email"]:
            self.add_error(
                "phone", _("Skriv telefon eller e-mail, så koordinatoren kan kontakte dig.")
            )
        start, end = data.get("time_from"), data.get("time_to")
        if start and end and end <= start:
            self.add_error("time_to", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return data

    def volunteer_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in OWN_FIELDS}
        if values["kind"] != VolunteerKind.ASSOCIATION:
            values["association_name"] = ""
        return values

    def offer_data(self) -> OfferData:
        data = self.cleaned_data
        return OfferData(
            kinds=list(data["kinds"]),
            audience=list(data["audience"]),
            weekdays=list(data["weekdays"]),
            time_from=data["time_from"],
            time_to=data["time_to"],
            capacity=data["capacity"],
            description="",
        )

    @staticmethod
    def initial_for(volunteer: Volunteer) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(volunteer, name) for name in OWN_FIELDS}
        initial["area"] = volunteer.area_id
        offers = [o for o in volunteer.offers.all() if o.active]
        initial["kinds"] = [o.kind for o in offers]
        first = offers[0] if offers else None
        if first is not None:
            initial.update(
                audience=first.audience,
                weekdays=first.weekdays,
                time_from=first.time_from,
                time_to=first.time_to,
                capacity=first.capacity,
            )
        return initial


class OwnEntryForm(RegistrationForm):
    """The secret link's form: the registration's fields with the version read."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any):
        super().__init__(*args, areas=areas, consent=False, **kwargs)


class VolunteerForm(VersionedForm):
    """The coordinator's form of a volunteer; a settled refugee is linked by CPR number."""

    kind = forms.ChoiceField(label=_("Type"), choices=VolunteerKind.choices)
    name = forms.CharField(label=_("Navn"), max_length=150)
    association_name = forms.CharField(
        label=_("Forening"),
        max_length=150,
        required=False,
        help_text=_("For medlemmer af en forening"),
    )
    cpr = forms.CharField(
        label=_("Borgerens CPR-nummer"),
        max_length=11,
        required=False,
        help_text=_("For en flygtning, der er frivillig: kobler den frivillige til borgeren"),
    )
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False)
    languages = LanguagesField(label=_("Sprog"), required=False, help_text=LANGUAGES_HINT)
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("Ingen")
    )
    about = forms.CharField(
        label=_("Om den frivillige"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data.get("phone", ""))

    def clean_cpr(self) -> str:
        return re.sub(r"[\s-]", "", self.cleaned_data.get("cpr", ""))

    @classmethod
    def for_volunteer(
        cls, volunteer: Volunteer | None, *, areas: QuerySet[Area], data: Any = None
    ) -> VolunteerForm:
        initial: dict[str, Any] = {"version": 0}
        if volunteer is not None:
            initial = {name: getattr(volunteer, name) for name in OWN_FIELDS}
            initial["area"] = volunteer.area_id
            initial["version"] = volunteer.version
        form = cls(data=data, initial=initial, areas=areas)
        if volunteer is not None and volunteer.person is not None:
            # the CPR number is never shown to the volunteer coordinator (core/fields.py): the
            # link is named, and an empty field keeps it
            form.fields["cpr"].help_text = _(
                "Koblet til %(name)s. Lad feltet stå tomt for at beholde koblingen."
            ) % {"name": volunteer.person.full_name}
        return form


class DecisionForm(VersionedForm):
    status = forms.ChoiceField(label=_("Afgørelse"), choices=VolunteerStatus.choices)
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skal udfyldes ved afvisning eller når den frivillige ikke er aktiv"),
    )


class CertificateForm(VersionedForm):
    child_certificate_received_on = forms.DateField(
        label=_("Børneattest modtaget"), required=False, widget=DATE_WIDGET
    )
    child_certificate_expires_on = forms.DateField(
        label=_("Børneattest udløber"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Tom: kommunens gyldighed fra modtagelsen"),
    )
    confidentiality_signed_on = forms.DateField(
        label=_("Tavshedserklæring underskrevet"), required=False, widget=DATE_WIDGET
    )


class OfferForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Type"), choices=OfferKind.choices)
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    area = forms.ModelChoiceField(
        label=_("Område"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Hele kommunen"),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ugedage"), choices=Weekday.choices, coerce=int, required=False, widget=CHECKBOXES
    )
    time_from = forms.TimeField(label=_("Fra kl."), required=False, widget=TIME_WIDGET)
    time_to = forms.TimeField(label=_("Til kl."), required=False, widget=TIME_WIDGET)
    languages = LanguagesField(label=_("Sprog"), required=False, help_text=LANGUAGES_HINT)
    capacity = forms.IntegerField(label=_("Kapacitet"), min_value=1, max_value=50, initial=1)
    audience = forms.MultipleChoiceField(
        label=_("Målgruppe"), choices=Audience.choices, widget=CHECKBOXES
    )
    active = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("time_from"), data.get("time_to")
        if start and end and end <= start:
            self.add_error("time_to", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return data

    @classmethod
    def for_offer(
        cls, offer: Any, *, volunteer: Volunteer, areas: QuerySet[Area], data: Any = None
    ) -> OfferForm:
        initial: dict[str, Any] = {
            "version": 0,
            "active": True,
            "languages": list(volunteer.languages),
            "area": volunteer.area_id,
        }
        if offer is not None:
            initial = {name: getattr(offer, name) for name in OFFER_FIELDS}
            initial["area"] = offer.area_id
            initial["version"] = offer.version
        return cls(data=data, initial=initial, areas=areas)


class HoursForm(DkfdsFormMixin, forms.Form):
    period_start = forms.DateField(label=_("Periode fra"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Periode til"), widget=DATE_WIDGET)
    hours = forms.DecimalField(
        label=_("Timer"), min_value=Decimal("0.5"), max_value=Decimal("2000"), decimal_places=1
    )
    activity = forms.CharField(
        label=_("Aktivitet"), max_length=200, required=False, help_text=_("Fx byguide, mentor")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Slutdatoen ligger før startdatoen."))
        return data


class DiplomaForm(DkfdsFormMixin, forms.Form):
    period_start = forms.DateField(label=_("Diplomets periode fra"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Diplomets periode til"), widget=DATE_WIDGET)


class BankFilterForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, help_text=_("Navn, forening eller e-mail"))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *VolunteerStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Type frivillig"),
        required=False,
        choices=[("", _("Alle typer")), *VolunteerKind.choices],
    )
    offer_kind = forms.ChoiceField(
        label=_("Tilbud"), required=False, choices=[("", _("Alle tilbud")), *OfferKind.choices]
    )
    audience = forms.ChoiceField(
        label=_("Målgruppe"),
        required=False,
        choices=[("", _("Alle målgrupper")), *Audience.choices],
    )
    area = forms.ModelChoiceField(
        label=_("Område"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Alle områder"),
    )
    language = LanguageField(label=_("Sprog"), required=False, empty_label=_("Alle sprog"))

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]


class ConcernForm(DkfdsFormMixin, forms.Form):
    """A volunteer's concern about a child's welfare, through their own secret link (CIV-3)."""

    child_description = forms.CharField(
        label=_("Hvilket barn drejer det sig om?"),
        max_length=500,
        help_text=_("Navn, alder, adresse eller familie, så kommunen kan finde barnet."),
    )
    text = forms.CharField(
        label=_("Hvad er du bekymret for?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
