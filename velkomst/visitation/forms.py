"""Forms for the visitation import: the upload and the decisions on likely duplicates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DkfdsFormMixin

from .services import IMPORT, SKIP

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(DkfdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Visitationsfil"),
        help_text=_(
            "CSV- eller Excel-fil (.xlsx) fra Udlændingestyrelsens visitation, højst 20 MB. "
            "Én række pr. person."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen er større end 20 MB. Del den op i flere filer."))
        if upload.size == 0:
            raise ValidationError(_("Filen er tom."))
        return upload


DECISION_CHOICES = [
    (IMPORT, _("Importér som ny person")),
    (SKIP, _("Spring rækken over")),
]
ALL_CHOICES = [
    ("", _("Vælg for hver række nedenfor")),
    (SKIP, _("Spring alle dubletter over")),
    (IMPORT, _("Importér alle dubletter som nye personer")),
]


def decision_field_name(line: int) -> str:
    return f"line-{line}"


class DecisionForm(forms.Form):
    """One choice per likely duplicate; nothing is chosen in advance (a person decides).

    A choice for all duplicates fills in the rows left without their own choice.
    """

    all = forms.ChoiceField(
        label=_("Alle dubletter"),
        choices=ALL_CHOICES,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, duplicates: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates = duplicates
        for duplicate in duplicates:
            self.fields[decision_field_name(duplicate["line"])] = forms.ChoiceField(
                label=_("Linje %(line)s") % {"line": duplicate["line"]},
                choices=DECISION_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fallback = data.get("all") or ""
        decisions: dict[int, str] = {}
        missing = []
        for duplicate in self.duplicates:
            name = decision_field_name(duplicate["line"])
            choice = data.get(name) or fallback
            if choice:
                decisions[duplicate["line"]] = choice
            else:
                missing.append(name)
        for name in missing:
            self.add_error(
                name, _("Vælg, om personen skal importeres som ny person eller springes over.")
            )
        data["decisions"] = decisions
        return data

    def rows(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        """(duplicate with its dates as dates, its bound field) for the template."""
        return [(_with_dates(d), self[decision_field_name(d["line"])]) for d in self.duplicates]


def _with_dates(duplicate: dict[str, Any]) -> dict[str, Any]:
    def convert(item: dict[str, Any]) -> dict[str, Any]:
        if item.get("birth_date"):
            return {**item, "birth_date": date.fromisoformat(item["birth_date"])}
        return item

    return {**convert(duplicate), "matches": [convert(m) for m in duplicate["matches"]]}
