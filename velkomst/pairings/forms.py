"""Forms of matching: parse and validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin
from velkomst.volunteers.models import OfferKind, Weekday

from .models import MatchEndReason, MatchSide

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class WishForm(DkfdsFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Ønskede tilbud"),
        choices=OfferKind.choices,
        widget=CHECKBOXES,
    )
    interests = forms.CharField(
        label=_("Interesser"),
        required=False,
        max_length=500,
        help_text=_("Adskilt med komma, fx fodbold, madlavning, musik."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ugedage husstanden kan mødes"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=CHECKBOXES,
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=2000, widget=TEXTAREA)

    def clean_interests(self) -> list[str]:
        text: str = self.cleaned_data.get("interests") or ""
        return [p.strip() for p in text.split(",") if p.strip()]


class ProposeForm(DkfdsFormMixin, forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


ACTIONS = (
    ("accept", _("Accepter")),
    ("decline", _("Afslå")),
    ("met", _("Første møde holdt")),
    ("follow_up", _("Fulgt op: i gang")),
    ("end", _("Afslut")),
)


class StepForm(DkfdsFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    side = forms.ChoiceField(label=_("Hvem"), choices=MatchSide.choices, required=False)
    reason = forms.CharField(label=_("Begrundelse"), required=False, max_length=2000)
    held_on = forms.DateField(label=_("Mødedato"), required=False, widget=DATE_WIDGET)
    end_reason = forms.ChoiceField(
        label=_("Årsag"), choices=[("", ""), *MatchEndReason.choices], required=False
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action in ("accept", "decline") and not data.get("side"):
            self.add_error("side", _("Vælg hvem der svarer."))
        if action == "met" and not data.get("held_on"):
            self.add_error("held_on", _("Angiv datoen for det første møde."))
        if action == "end" and not data.get("end_reason"):
            self.add_error("end_reason", _("Vælg en årsag til afslutningen."))
        return data
