"""Reception: the reception plans' deadlines (service standards) met on time (MI-1, MI-2).

Group keys and their labels (``velkomst.indicators.labels.group_label``):

- ``standard``: the task type (``PlanTask.category``, a slug) → ``reception.categories
  .category_label``; a task without a type has the key ``~none`` ("Uden type").
- ``unit``: ``str(unit_id)`` of the unit that owns the task → the unit's name. A task is owned by
  a unit kind (``owner_unit_kind``); its unit is the household's unit of that kind (the one
  whose worklist shows it), else the municipality's unit of that kind (the lowest id when it has
  several); a task whose kind has no unit at all has no ``unit`` group.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.core.models import Unit as StaffUnit
from velkomst.engines.deadlines import DeadlineState
from velkomst.people.models import Household
from velkomst.reception.models import PlanTask
from velkomst.reception.selectors import Today, state_q

from ..library import Item, Scope, Unit, indicator
from .common import of_cohort

NO_STANDARD = "~none"  # the group key of a task without a type (not a slug: "~" is no slug char)


def task_units(municipality: Municipality) -> dict[tuple[int | None, str], int]:
    """The unit that owns a task of a unit kind: by (household id, kind) the household's unit of
    that kind, and by (None, kind) the municipality's own (lowest id first)."""
    owner: dict[tuple[int | None, str], int] = {}
    for unit_id, kind in (
        StaffUnit.objects.filter(municipality=municipality)
        .order_by("-pk")
        .values_list("pk", "kind")
    ):
        owner[(None, kind)] = unit_id  # the lowest id is written last
    for household_id, unit_id, kind in (
        Household.units.through.objects.filter(household__municipality=municipality)
        .order_by("-unit_id")
        .values_list("household_id", "unit_id", "unit__kind")
    ):
        owner[(household_id, kind)] = unit_id
    return owner


@indicator(
    key="deadlines_met",
    name=_("Frister overholdt i modtageplanerne"),
    description=_(
        "Opgaverne i husstandenes modtageplaner (servicestandardernes frister) med frist i "
        "perioden: andelen, der blev udført senest på fristdagen. En opgave, der er udført for "
        "sent, eller som stadig er åben efter fristen, tæller som ikke overholdt; en åben opgave, "
        "hvis frist ikke er passeret endnu (i dag), en opgave markeret ikke relevant og en fjernet "
        "opgave tæller ikke med. Med årgang: kun husstande, der ankom det år. Måneder siden "
        "ankomst bruges ikke (fristerne har deres egen dato); opdelt på standard (opgavetype) og "
        "på den enhed, der ejer opgaven."
    ),
    unit=Unit.SHARE,
    breakdowns=("standard", "unit"),
    sources=("reception",),
)
def deadlines_met(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    # the states of engines.deadlines.deadline_state, judged in the database today
    # (reception.selectors.state_q): met on time 1; met late or overdue 0; the rest left out
    today = Today(day=timezone.localdate(), due_soon_days=0)
    on_time = state_q(DeadlineState.MET_ON_TIME, today)
    decided = (
        on_time | state_q(DeadlineState.MET_LATE, today) | state_q(DeadlineState.OVERDUE, today)
    )
    rows = PlanTask.objects.filter(
        decided, municipality=municipality, due_date__gte=scope.start, due_date__lte=scope.end
    )
    rows = of_cohort(rows, scope, "plan__household")
    owner = task_units(municipality)
    met = Case(When(on_time, then=Value(1)), default=Value(0), output_field=IntegerField())
    # one groups dict per (type, unit), shared by its items (tens of thousands of tasks)
    shared: dict[tuple[str, int | None], dict[str, str]] = {}
    for person_id, household_id, category, kind, value in (
        rows.annotate(met=met)
        .values_list("person_id", "plan__household_id", "category", "owner_unit_kind", "met")
        .order_by("pk")
    ):
        unit_id = owner.get((household_id, kind)) or owner.get((None, kind))
        groups = shared.get((category, unit_id))
        if groups is None:
            groups = {"standard": category or NO_STANDARD}
            if unit_id is not None:
                groups["unit"] = str(unit_id)
            shared[(category, unit_id)] = groups
        yield Item(value, person_id=person_id, household_id=household_id, groups=groups)
