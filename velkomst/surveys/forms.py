"""Forms of surveys: type in a paper form's answers, record a decline, choose the results'
period. Parse and validate; the services write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm

from .models import Moment
from .selectors import options_of, text

RADIOS = forms.RadioSelect(attrs={"class": "form-radio-input"})


class AnswerForm(VersionedForm):
    """One radio group per question of the invitation's definition (each may be left blank),
    the day it was answered and an optional comment."""

    answered_on = forms.DateField(label=_("Besvaret den"), widget=DATE_WIDGET)
    comment = forms.CharField(
        label=_("Kommentar (valgfri)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kun hvad borgeren selv har skrevet som kommentar; ingen andre oplysninger."),
    )

    def __init__(self, *args: Any, questions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question_keys = [q["key"] for q in questions]
        fields: dict[str, forms.Field] = {}
        for q in questions:
            fields[q["key"]] = forms.ChoiceField(
                label=text(q["text"]),
                required=False,
                choices=[("", _("Ikke besvaret"))]
                + [(code, text(texts)) for code, texts in options_of(q)],
                widget=RADIOS,
            )
        rest = {k: v for k, v in self.fields.items() if k not in fields}
        self.fields = {**fields, **rest}  # type: ignore[assignment]


class DeclineForm(VersionedForm):
    pass


class ResultsForm(DkfdsFormMixin, forms.Form):
    start = forms.DateField(label=_("Sendt fra og med"), widget=DATE_WIDGET, required=False)
    end = forms.DateField(label=_("Sendt til og med"), widget=DATE_WIDGET, required=False)
    moment = forms.ChoiceField(
        label=_("Tidspunkt"),
        required=False,
        choices=[("", _("Alle tidspunkter")), *Moment.choices],
    )

    def period(self, today: date) -> tuple[date, date]:
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or date(today.year - 1, 1, 1)
        end = data.get("end") or today
        return start, end


class CitizenAnswerForm(VersionedForm):
    """The citizen's own answers in the entrance (CIT-2): one radio group per question in the
    citizen's language (Danish where a text is not translated), each may be left unanswered, and
    an optional comment."""

    comment = forms.CharField(
        label=_("Vil du skrive noget mere? (valgfrit)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, questions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question_keys = [q["key"] for q in questions]
        fields: dict[str, forms.Field] = {
            q["key"]: forms.ChoiceField(
                label=text(q["text"]),
                required=False,
                choices=[(code, text(texts)) for code, texts in options_of(q)],
                widget=RADIOS,
            )
            for q in questions
        }
        rest = {k: v for k, v in self.fields.items() if k not in fields}
        self.fields = {**fields, **rest}  # type: ignore[assignment]
