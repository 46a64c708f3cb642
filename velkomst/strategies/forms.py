"""Forms of strategies (MI-1): parse input, the services check and write. Targets are typed one
step a line, "25; 31.12.2017" (value; by date), or "80" for a target without a date."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.core import formats
from velkomst.indicators import library
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from . import presets
from .models import Good, Kind, StrategyIndicator, StrategyVersion, Unit
from .selectors import BREAKDOWN_LABELS

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class VersionOnlyForm(VersionedForm):
    """A button's form on a draft (move, remove, publish): the draft's version only."""


class DraftForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    valid_from = forms.DateField(
        label=_("Gælder fra"), widget=DATE_WIDGET, help_text=_("Dagen versionen træder i kraft")
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False, widget=TEXTAREA)


class NewDraftForm(DkfdsFormMixin, forms.Form):
    source = forms.ChoiceField(label=_("Udkastet starter som"), required=False)

    def __init__(self, *args: Any, versions: list[StrategyVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {str(v.pk): v for v in versions}
        field = self.fields["source"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Et tomt udkast"))] + [
            (
                str(v.pk),
                _("Kopi af version %(number)s: %(title)s") % {"number": v.number, "title": v.title},
            )
            for v in versions
        ]

    def chosen(self) -> StrategyVersion | None:
        return self.versions.get(self.cleaned_data.get("source") or "")


class PresetForm(VersionedForm):
    preset = forms.ChoiceField(
        label=_("Forudindstilling"),
        choices=[(code, name) for code, name in presets.PRESET_NAMES.items()],
        help_text=_("Udkastets pejlemærker og indikatorer erstattes af kommunens strategi"),
    )


class GuidepostForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=TEXTAREA)


DATE_FORMATS = ("%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")


def _parse_day(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_targets(text: str) -> list[dict[str, str | None]]:
    """One step a line, "value; date" or "value"; a ValidationError names the line."""
    steps: list[dict[str, str | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        value_text, _sep, day_text = line.partition(";")
        value_text = re.sub(r"\s|%", "", value_text).replace(",", ".")
        try:
            value = Decimal(value_text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Linje %(n)s: skriv et tal, evt. efterfulgt af ; og en dato."),
                params={"n": number},
            ) from None
        day = None
        if day_text.strip():
            day = _parse_day(day_text.strip())
            if day is None:
                raise forms.ValidationError(
                    _("Linje %(n)s: skriv datoen som 31.12.2018."), params={"n": number}
                )
        steps.append({"value": str(value), "by": day.isoformat() if day else None})
    return steps


def targets_text(steps: list[dict[str, Any]]) -> str:
    lines = []
    for step in steps:
        value = str(step.get("value", ""))
        by = step.get("by")
        lines.append(
            f"{value}; {formats.format_date(date.fromisoformat(by), 'short', 'da')}"
            if by
            else value
        )
    return "\n".join(lines)


class IndicatorForm(VersionedForm):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Kind.choices,
    )
    library_key = forms.ChoiceField(
        label=_("Indikator fra biblioteket"),
        required=False,
        help_text=_("Kun for type: fra biblioteket"),
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=400,
        required=False,
        help_text=_("Strategiens egne ord; tom: bibliotekets navn"),
    )
    manual_key = forms.CharField(
        label=_("Nøgle"),
        max_length=60,
        required=False,
        help_text=_("Kun for håndindtastede: et kort navn uden mellemrum; tom: dannes af titlen"),
    )
    no_data_reason = forms.CharField(
        label=_("Hvorfor platformen ikke har tallet"),
        max_length=400,
        required=False,
        widget=TEXTAREA,
        help_text=_("Kun for håndindtastede"),
    )
    unit = forms.ChoiceField(
        label=_("Enhed"),
        choices=[("", _("Vælg …")), *Unit.choices],
        required=False,
        help_text=_("Kun for håndindtastede; bibliotekets indikatorer har deres egen"),
    )
    good = forms.ChoiceField(
        label=_("God retning"),
        choices=[("", _("Som i biblioteket")), *Good.choices],
        required=False,
    )
    breakdown = forms.ChoiceField(label=_("Vis opdelt på"), required=False)
    targets = forms.CharField(
        label=_("Mål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'Et trin pr. linje: "25; 31.12.2017", derefter "50; 31.12.2018". Uden dato: "80"'
        ),
    )

    def __init__(self, *args: Any, current: StrategyIndicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        definitions = library.all_definitions()
        choices = [("", _("Vælg indikator"))] + [(d.key, str(d.name)) for d in definitions]
        known = {d.key for d in definitions}
        if current is not None and current.kind == Kind.LIBRARY and current.key not in known:
            choices.append(
                (current.key, _("%(title)s (ingen datakilde endnu)") % {"title": current.title})
            )
        self.fields["library_key"].choices = choices  # type: ignore[attr-defined]
        self.fields["breakdown"].choices = [("", _("Ingen opdeling"))] + [  # type: ignore[attr-defined]
            (name, label) for name, label in BREAKDOWN_LABELS.items()
        ]
        if current is not None and not self.is_bound:
            self.initial.update(
                kind=current.kind,
                library_key=current.key if current.kind == Kind.LIBRARY else "",
                manual_key=current.key if current.kind == Kind.MANUAL else "",
                title=current.title,
                no_data_reason=current.no_data_reason,
                unit=current.unit,
                good=current.good,
                breakdown=current.breakdown,
                targets=targets_text(current.targets),
            )

    def clean_targets(self) -> list[dict[str, str | None]]:
        return parse_targets(self.cleaned_data.get("targets") or "")

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["kind"]
        return {
            "kind": kind,
            "key": data["library_key"] if kind == Kind.LIBRARY else data["manual_key"],
            "title": data["title"],
            "no_data_reason": data["no_data_reason"],
            "unit": data["unit"],
            "good": data["good"],
            "breakdown": data["breakdown"],
            "targets": data["targets"],
        }


SERVICE_FIELD = {"key": "library_key"}  # the service's field name -> the form's


class HandFigureForm(DkfdsFormMixin, forms.Form):
    indicator_key = forms.ChoiceField(label=_("Indikator"))
    period_start = forms.DateField(label=_("Periodens start"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Periodens slutning"), widget=DATE_WIDGET)
    value = forms.DecimalField(
        label=_("Tal"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("En andel i procent, fx 42,5"),
    )
    source = forms.CharField(
        label=_("Kilde"), max_length=300, help_text=_("Hvor tallet kommer fra")
    )
    note = forms.CharField(label=_("Bemærkning"), max_length=500, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].choices = [("", _("Vælg indikator")), *choices]  # type: ignore[attr-defined]


class HandFigureEditForm(HandFigureForm, VersionedForm):
    pass
