"""Forms of handover (COO-5): parse and validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .services import MoveData


class MoveForm(DkfdsFormMixin, forms.Form):
    receiving = forms.CharField(
        label=_("Tilflytningskommune"),
        max_length=100,
        help_text=_("Kommunens navn eller kommunekode, fx Aalborg eller 851"),
    )
    new_address = forms.CharField(label=_("Ny adresse"), max_length=200)
    moving_date = forms.DateField(label=_("Flyttedato"), widget=DATE_WIDGET)

    def move_data(self) -> MoveData:
        return MoveData(**self.cleaned_data)


class CaseworkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class AcceptForm(VersionedForm):
    caseworker = CaseworkerChoiceField(
        label=_("Fast sagsbehandler"), queryset=None, empty_label=_("Vælg sagsbehandler")
    )

    def __init__(self, *args: Any, caseworkers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers  # type: ignore[attr-defined]


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label=_("Begrundelse for retur"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
