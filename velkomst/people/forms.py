"""Forms: parse and validate input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from velkomst.core.formats import ui_language
from velkomst.core.models import StaffUser
from velkomst.people import codes

from .models import EndReason, Household, Person, Phase, Proficiency, Relation, ResidenceBasis, Sex
from .services import PHASES, LanguageData, MemberData
from .validators import (
    clean_language,
    clean_nationality,
    cpr_birth_date,
    normalise_cpr,
    validate_cpr,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


StrOrPromise = str | Promise
DJANGO_EMPTY_LABEL = "---------"


def _name_the_empty_choice(field: forms.Field) -> None:
    """A select's empty choice says what it means instead of Django's "---------": "Vælg …"
    where a choice is required, "Ingen" where none may be chosen."""
    label = _("Vælg …") if field.required else _("Ingen")
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField) and isinstance(field.choices, list):
        choices = list(field.choices)
        if any(value == "" and text == DJANGO_EMPTY_LABEL for value, text in choices):
            field.choices = [(v, label if v == "" else t) for v, t in choices]


class DkfdsFormMixin:
    """Adds DKFDS classes to widgets so templates can render fields uniformly."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            _name_the_empty_choice(field)
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-checkbox")
            else:
                widget.attrs.setdefault("class", "form-input")


class NationalityField(forms.ChoiceField):
    """A select of every nationality by its name in the UI's language, sorted by name; the empty
    choice says what it means. A typed code or name (an old link, a script) is read through the
    code list, so "SYR" and "Syrien" are SY."""

    def __init__(self, *, empty_label: StrOrPromise, **kwargs: Any) -> None:
        super().__init__(
            choices=lambda: [("", empty_label), *codes.country_choices(ui_language())], **kwargs
        )

    def to_python(self, value: Any) -> str:
        value = super().to_python(value).strip()
        return clean_nationality(value) if value else ""

    def valid_value(self, value: Any) -> bool:
        return value in codes.NATIONALITIES


def language_choices(empty_label: StrOrPromise | None) -> list[Any]:
    """The common languages first, then every language, by name in the UI's language."""
    language = ui_language()
    groups: list[Any] = [
        (_("Mest brugte sprog"), list(codes.common_language_choices(language))),
        (_("Alle sprog"), list(codes.language_choices(language))),
    ]
    return [("", empty_label), *groups] if empty_label is not None else groups


def _language_code(value: str) -> str:
    value = value.strip()
    return clean_language(value) if value else ""


class LanguageField(forms.ChoiceField):
    """A select of languages by name (common ones first); submits the ISO 639 code. A typed code
    or name ("ara", "arabisk") is read through the code list."""

    def __init__(self, *, empty_label: StrOrPromise, **kwargs: Any) -> None:
        super().__init__(choices=lambda: language_choices(empty_label), **kwargs)

    def to_python(self, value: Any) -> str:
        return _language_code(super().to_python(value))

    def valid_value(self, value: Any) -> bool:
        return value in codes.STORED_LANGUAGES


class LanguagesField(forms.MultipleChoiceField):
    """Several languages from a multiple select by name; submits ISO 639 codes, sorted."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(choices=lambda: language_choices(None), **kwargs)

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)
        parts = [p for v in values for p in str(v).replace(";", ",").split(",") if p.strip()]
        return sorted({_language_code(p) for p in parts})

    def valid_value(self, value: Any) -> bool:
        return value in codes.STORED_LANGUAGES


class VersionedForm(DkfdsFormMixin, forms.Form):
    """Carries the version the user saw, so a concurrent change is detected on save (SEC-5)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


MINE, ALL = "mine", "all"  # the citizen list's scopes: the user's own cases, or all they see


class PersonListFilterForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, help_text=_("Navn, CPR eller husstand"))
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle faser")), *Phase.choices]
    )
    nationality = NationalityField(
        label=_("Nationalitet"), required=False, empty_label=_("Alle nationaliteter")
    )
    scope = forms.ChoiceField(label=_("Vis"), required=False)
    arriving = forms.IntegerField(
        label=_("Ankommer inden for (dage)"), required=False, min_value=0, max_value=365
    )

    def __init__(self, *args: Any, sees_all: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mine = (MINE, _("Mine borgere"))
        everyone = (ALL, _("Alle borgere i kommunen") if sees_all else _("Enhedens borgere"))
        self.fields["scope"].choices = [everyone, mine] if sees_all else [mine, everyone]  # type: ignore[attr-defined]


class HouseholdForm(VersionedForm):
    name = forms.CharField(label=_("Husstandens navn"), max_length=120)
    expected_arrival_date = forms.DateField(
        label=_("Forventet ankomst"), required=False, widget=DATE_WIDGET
    )
    arrival_date = forms.DateField(label=_("Ankomstdato"), required=False, widget=DATE_WIDGET)
    asylum_centre = forms.CharField(label=_("Asylcenter"), max_length=120, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)

    @classmethod
    def for_household(cls, household: Household, data: object = None) -> HouseholdForm:
        initial = {name: getattr(household, name) for name in cls.base_fields}
        return cls(data=data, initial=initial)  # type: ignore[arg-type]


class PersonForm(VersionedForm):
    first_name = forms.CharField(label=_("Fornavn"), max_length=100)
    last_name = forms.CharField(label=_("Efternavn"), max_length=100)
    birth_date = forms.DateField(label=_("Fødselsdato"), widget=DATE_WIDGET)
    sex = forms.ChoiceField(label=_("Køn"), choices=Sex.choices)
    nationality = NationalityField(
        label=_("Nationalitet"),
        empty_label=_("Vælg land"),
        help_text=_("Statsløs og Ukendt findes også på listen"),
    )
    cpr = forms.CharField(
        label=_("CPR-nummer"), max_length=11, required=False, help_text=_("10 cifre, DDMMÅÅXXXX")
    )
    residence_basis = forms.ChoiceField(label=_("Opholdsgrundlag"), choices=ResidenceBasis.choices)
    relation = forms.ChoiceField(label=_("Relation i husstanden"), choices=Relation.choices)

    @classmethod
    def for_person(cls, person: Person, data: object = None) -> PersonForm:
        initial = {name: getattr(person, name) for name in cls.base_fields}
        return cls(data=data, initial=initial)  # type: ignore[arg-type]

    def clean_nationality(self) -> str:
        return clean_nationality(self.cleaned_data["nationality"])

    def clean_cpr(self) -> str:
        value = normalise_cpr(self.cleaned_data.get("cpr", ""))
        if value:
            validate_cpr(value)
        return value

    def clean(self) -> dict:
        data = super().clean() or {}
        cpr, birth = data.get("cpr"), data.get("birth_date")
        if cpr and birth and cpr_birth_date(cpr) != birth:
            self.add_error("cpr", _("CPR-nummeret passer ikke med fødselsdatoen."))
        return data


class MemberForm(PersonForm):
    """One member in the create-household form (no version: the person is new)."""

    language = LanguageField(label=_("Modersmål"), required=False, empty_label=_("Vælg sprog"))
    interpreter_needed = forms.BooleanField(label=_("Tolk nødvendig"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]

    def clean_language(self) -> str:
        value = self.cleaned_data.get("language", "")
        return clean_language(value) if value.strip() else ""

    def member_data(self) -> MemberData:
        data = self.cleaned_data
        languages = []
        if data.get("language"):
            languages.append(
                LanguageData(
                    data["language"].strip().lower(),
                    Proficiency.NATIVE,
                    bool(data.get("interpreter_needed")),
                )
            )
        return MemberData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            nationality=data["nationality"],
            residence_basis=data["residence_basis"],
            relation=data["relation"],
            cpr=data.get("cpr", ""),
            languages=languages,
        )


class _BaseMemberFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.has_changed() and f not in self.deleted_forms]
        if not filled:
            raise ValidationError(_("Husstanden skal have mindst ét medlem."))
        heads = [f for f in filled if f.cleaned_data.get("relation") == Relation.HEAD]
        if len(heads) != 1:
            raise ValidationError(_("Husstanden skal have præcis én hovedperson."))


MemberFormSet = forms.formset_factory(
    MemberForm, formset=_BaseMemberFormSet, extra=0, min_num=1, max_num=15, validate_max=True
)


class HouseholdCreateForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Husstandens navn"), max_length=120)
    visitation_date = forms.DateField(label=_("Visitationsdato"), widget=DATE_WIDGET)
    expected_arrival_date = forms.DateField(
        label=_("Forventet ankomst"), required=False, widget=DATE_WIDGET
    )
    arrival_date = forms.DateField(label=_("Ankomstdato"), required=False, widget=DATE_WIDGET)
    asylum_centre = forms.CharField(label=_("Asylcenter"), max_length=120, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        visited, expected = data.get("visitation_date"), data.get("expected_arrival_date")
        if visited and expected and expected < visited:
            self.add_error(
                "expected_arrival_date", _("Forventet ankomst kan ikke ligge før visitationen.")
            )
        return data


class NoteForm(DkfdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Nyt notat"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)
    internal = forms.BooleanField(
        label=_("Internt notat (overdrages ikke til en anden kommune)"), required=False
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Notatet må ikke være tomt."))
        return text


class PhaseForm(VersionedForm):
    to = forms.ChoiceField(label=_("Ny fase"), choices=Phase.choices)
    effective_date = forms.DateField(label=_("Gælder fra"), widget=DATE_WIDGET)
    end_reason = forms.ChoiceField(
        label=_("Afslutningsårsag"),
        required=False,
        choices=[("", _("Vælg, hvis sagen afsluttes")), *EndReason.choices],
    )
    reason = forms.CharField(label=_("Begrundelse"), max_length=500)

    def __init__(self, *args: object, current_phase: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        allowed = PHASES.get(current_phase, [])
        to_field: forms.ChoiceField = self.fields["to"]  # type: ignore[assignment]
        to_field.choices = [(value, label) for value, label in Phase.choices if value in allowed]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("to") == Phase.ENDED and not data.get("end_reason"):
            self.add_error("end_reason", _("Vælg hvorfor sagen afsluttes."))
        return data


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffUser) -> str:  # type: ignore[override]
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


class CaseworkerForm(VersionedForm):
    caseworker = StaffChoiceField(label=_("Fast sagsbehandler"), queryset=StaffUser.objects.none())
    reason = forms.CharField(label=_("Begrundelse for skiftet"), max_length=500)

    def __init__(self, *args: object, staff_qs: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = staff_qs  # type: ignore[attr-defined]


class ContactPersonForm(DkfdsFormMixin, forms.Form):
    staff = StaffChoiceField(label=_("Kontaktperson"), queryset=StaffUser.objects.none())
    reason = forms.CharField(label=_("Begrundelse"), max_length=500, required=False)

    def __init__(self, *args: object, staff_qs: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_qs  # type: ignore[attr-defined]
