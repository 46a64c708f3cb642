"""Forms of the citizen's entrance (CIT-1): the code of an invitation, and the caseworker's
invitation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import Channel


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_("Koden står i beskeden fra kommunen eller på papiret fra din sagsbehandler."),
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-s",
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class InvitationForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Send invitationen som"),
        choices=Channel.CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    address = forms.CharField(
        label=_("Mobilnummer eller e-mailadresse"),
        max_length=254,
        required=False,
        help_text=_("Linket og koden sendes hver for sig. Tomt ved invitation på papir."),
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "off"}),
    )
