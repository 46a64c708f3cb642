"""Forms of the companies register: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from velkomst.competences import occupations
from velkomst.housing.forms import MAX_UPLOAD_BYTES
from velkomst.housing.models import Area
from velkomst.people.codes import language_name
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person

from . import industries
from .letters import LETTERS
from .models import (
    AgreementKind,
    Attendance,
    Company,
    CompanyAnswer,
    MeetingOutcome,
    Opening,
    OpeningKind,
    OpeningStatus,
)
from .services import COMPANY_FIELDS, MAX_HOURS_PER_WEEK, OPENING_FIELDS


def _trade_choices() -> list[tuple[str, str]] | None:
    """DISCO-08 choices where the code list is installed, else None (a text field)."""
    if not occupations.installed():
        return None
    language = translation.get_language()
    return [("", str(_("Ikke angivet")))] + [
        (code, f"{code} {title}") for code, title in occupations.occupation_choices(language)
    ]


class CompanyFilterForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, help_text=_("Navn eller CVR-nummer"))
    division = forms.ChoiceField(label=_("Branche"), required=False)
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("Alle")
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["division"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle brancher")),
            *industries.division_choices(),
        ]


class CompanyForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=12, help_text=_("8 cifre"))
    industry = forms.CharField(
        label=_("Branchekode (DB07)"),
        max_length=10,
        help_text=_("Dansk Branchekode 2007, 4 eller 6 cifre, fx 471100"),
    )
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("Ingen")
    )
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
    def for_company(
        cls, company: Company | None, *, areas: QuerySet[Area], data: Any = None
    ) -> CompanyForm:
        initial: dict[str, Any] = {"version": 0}
        if company is not None:
            initial = {name: getattr(company, name) for name in COMPANY_FIELDS}
            initial["area"] = company.area_id
            initial["version"] = company.version
        return cls(data=data, initial=initial, areas=areas)


class CompanyImportForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med virksomheder (CSV eller XLSX)"),
        help_text=_("Brug skabelonen: én virksomhed pr. række, kolonnenavne i første række"),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er større end 5 MB."))
        return upload


class ContactForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=150)
    role = forms.CharField(label=_("Rolle"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class AgreementForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=AgreementKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    valid_from = forms.DateField(label=_("Gælder fra"), widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Gælder til"), widget=DATE_WIDGET, required=False)
    steps = forms.CharField(
        label=_("Trin"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Branchepakkens trin i rækkefølge, ét pr. linje"),
    )

    def clean_steps(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]


class StepDoneForm(DkfdsFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Gennemført"), widget=DATE_WIDGET, required=False)


class SkillsField(forms.CharField):
    """Short tags separated by commas."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class OpeningForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Type"), choices=OpeningKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200, help_text=_("Fx Lagermedarbejder"))
    trade = forms.CharField(
        label=_("Fag (DISCO-08)"), max_length=10, required=False, help_text=_("Fagkode")
    )
    danish_required = forms.ChoiceField(label=_("Krævet dansk"), choices=CefrLevel.choices)
    skills = SkillsField(
        label=_("Kompetencer"),
        required=False,
        max_length=900,
        help_text=_("Korte ord adskilt af komma, fx truckcertifikat, kundeservice"),
    )
    hours_per_week = forms.IntegerField(
        label=_("Timer pr. uge"), min_value=1, max_value=MAX_HOURS_PER_WEEK
    )
    area = forms.ModelChoiceField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("Ingen")
    )
    start_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET)
    places = forms.IntegerField(label=_("Pladser"), min_value=1, max_value=100, initial=1)
    status = forms.ChoiceField(label=_("Status"), choices=OpeningStatus.choices)
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        choices = _trade_choices()
        if choices is not None:
            self.fields["trade"] = forms.ChoiceField(
                label=_("Fag (DISCO-08)"),
                choices=choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    @classmethod
    def for_opening(
        cls, opening: Opening | None, *, areas: QuerySet[Area], data: Any = None
    ) -> OpeningForm:
        initial: dict[str, Any] = {
            "version": 0,
            "status": OpeningStatus.OPEN,
            "places": 1,
            "danish_required": CefrLevel.NONE,
        }
        if opening is not None:
            initial = {name: getattr(opening, name) for name in OPENING_FIELDS}
            initial["area"] = opening.area_id
            initial["version"] = opening.version
        return cls(data=data, initial=initial, areas=areas)


class ProposalCreateForm(DkfdsFormMixin, forms.Form):
    opening = forms.ModelChoiceField(label=_("Opslag"), queryset=Opening.objects.none())
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    proposed_on = forms.DateField(label=_("Foreslået"), widget=DATE_WIDGET)

    def __init__(
        self, *args: Any, openings: QuerySet[Opening], persons: QuerySet[Person], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opening"].queryset = openings  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.full_name} ({p.birth_date:%d.%m.%Y})"
        )


class AnswerForm(VersionedForm):
    company_answer = forms.ChoiceField(label=_("Virksomhedens svar"), choices=CompanyAnswer.choices)
    answered_on = forms.DateField(label=_("Svar modtaget"), widget=DATE_WIDGET, required=False)
    answer_reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=500,
        required=False,
        help_text=_("Skal udfyldes ved afslag"),
    )


RESULT_CHOICES = [("started", _("Startet")), ("not_started", _("Ikke startet"))]


class ResultForm(VersionedForm):
    result = forms.ChoiceField(label=_("Resultat"), choices=RESULT_CHOICES)
    result_on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    result_reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=500,
        required=False,
        help_text=_("Skal udfyldes, hvis personen ikke startede"),
    )


class EventForm(VersionedForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    held_on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Sted"), max_length=200)
    companies = forms.ModelMultipleChoiceField(
        label=_("Virksomheder"),
        queryset=Company.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Vælg flere med Ctrl (Cmd på Mac) eller Skift"),
    )

    def __init__(self, *args: Any, companies: QuerySet[Company], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["companies"].queryset = companies  # type: ignore[attr-defined]


def _letter_languages() -> list[tuple[str, str]]:
    """The languages with a letter text, by name in the UI's language."""
    shown = translation.get_language() or "da"
    return [("", str(_("Personens eget sprog, hvis der er en tekst")))] + [
        (code, language_name(code, shown)) for code in LETTERS
    ]


class InvitationForm(DkfdsFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    invited_on = forms.DateField(label=_("Inviteret"), widget=DATE_WIDGET)
    letter_language = forms.ChoiceField(
        label=_("Brevets sprog"), choices=_letter_languages, required=False
    )

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]


class AttendanceForm(VersionedForm):
    attended = forms.ChoiceField(label=_("Deltagelse"), choices=Attendance.choices)


class MeetingForm(DkfdsFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    company = forms.ModelChoiceField(label=_("Virksomhed"), queryset=Company.objects.none())
    outcome = forms.ChoiceField(label=_("Udfald"), choices=MeetingOutcome.choices)
    note = forms.CharField(label=_("Bemærkning"), max_length=1000, required=False)

    def __init__(
        self, *args: Any, persons: QuerySet[Person], companies: QuerySet[Company], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]
        self.fields["company"].queryset = companies  # type: ignore[attr-defined]
