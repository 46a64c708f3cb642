"""Forms of the national user's pages (NAT-1, NAT-2)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DkfdsFormMixin, VersionedForm

from .models import DecisionState, RunMode

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ACCEPT = (
    ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


def _file_field(label: Any, help_text: Any, required: bool = True) -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


def _check_upload(upload: Any) -> Any:
    if upload is None:
        return upload
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Filen er større end 20 MB."))
    if upload.size == 0:
        raise ValidationError(_("Filen er tom."))
    return upload


class TableUploadForm(DkfdsFormMixin, forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2200)
    label = forms.CharField(label=_("Betegnelse"), max_length=120)
    landstal = forms.IntegerField(
        label=_("Landstal"),
        required=False,
        min_value=0,
        help_text=_("Når det er udfyldt, skal kolonnen quota_households summere til det."),
    )
    file = _file_field(
        _("Referencetabel"),
        _(
            "CSV- eller Excel-fil (.xlsx) med én række pr. kommune og kolonnerne "
            "municipality_code, region, population, nonwestern_stock, reunified_last_year, "
            "local_employment_rate, treatment_services, quota_households og stock_<nationalitet> "
            "(valgfri: reunified_living). Alt eller intet indlæses."
        ),
    )

    def clean_file(self) -> Any:
        return _check_upload(self.cleaned_data["file"])


class PlanForm(DkfdsFormMixin, forms.Form):
    table = forms.TypedChoiceField(label=_("Referencetabel"), coerce=int)
    landstal = forms.IntegerField(label=_("Landstal"), min_value=1, max_value=1_000_000)
    reunified_total = forms.IntegerField(
        label=_("Familiesammenførte til flygtninge sidste år i hele landet"),
        required=False,
        min_value=0,
        help_text=_("Tomt: tabellens tal for sidste år lagt sammen."),
    )

    def __init__(self, *args: Any, tables: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = tables  # type: ignore[attr-defined]


class AgreementForm(VersionedForm):
    region = forms.ChoiceField(label=_("Region"))
    agreed = forms.CharField(
        label=_("Nye kvoter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én kommune pr. linje: kommunekode = ny kvote, fx 400 = 12."),
    )

    def __init__(self, *args: Any, regions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r, r) for r in regions]  # type: ignore[attr-defined]

    def clean_agreed(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for n, line in enumerate(self.cleaned_data["agreed"].splitlines(), 1):
            if not line.strip():
                continue
            code, sep, value = line.partition("=")
            try:
                quota = int(value.strip())
            except ValueError:
                quota = -1
            if not sep or not code.strip() or quota < 0:
                raise ValidationError(
                    _("Linje %(n)s: skriv kommunekode = kvote (et helt tal på mindst 0).")
                    % {"n": n}
                )
            out[code.strip()] = quota
        if not out:
            raise ValidationError(_("Skriv mindst én kommune."))
        return out


class RevisionForm(VersionedForm):
    new_landstal = forms.IntegerField(label=_("Nyt landstal"), min_value=1, max_value=1_000_000)


class ModelTrainForm(DkfdsFormMixin, forms.Form):
    table = forms.TypedChoiceField(label=_("Referencetabel"), coerce=int)
    history = _file_field(
        _("Historikfil (H.csv)"),
        _("Tom: modellen trænes på platformens egne udfald fra alle kommuner (uden navne)."),
        required=False,
    )

    def __init__(self, *args: Any, tables: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = tables  # type: ignore[attr-defined]

    def clean_history(self) -> Any:
        return _check_upload(self.cleaned_data.get("history"))


class ArrivalsForm(DkfdsFormMixin, forms.Form):
    table = forms.TypedChoiceField(label=_("Referencetabel"), coerce=int)
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2200)
    label = forms.CharField(label=_("Betegnelse"), max_length=120)
    file = _file_field(
        _("Ankomne husstande (A.csv)"),
        _(
            "Én række pr. voksen: household_id, nationality, male, education_level, age, "
            "prior_work, household_size, arrival_week (valgfri: special_needs, "
            "fixed_municipality). Alt eller intet indlæses."
        ),
    )

    def __init__(self, *args: Any, tables: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = tables  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        return _check_upload(self.cleaned_data["file"])


class RunForm(DkfdsFormMixin, forms.Form):
    batch = forms.TypedChoiceField(label=_("Ankomne husstande"), coerce=int)
    plan = forms.TypedChoiceField(label=_("Kvoteplan"), coerce=int)
    model = forms.TypedChoiceField(label=_("Model"), coerce=int)
    mode = forms.ChoiceField(label=_("Kørsel"), choices=RunMode.choices)
    week = forms.IntegerField(
        label=_("Uge"),
        required=False,
        min_value=1,
        max_value=53,
        help_text=_(
            "Kun ved løbende kørsel: ugens husstande fordeles mod årets resterende kvoter."
        ),
    )

    def __init__(
        self,
        *args: Any,
        batches: list[tuple[int, str]],
        plans: list[tuple[int, str]],
        models: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = batches  # type: ignore[attr-defined]
        self.fields["plan"].choices = plans  # type: ignore[attr-defined]
        self.fields["model"].choices = models  # type: ignore[attr-defined]


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[(v, label) for v, label in DecisionState.choices if v != DecisionState.PENDING],
        widget=forms.RadioSelect,
    )
    municipality_code = forms.ChoiceField(label=_("Ny kommune"), required=False)
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skal udfyldes, når kommunen ændres."),
    )

    def __init__(self, *args: Any, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality_code"].choices = [  # type: ignore[attr-defined]
            ("", _("Vælg kommune")),
            *municipalities,
        ]
