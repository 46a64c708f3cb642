"""Forms of consent: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Unit
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, LanguageField, VersionedForm

from .models import Method

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ConsentForm(DkfdsFormMixin, forms.Form):
    purposes = forms.MultipleChoiceField(
        label=_("Borgeren har givet samtykke til"), choices=(), widget=CHECKBOXES
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Enheder, der må modtage oplysningerne"),
        queryset=Unit.objects.none(),
        widget=CHECKBOXES,
        required=False,
        help_text=_(
            "Kun for deling mellem enheder. Kontakt fra frivillige og foreninger gælder "
            "uden enheder."
        ),
    )
    given_on = forms.DateField(label=_("Givet den"), widget=DATE_WIDGET)
    valid_until = forms.DateField(
        label=_("Gælder til og med"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Tomt: indtil borgeren trækker samtykket tilbage."),
    )
    method = forms.ChoiceField(label=_("Hvordan blev samtykket givet"), choices=Method.choices)
    language = LanguageField(
        label=_("Sprog"), empty_label=_("Dansk eller ikke angivet"), required=False
    )
    note = forms.CharField(
        label=_("Notat"),
        required=False,
        max_length=2000,
        widget=TEXTAREA,
        help_text=_("Skal udfyldes ved mundtligt samtykke: hvad borgeren sagde ja til."),
    )

    def __init__(
        self,
        *args: Any,
        purposes: list[tuple[str, Any]],
        units: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purposes"].choices = purposes  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class WithdrawForm(VersionedForm):
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=2000,
        widget=TEXTAREA,
        help_text=_("Fx hvordan borgeren trak samtykket tilbage."),
    )
