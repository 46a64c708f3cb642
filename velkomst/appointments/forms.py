"""Forms: parse and validate input; the services do the writing.

Times are entered as a date and clock times in Europe/Copenhagen and become aware datetimes
(stored in UTC).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.formats import format_date
from velkomst.core.models import StaffUser
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, LanguageField
from velkomst.people.models import Household, Person
from velkomst.reception.models import PlanTask

from .models import AppointmentKind, ContactKind, ContactTopic
from .services import AppointmentData, ContactData

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.get_role_display()})" if obj.role else name


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        who = f" – {obj.person.full_name}" if obj.person_id else ""
        due = f" ({format_date(obj.due_date, 'short')})" if obj.due_date else ""
        return f"{obj.title}{who}{due}"


class _Checkboxes(DkfdsFormMixin):
    """DKFDS classes, with multi-checkbox lists rendered as checkboxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-checkbox"


def local_datetime(day: date, clock: time) -> datetime:
    """A wall-clock time in Europe/Copenhagen as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, clock), timezone.get_default_timezone())


def clean_times(form: forms.Form, data: dict[str, Any]) -> dict[str, Any]:
    """A meeting form's day and clock times as aware ``starts_at`` and ``ends_at``; an end not
    after the start is refused on ``end_time``."""
    day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
    if day and start and end:
        data["starts_at"] = local_datetime(day, start)
        data["ends_at"] = local_datetime(day, end)
        if data["ends_at"] <= data["starts_at"]:
            form.add_error("end_time", _("Mødet skal slutte efter, det begynder."))
    return data


class AppointmentForm(_Checkboxes, forms.Form):
    kind = forms.ChoiceField(label=_("Mødetype"), choices=AppointmentKind.choices)
    day = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Starter kl."), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Slutter kl."), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Sted"), max_length=200, help_text=_("Fx adresse eller lokale"))
    persons = PersonChoiceField(
        label=_("Borgere, mødet gælder"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg ingen, hvis mødet gælder hele husstanden"),
    )
    staff = StaffChoiceField(
        label=_("Medarbejdere"),
        queryset=StaffUser.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg ingen, hvis det kun er dig"),
    )
    external_participants = forms.CharField(
        label=_("Eksterne deltagere"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Fx boligselskab, skole eller sprogcenter"),
    )
    interpreter_needed = forms.BooleanField(label=_("Tolk nødvendig"), required=False)
    language = LanguageField(
        label=_("Tolkesprog"),
        required=False,
        empty_label=_("Husstandens sprog, der kræver tolk"),
    )
    notes = forms.CharField(
        label=_("Bemærkninger"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    plan_task = TaskChoiceField(
        label=_("Opgave i modtageplanen"),
        queryset=PlanTask.objects.none(),
        required=False,
        empty_label=_("Ingen"),
        help_text=_("Opgaven krydses af, når mødet markeres som afholdt"),
    )

    def __init__(
        self,
        *args: Any,
        household: Household,
        staff_qs: QuerySet[StaffUser],
        task_qs: QuerySet[PlanTask],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["persons"].queryset = household.members.order_by("birth_date", "id")  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff_qs  # type: ignore[attr-defined]
        self.fields["plan_task"].queryset = task_qs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        return clean_times(self, super().clean() or {})

    def appointment_data(self) -> AppointmentData:
        data = self.cleaned_data
        return AppointmentData(
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            persons=list(data.get("persons") or []),
            staff=list(data.get("staff") or []),
            external_participants=data.get("external_participants", ""),
            interpreter_needed=bool(data.get("interpreter_needed")),
            language=data.get("language", ""),
            notes=data.get("notes", ""),
            plan_task=data.get("plan_task"),
        )

    @staticmethod
    def initial_for(appointment: Any) -> dict[str, Any]:
        start = timezone.localtime(appointment.starts_at)
        end = timezone.localtime(appointment.ends_at)
        return {
            "kind": appointment.kind,
            "day": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_time": end.time().replace(second=0, microsecond=0),
            "place": appointment.place,
            "persons": list(appointment.persons.all()),
            "staff": list(appointment.staff.all()),
            "external_participants": appointment.external_participants,
            "interpreter_needed": appointment.interpreter_needed,
            "language": appointment.language,
            "notes": appointment.notes,
            "plan_task": appointment.plan_task_id,
            "version": appointment.version,
        }


class AppointmentEditForm(AppointmentForm):
    """Carries the version the user saw, so a concurrent change is detected on save (SEC-5)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CancelForm(DkfdsFormMixin, VersionForm):
    reason = forms.CharField(
        label=_("Begrundelse for aflysning"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Skriv hvorfor mødet er aflyst."))
        return reason


class ContactForm(_Checkboxes, forms.Form):
    kind = forms.ChoiceField(label=_("Kontaktform"), choices=ContactKind.choices)
    date = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    topic = forms.ChoiceField(label=_("Emne"), choices=ContactTopic.choices)
    topic_text = forms.CharField(
        label=_("Emne med egne ord"),
        max_length=200,
        required=False,
        help_text=_("Fx brev fra Udbetaling Danmark"),
    )
    persons = PersonChoiceField(
        label=_("Hvem fra husstanden kom"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    anonymous_count = forms.IntegerField(
        label=_("Andre fremmødte (ikke registreret)"),
        min_value=0,
        max_value=1000,
        initial=0,
        required=False,
        help_text=_("Antal personer, der ikke registreres med navn"),
    )
    staff = StaffChoiceField(
        label=_("Medarbejdere"),
        queryset=StaffUser.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg ingen, hvis det kun er dig"),
    )
    note = forms.CharField(
        label=_("Notat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skriv ikke helbredsoplysninger her"),
    )

    def __init__(
        self,
        *args: Any,
        household: Household | None,
        staff_qs: QuerySet[StaffUser],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["staff"].queryset = staff_qs  # type: ignore[attr-defined]
        if household is None:
            del self.fields["persons"]
        else:
            self.fields["persons"].queryset = household.members.order_by("birth_date", "id")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("persons") and not data.get("anonymous_count"):
            if self.household is None:
                self.add_error(
                    "anonymous_count",
                    _("Angiv hvor mange der kom, eller registrér kontakten fra husstandens side."),
                )
            else:
                self.add_error("persons", _("Vælg hvem der kom, eller angiv et antal andre."))
        return data

    def contact_data(self) -> ContactData:
        data = self.cleaned_data
        return ContactData(
            kind=data["kind"],
            date=data["date"],
            topic=data["topic"],
            topic_text=data.get("topic_text", ""),
            household=self.household,
            persons=list(data.get("persons") or []),
            anonymous_count=data.get("anonymous_count") or 0,
            staff=list(data.get("staff") or []),
            note=data.get("note", ""),
        )


class PeriodForm(DkfdsFormMixin, forms.Form):
    date_from = forms.DateField(label=_("Fra"), widget=DATE_WIDGET, required=False)
    date_to = forms.DateField(label=_("Til"), widget=DATE_WIDGET, required=False)
    kind = forms.ChoiceField(
        label=_("Kontaktform"),
        required=False,
        choices=[("", _("Alle")), *ContactKind.choices],
    )

    def period(self) -> tuple[date, date, str]:
        """The chosen period; by default this year until today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("date_from") or date(today.year, 1, 1)
        end = data.get("date_to") or today
        if end < start:
            start, end = end, start
        return start, end, data.get("kind", "")
