"""Reads of the citizen's entrance (CIT-1). Every function takes the signed-in ``person`` and
reads only what is theirs: the tenant is the person's municipality, the household the person's
household, the integration plan the person's own. An id that is not theirs is a 404.

The citizen's own to-dos: a reception-plan task is the citizen's to do when its task type
(``PlanTask.category``) is one where the citizen acts themselves (``CITIZEN_TASKS``: bring
papers to the bank, sign up for Digital Post, choose a doctor, ...), each with a text that says,
in plain words, what to do. Every other task is the municipality's, shown in the plan as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from velkomst.appointments.models import Appointment, AppointmentStatus
from velkomst.people.models import Person
from velkomst.programme.models import Activity, IntegrationContract, IntegrationPlan, PlanGoal
from velkomst.reception.categories import category_label
from velkomst.reception.models import PlanTask, ReceptionPlan
from velkomst.reception.selectors import open_q
from velkomst.welcome import selectors as welcome_selectors

# Task types whose doing is the citizen's own, and what to do, in plain words
CITIZEN_TASKS: dict[str, Any] = {
    "bank_account": _(
        "Åbn en bankkonto, og meld den som NemKonto. Tag dit opholdskort og dit sundhedskort "
        "med i banken."
    ),
    "digital_post": _(
        "Få MitID, og tilmeld dig Digital Post. Så får du breve fra kommunen på din telefon."
    ),
    "health_card": _("Vælg din egen læge. Du får dit sundhedskort med posten."),
    "bus_card": _("Hent dit buskort. Spørg din sagsbehandler, hvor du henter det."),
    "cv": _("Skriv dit CV sammen med jobcentret. Tag dine papirer om uddannelse og arbejde med."),
    "forms_review": _("Tag de breve og blanketter med, som du har fået, så ser vi på dem sammen."),
    "school_daycare_start": _("Dit barn starter i skole eller dagtilbud. Mød op den første dag."),
    "cpr": _("Tag dit opholdskort og dit pas med til borgerservice, så du får et CPR-nummer."),
}


def members(person: Person) -> list[Person]:
    """The person's household, with each member's case and fixed caseworker."""
    return list(
        Person.objects.filter(
            municipality_id=person.municipality_id, household_id=person.household_id
        )
        .select_related("case__caseworker")
        .order_by("birth_date", "id")
    )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def appointments(person: Person) -> QuerySet[Appointment]:
    """The household's appointments (a 404 for any other id)."""
    return Appointment.objects.filter(
        municipality_id=person.municipality_id, household_id=person.household_id
    )


def upcoming_appointments(
    person: Person, *, today: date | None = None, limit: int | None = None
) -> list[Appointment]:
    today = today or timezone.localdate()
    qs = (
        appointments(person)
        .filter(status=AppointmentStatus.PLANNED, starts_at__gte=_start_of(today))
        .prefetch_related(Prefetch("persons", queryset=Person.objects.only("id", "first_name")))
        .order_by("starts_at", "id")
    )
    return list(qs[:limit] if limit else qs)


def appointment_get(person: Person, pk: int) -> Appointment:
    appointment = (
        appointments(person)
        .prefetch_related(Prefetch("persons", queryset=Person.objects.only("id", "first_name")))
        .filter(pk=pk)
        .first()
    )
    if appointment is None:
        raise Http404
    return appointment


@dataclass(frozen=True)
class PlanLine:
    """One task of the household's reception plan, as the citizen reads it."""

    task: PlanTask
    title: str
    for_name: str
    mine: bool  # the citizen's own to do
    what_to_do: str

    @property
    def done(self) -> bool:
        return self.task.done_at is not None

    @property
    def due_date(self) -> date | None:
        return self.task.due_date


def _line(task: PlanTask) -> PlanLine:
    mine = task.category in CITIZEN_TASKS
    return PlanLine(
        task=task,
        title=category_label(task.category) or task.title,
        for_name=task.person.first_name if task.person_id and task.person else "",
        mine=mine,
        what_to_do=str(CITIZEN_TASKS[task.category]) if mine else "",
    )


def _plan_tasks(person: Person) -> QuerySet[PlanTask]:
    return PlanTask.objects.filter(
        municipality_id=person.municipality_id,
        plan__household_id=person.household_id,
        removed_at__isnull=True,
        not_relevant_reason="",
    ).select_related("person")


def reception_plan(person: Person) -> ReceptionPlan | None:
    return ReceptionPlan.objects.filter(
        municipality_id=person.municipality_id, household_id=person.household_id
    ).first()


def plan_lines(person: Person) -> list[PlanLine]:
    """The household's reception plan: open tasks first by deadline, then those done."""
    tasks = sorted(
        _plan_tasks(person),
        key=lambda t: (t.done_at is not None, t.due_date is None, t.due_date or date.min, t.pk),
    )
    return [_line(task) for task in tasks]


def my_tasks(person: Person, *, limit: int | None = None) -> list[PlanLine]:
    """The open tasks that are the household's own to do, by deadline."""
    qs = (
        _plan_tasks(person)
        .filter(open_q(), category__in=list(CITIZEN_TASKS))
        .order_by("due_date", "order", "id")
    )
    return [_line(task) for task in (qs[:limit] if limit else qs)]


def task_get(person: Person, pk: int) -> PlanLine:
    task = _plan_tasks(person).filter(pk=pk).first()
    if task is None:
        raise Http404
    return _line(task)


@dataclass(frozen=True)
class OwnPlan:
    """The person's own integration plan: its direction, goals, activities and contract."""

    plan: IntegrationPlan | None
    goals: list[PlanGoal]
    activities: list[Activity]
    contract: IntegrationContract | None


def integration_plan(person: Person, *, today: date | None = None) -> OwnPlan:
    """Only the person's own (a spouse's plan is the spouse's); activities not yet ended."""
    today = today or timezone.localdate()
    plan = (
        IntegrationPlan.objects.filter(municipality_id=person.municipality_id, person_id=person.pk)
        .prefetch_related(
            Prefetch("goals", queryset=PlanGoal.objects.order_by("target_date", "id")),
            Prefetch(
                "activities",
                queryset=Activity.objects.exclude(end__lt=today).order_by("start", "id"),
            ),
        )
        .first()
    )
    contract = IntegrationContract.objects.filter(
        municipality_id=person.municipality_id, person_id=person.pk
    ).first()
    return OwnPlan(
        plan=plan,
        goals=list(plan.goals.all()) if plan else [],
        activities=list(plan.activities.all()) if plan else [],
        contract=contract,
    )


def contacts(person: Person) -> list[welcome_selectors.Contact]:
    """The household's fixed caseworkers and contact persons, with their units' address,
    phone and opening hours (the welcome folder's selector)."""
    return welcome_selectors.household_contacts(members(person))


@dataclass(frozen=True)
class WelcomeDocument:
    language: str
    language_name: str


def welcome_document(person: Person) -> WelcomeDocument:
    """The welcome folder in the page's language when the folder has texts in it, else in the
    household head's language, else Danish."""
    available = welcome_selectors.available_languages(person.municipality_id)
    head = welcome_selectors.household_head(person.household, members(person))
    language = welcome_selectors.choose_language(
        requested=get_language() or "",
        head_language=welcome_selectors.native_language(head),
        available=available,
    )
    return WelcomeDocument(language, welcome_selectors.language_name(language))
