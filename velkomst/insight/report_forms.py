"""Forms of the status report's pages (MI-3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DkfdsFormMixin, VersionedForm

from .report_services import MAX_COMMENTARY


class YearForm(DkfdsFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("År"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]


class CommentaryForm(VersionedForm):
    text = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=MAX_COMMENTARY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ledelsens kommentar til pejlemærket. Den står i rapporten under tallene."),
    )
