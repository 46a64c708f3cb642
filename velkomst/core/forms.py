"""Forms of the core pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin

from .models import StaffUser


class SecurityEventFilterForm(DkfdsFormMixin, forms.Form):
    date_from = forms.DateField(label=_("Fra og med dato"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Til og med dato"), required=False, widget=DATE_WIDGET)
    actor = forms.ModelChoiceField(
        label=_("Medarbejder"),
        queryset=StaffUser.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )

    def __init__(self, *args: Any, actors: QuerySet[StaffUser], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error(
                "date_to", _("Til-datoen skal være samme dag som fra-datoen eller senere.")
            )
        return data
