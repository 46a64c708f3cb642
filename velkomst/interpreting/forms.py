"""Forms of interpreting (INT-1): parse and validate input; the services write.

The booking's start is a date and a clock time in Europe/Copenhagen (stored in UTC)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.appointments.forms import TIME_WIDGET, local_datetime
from velkomst.core import formats
from velkomst.people.forms import (
    DATE_WIDGET,
    DkfdsFormMixin,
    LanguageField,
    LanguagesField,
    VersionedForm,
)

from .models import Booking, BookingStatus, Interpreter, InterpreterKind, Mode, PriceBasis
from .services import MAX_DURATION_MINUTES, BookingData, InterpreterData

CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


class InterpreterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class InterpreterForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=150)
    kind = forms.ChoiceField(label=_("Type"), choices=InterpreterKind.choices)
    languages = LanguagesField(label=_("Sprog"), help_text=_("Vælg et eller flere sprog"))
    modes = forms.MultipleChoiceField(
        label=_("Tolkeformer"), choices=Mode.choices, widget=CHECKBOXES
    )
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    price_basis = forms.ChoiceField(label=_("Prisgrundlag"), choices=PriceBasis.choices)
    price = forms.DecimalField(label=_("Pris (kr.)"), min_value=0, max_digits=9, decimal_places=2)
    active = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)

    def data_object(self) -> InterpreterData:
        return InterpreterData(**self.cleaned_data)

    @classmethod
    def initial_for(cls, interpreter: Interpreter) -> dict[str, Any]:
        return {name: getattr(interpreter, name) for name in cls.base_fields}


class InterpreterEditForm(InterpreterForm, VersionedForm):
    pass


class BookingForm(DkfdsFormMixin, forms.Form):
    """Book (the coordinator: interpreter, price and status) or request an interpreter."""

    language = LanguageField(label=_("Sprog"), empty_label=_("Vælg sprog"))
    mode = forms.ChoiceField(label=_("Tolkeform"), choices=Mode.choices)
    day = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Starter kl."), widget=TIME_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Varighed (minutter)"), min_value=1, max_value=MAX_DURATION_MINUTES
    )
    interpreter = InterpreterChoiceField(
        label=_("Tolk eller bureau"),
        queryset=Interpreter.objects.none(),
        required=False,
        empty_label=_("Vælg tolk"),
    )
    cost = forms.DecimalField(
        label=_("Pris (kr.)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Tom: beregnes ud fra tolkens pris"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(v, label) for v, label in BookingStatus.choices if v != "cancelled"],
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, interpreters: QuerySet[Interpreter] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if interpreters is None:  # a request: the coordinator chooses interpreter and price
            for name in ("interpreter", "cost", "status"):
                del self.fields[name]
        else:
            self.fields["interpreter"].queryset = interpreters  # type: ignore[attr-defined]

    def booking_data(self) -> BookingData:
        d = self.cleaned_data
        return BookingData(
            language=d["language"],
            mode=d["mode"],
            starts_at=local_datetime(d["day"], d["start_time"]),
            duration_minutes=d["duration_minutes"],
            interpreter=d.get("interpreter"),
            cost=d.get("cost"),
            status=d.get("status") or BookingStatus.REQUESTED,
            note=d.get("note", ""),
        )

    def values(self) -> dict[str, Any]:
        data = self.booking_data()
        values = {
            "language": data.language,
            "mode": data.mode,
            "starts_at": data.starts_at,
            "duration_minutes": data.duration_minutes,
            "interpreter": data.interpreter,
            "cost": data.cost,
            "status": data.status,
            "note": data.note.strip(),
        }
        return values

    @staticmethod
    def initial_for(booking: Booking) -> dict[str, Any]:
        local = timezone.localtime(booking.starts_at)
        return {
            "language": booking.language,
            "mode": booking.mode,
            "day": local.date(),
            "start_time": local.time(),
            "duration_minutes": booking.duration_minutes,
            "interpreter": booking.interpreter_id,
            "cost": booking.cost if booking.cost_entered else None,
            "status": booking.status,
            "note": booking.note,
            "version": booking.version,
        }


class BookingEditForm(BookingForm, VersionedForm):
    pass


class CancelForm(VersionedForm):
    reason = forms.CharField(label=_("Begrundelse"), required=False, max_length=300)


class DayFilterForm(DkfdsFormMixin, forms.Form):
    """The day list's filters. The languages offered are those the register's interpreters
    cover (a short list by name, not every language of ISO 639)."""

    day = forms.DateField(label=_("Dato"), widget=DATE_WIDGET, required=False)
    language = forms.ChoiceField(label=_("Sprog"), required=False)
    mode = forms.ChoiceField(
        label=_("Tolkeform"), choices=[("", _("Alle tolkeformer")), *Mode.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statusser")), *BookingStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = sorted(((code, formats.language(code)) for code in languages), key=lambda p: p[1])
        self.fields["language"].choices = [("", _("Alle sprog")), *names]  # type: ignore[attr-defined]

    def chosen_day(self) -> date:
        if self.is_valid() and self.cleaned_data.get("day"):
            return self.cleaned_data["day"]  # type: ignore[no-any-return]
        return timezone.localdate()

    def value(self, name: str) -> str:
        return (self.cleaned_data.get(name) or "") if self.is_valid() else ""
