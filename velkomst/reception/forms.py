"""Forms for reception plans: parse and validate input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Role, Unit, UnitKind
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, VersionedForm
from velkomst.people.models import Person

from .categories import category_choices, category_label
from .models import Adjustment, Anchor, Condition, DayKind, DeadlineState, Scope, TemplateTask

OWNER_ROLES = [
    (value, label)
    for value, label in Role.choices
    if value not in (Role.ADMINISTRATOR, Role.NATIONAL)
]


class TaskDoneForm(VersionedForm):
    initials = forms.CharField(
        label=_("Initialer"),
        max_length=8,
        required=False,
        help_text=_("Den ansvarliges initialer; tomt: dine egne"),
    )
    done_on = forms.DateField(
        label=_("Udført dato"), required=False, widget=DATE_WIDGET, help_text=_("Tomt: i dag")
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChecklistTickForm(VersionedForm):
    """Tick (``ticked`` true) or untick one checklist item; the version is the tick's, 0 if it
    was never ticked."""

    ticked = forms.BooleanField(required=False, widget=forms.HiddenInput)


CHECKLIST_MAX_ITEMS = 30
CHECKLIST_ITEM_MAX_LENGTH = 200  # TemplateChecklistItem.text


class ReasonForm(VersionedForm):
    reason = forms.CharField(
        label=_("Begrundelse"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskAddForm(DkfdsFormMixin, forms.Form):
    title = forms.CharField(label=_("Opgave"), max_length=200)
    description = forms.CharField(
        label=_("Sådan gør du"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    person = forms.ModelChoiceField(
        label=_("Gælder"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Hele husstanden"),
    )
    owner_unit_kind = forms.ChoiceField(label=_("Ansvarlig enhed"), choices=UnitKind.choices)
    owner_role = forms.ChoiceField(label=_("Ansvarlig rolle"), choices=OWNER_ROLES)
    due_date = forms.DateField(label=_("Frist"), required=False, widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=300,
        help_text=_("Hvorfor har netop denne husstand brug for opgaven?"),
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = members if members is not None else Person.objects.none()
        field.label_from_instance = lambda p: p.full_name  # type: ignore[method-assign,assignment]


class WorklistFilterForm(DkfdsFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Enhed"), queryset=Unit.objects.none(), required=False, empty_label=None
    )
    role = forms.ChoiceField(label=_("Ansvarlig rolle"), required=False)
    category = forms.ChoiceField(label=_("Type"), required=False)
    state = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(
        self,
        *args: Any,
        units: Any = None,
        categories: list[str] | None = None,
        with_unit: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_unit:
            unit = self.fields["unit"]
            assert isinstance(unit, forms.ModelChoiceField)
            unit.queryset = units if units is not None else Unit.objects.none()
        else:
            del self.fields["unit"]
            del self.fields["role"]
        if "role" in self.fields:
            self.fields["role"].choices = [("", _("Alle roller")), *OWNER_ROLES]  # type: ignore[attr-defined]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle typer")),
            *sorted(((c, category_label(c)) for c in categories or []), key=lambda p: p[1]),
        ]
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle åbne")),
            *DeadlineState.choices,
        ]


class TemplateTaskForm(DkfdsFormMixin, forms.Form):
    key = forms.SlugField(
        label=_("Nøgle"),
        max_length=60,
        help_text=_("Kort, unik betegnelse med små bogstaver, tal og bindestreg, fx bankkonto"),
    )
    title = forms.CharField(label=_("Opgave"), max_length=200)
    description = forms.CharField(
        label=_("Sådan gør du"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    category = forms.ChoiceField(
        label=_("Type (servicestandard)"),
        required=False,
        help_text=_("Bruges til filtre og opfølgning"),
    )
    owner_unit_kind = forms.ChoiceField(label=_("Ansvarlig enhed"), choices=UnitKind.choices)
    owner_role = forms.ChoiceField(label=_("Ansvarlig rolle"), choices=OWNER_ROLES)
    anchor = forms.ChoiceField(
        label=_("Frist regnes fra"),
        choices=[c for c in Anchor.choices if c[0] != Anchor.FIXED],
    )
    anchor_task = forms.ModelChoiceField(
        label=_("Efter opgaven"),
        queryset=TemplateTask.objects.none(),
        required=False,
        help_text=_("Kun når fristen regnes fra en anden opgave"),
    )
    offset_months = forms.IntegerField(label=_("Måneder"), initial=0, min_value=-24, max_value=60)
    offset_days = forms.IntegerField(
        label=_("Dage"),
        initial=0,
        min_value=-365,
        max_value=1000,
        help_text=_("Negativ: før, fx -21 for tre uger før ankomst"),
    )
    day_kind = forms.ChoiceField(label=_("Dagtype"), choices=DayKind.choices)
    adjustment = forms.ChoiceField(
        label=_("Frist på en lørdag, søndag, helligdag eller lukkedag"),
        choices=Adjustment.choices,
        initial=Adjustment.NEXT,
        help_text=_(
            "Gælder frister i kalenderdage og måneder. Efter dansk forvaltningsret flyttes "
            "fristen til næste arbejdsdag."
        ),
    )
    condition = forms.ChoiceField(label=_("Gælder for"), choices=Condition.choices)
    scope = forms.ChoiceField(label=_("Én opgave pr."), choices=Scope.choices)
    order = forms.IntegerField(label=_("Rækkefølge"), min_value=0, initial=0)
    checklist = forms.CharField(
        label=_("Tjekliste"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Ét punkt pr. linje, i rækkefølge. Hvert punkt krydses af med initialer i "
            "husstandens plan, fx ved boligbesøgene"
        ),
    )
    note = forms.CharField(
        label=_("Hvad er ændret og hvorfor"),
        max_length=300,
        help_text=_("Ændringen gælder kun planer, der laves fra i dag"),
    )

    def __init__(
        self, *args: Any, template_tasks: Any = None, editing: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["anchor_task"]
        assert isinstance(field, forms.ModelChoiceField)
        qs = template_tasks if template_tasks is not None else TemplateTask.objects.none()
        if editing is not None:
            qs = qs.exclude(pk=editing.pk)
        field.queryset = qs
        self.editing = editing
        self.template_tasks = qs
        self.fields["category"].choices = category_choices(  # type: ignore[attr-defined]
            current=str(self.initial.get("category") or "")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        anchor, anchor_task = data.get("anchor"), data.get("anchor_task")
        if anchor == Anchor.TASK_COMPLETION and anchor_task is None:
            self.add_error("anchor_task", _("Vælg den opgave, fristen regnes fra."))
        if anchor != Anchor.TASK_COMPLETION:
            data["anchor_task"] = None
        key = data.get("key")
        if key and self.template_tasks.filter(key=key).exists():
            self.add_error("key", _("Nøglen bruges allerede af en anden opgave i skabelonen."))
        return data

    def clean_checklist(self) -> list[str]:
        """The items, one a line (blank lines left out); each error names its line."""
        items: list[str] = []
        first_line: dict[str, int] = {}
        errors = []
        for number, line in enumerate(self.cleaned_data["checklist"].splitlines(), start=1):
            text = " ".join(line.split())
            if not text:
                continue
            if len(text) > CHECKLIST_ITEM_MAX_LENGTH:
                errors.append(
                    _("Linje %(n)s er for lang: højst %(max)s tegn.")
                    % {"n": number, "max": CHECKLIST_ITEM_MAX_LENGTH}
                )
            elif text in first_line:
                errors.append(
                    _("Linje %(n)s gentager linje %(first)s.")
                    % {"n": number, "first": first_line[text]}
                )
            first_line.setdefault(text, number)
            items.append(text)
        if len(items) > CHECKLIST_MAX_ITEMS:
            errors.append(
                _("Højst %(max)s punkter; der er %(count)s.")
                % {"max": CHECKLIST_MAX_ITEMS, "count": len(items)}
            )
        if errors:
            raise ValidationError(errors)
        return items

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "note"}

    @classmethod
    def initial_for(cls, task: TemplateTask) -> dict[str, Any]:
        initial = {
            name: getattr(task, name)
            for name in cls.base_fields
            if name not in ("note", "checklist")
        }
        initial["checklist"] = "\n".join(item.text for item in task.checklist_items.all())
        return initial
