"""Forms of a person's outcomes: parse and validate; the services write (and check the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import BenefitType, GrantKind, SelfSupportSource, SubsidyKind
from .selectors import ClaimStatus
from .services import BENEFIT_FIELDS, EDUCATION_FIELDS, EMPLOYMENT_FIELDS


def _initial(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    if record is None:
        return {"version": 0}
    initial = {name: getattr(record, name) for name in names}
    initial["version"] = record.version
    return initial


class EmploymentForm(VersionedForm):
    employer_name = forms.CharField(label=_("Arbejdsgiver"), max_length=200)
    cvr = forms.CharField(
        label=_("CVR-nummer"),
        max_length=12,
        required=False,
        help_text=_("8 cifre, fx 12345674"),
    )
    start_date = forms.DateField(label=_("Startdato"), widget=DATE_WIDGET)
    end_date = forms.DateField(
        label=_("Slutdato"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Tom, hvis ansættelsen fortsætter"),
    )
    hours_per_week = forms.DecimalField(
        label=_("Timer pr. uge"), max_digits=4, decimal_places=1, min_value=0
    )
    subsidy = forms.ChoiceField(label=_("Tilskud"), choices=SubsidyKind.choices)

    @classmethod
    def for_record(cls, record: Any, data: Any = None) -> EmploymentForm:
        return cls(data=data, initial=_initial(record, EMPLOYMENT_FIELDS))


class EducationForm(VersionedForm):
    institution = forms.CharField(label=_("Uddannelsessted"), max_length=200)
    programme = forms.CharField(label=_("Uddannelse"), max_length=200)
    qualifying = forms.BooleanField(
        label=_("Ordinær kompetencegivende uddannelse"),
        required=False,
        help_text=_("Studie- eller erhvervskompetencegivende, fx HF, HHX, en erhvervsuddannelse"),
    )
    started_on = forms.DateField(label=_("Startdato"), widget=DATE_WIDGET)
    completed_on = forms.DateField(label=_("Fuldført"), widget=DATE_WIDGET, required=False)
    dropped_on = forms.DateField(label=_("Afbrudt"), widget=DATE_WIDGET, required=False)

    @classmethod
    def for_record(cls, record: Any, data: Any = None) -> EducationForm:
        return cls(data=data, initial=_initial(record, EDUCATION_FIELDS))


class BenefitForm(VersionedForm):
    benefit = forms.ChoiceField(label=_("Ydelse"), choices=BenefitType.choices)
    from_date = forms.DateField(label=_("Fra"), widget=DATE_WIDGET)
    to_date = forms.DateField(
        label=_("Til"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Tom, hvis perioden fortsætter"),
    )

    @classmethod
    def for_record(cls, record: Any, data: Any = None) -> BenefitForm:
        return cls(data=data, initial=_initial(record, BENEFIT_FIELDS))


class SelfSupportingForm(VersionedForm):
    from_date = forms.DateField(label=_("Selvforsørgende fra"), widget=DATE_WIDGET)
    source = forms.ChoiceField(label=_("Forsørgelsesgrundlag"), choices=SelfSupportSource.choices)

    @classmethod
    def for_record(cls, record: Any, data: Any = None) -> SelfSupportingForm:
        return cls(data=data, initial=_initial(record, ("from_date", "source")))


class GrantFilterForm(DkfdsFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Tilskud"),
        choices=[("", _("Alle tilskud")), *GrantKind.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle")), *ClaimStatus.CHOICES],
        required=False,
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle år")),
            *[(year, str(year)) for year in years],
        ]


class ClaimForm(VersionedForm):
    """Mark a derived result grant claimed (PRG-7); on a recorded claim, also the day paid."""

    claimed_on = forms.DateField(label=_("Hjemtaget"), widget=DATE_WIDGET)
    amount = forms.IntegerField(
        label=_("Beløb (kr.)"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("Det hjemtagne beløb i hele kroner"),
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("Fx sagsnummer eller journalnummer i styrelsens system"),
    )
    paid_on = forms.DateField(
        label=_("Udbetalt"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Tom, indtil staten har udbetalt tilskuddet"),
    )

    def __init__(self, *args: Any, claimed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not claimed:  # the day paid comes after the claim
            del self.fields["paid_on"]

    @classmethod
    def for_claim(
        cls, claim: Any, *, default_amount: int, today: Any, data: Any = None
    ) -> ClaimForm:
        if claim is None:
            initial = {"version": 0, "claimed_on": today, "amount": default_amount}
        else:
            initial = _initial(claim, ("claimed_on", "amount", "reference", "paid_on"))
        return cls(data=data, initial=initial, claimed=claim is not None)
