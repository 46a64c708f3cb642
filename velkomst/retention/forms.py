"""Forms of retention and erasure (SEC-4): parse input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin

from . import rules
from .models import RecordKind, RetentionAction, RetentionEvent


class RuleSetForm(DkfdsFormMixin, forms.Form):
    """A new version of the rules: the day it takes effect, a note, and for each kind how many
    months after which event, and what then happens."""

    effective_from = forms.DateField(label=_("Gælder fra"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note (journalplanens reference)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, initial_rules: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for kind, label in RecordKind.choices:
            start = (initial_rules or {}).get(kind) or rules.PRESET[kind]
            self.fields[f"{kind}-months"] = forms.IntegerField(
                label=_("%(kind)s: opbevaringstid (måneder)") % {"kind": label},
                initial=start.months,
            )
            self.fields[f"{kind}-event"] = forms.ChoiceField(
                label=_("%(kind)s: regnet fra") % {"kind": label},
                choices=[(e, RetentionEvent(e).label) for e in rules.EVENTS[kind]],
                initial=start.event,
            )
            self.fields[f"{kind}-action"] = forms.ChoiceField(
                label=_("%(kind)s: derefter") % {"kind": label},
                choices=RetentionAction.choices,
                initial=start.action,
            )
        for name in self.fields:
            if "-" in name:
                widget = self.fields[name].widget
                widget.attrs.setdefault(
                    "class", "form-select" if isinstance(widget, forms.Select) else "form-input"
                )

    def kinds(self) -> list[tuple[str, list[Any]]]:
        """(kind label, its three bound fields) for the template."""
        return [
            (str(label), [self[f"{kind}-{part}"] for part in ("months", "event", "action")])
            for kind, label in RecordKind.choices
        ]

    def rule_values(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            kind: {
                "months": data.get(f"{kind}-months"),
                "event": data.get(f"{kind}-event"),
                "action": data.get(f"{kind}-action"),
            }
            for kind in RecordKind.values
        }


class HoldForm(DkfdsFormMixin, forms.Form):
    person_id = forms.IntegerField(
        label=_("Person-id"), required=False, min_value=1, help_text=_("Enten en person …")
    )
    case_id = forms.IntegerField(
        label=_("Sags-id"), required=False, min_value=1, help_text=_("… eller en sag")
    )
    reason = forms.CharField(label=_("Begrundelse"), max_length=500)


class LiftForm(DkfdsFormMixin, forms.Form):
    lift_reason = forms.CharField(label=_("Begrundelse for ophævelse"), max_length=500)
