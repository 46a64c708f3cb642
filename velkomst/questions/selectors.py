"""Reads of citizens' questions (CIT-1): the citizen's own (a question of anyone else is a 404),
and the staff inbox: the questions of the citizens the reader sees (the unit's), their own
citizens' first, tenant-scoped; counts and the nearest deadline for the start page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Count, Min, Q, QuerySet, Value, When
from django.http import Http404

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.engines.deadlines import DeadlineState, deadline_state
from velkomst.people.models import Person
from velkomst.people.selectors import own_cases, persons_visible_to

from .models import Attachment, Question, QuestionStatus

FILTERS = ("open", "overdue", "answered", "all")


def state(question: Question, today: date, due_soon_days: int = 2) -> DeadlineState:
    """The question's deadline like any other: overdue after its answer day, met on time or late
    once answered."""
    return deadline_state(
        due=question.answer_due,
        today=today,
        done_on=question.answered_at.date() if question.answered_at else None,
        due_soon_days=due_soon_days,
    )


# --- the citizen's own --------------------------------------------------------------------------


def questions_of(person: Person) -> list[Question]:
    return list(
        Question.objects.filter(municipality_id=person.municipality_id, person=person)
        .prefetch_related("attachments")
        .order_by("-asked_at", "-id")
    )


def attachment_of_citizen(person: Person, pk: int) -> Attachment:
    found = (
        Attachment.objects.filter(
            pk=pk, municipality_id=person.municipality_id, question__person=person
        )
        .select_related("question")
        .first()
    )
    if found is None:
        raise Http404
    return found


# --- staff ------------------------------------------------------------------------------------


def questions_visible(*, user: StaffUser) -> QuerySet[Question]:
    """The questions of the citizens ``user`` sees (none without question.view)."""
    if not access.can(user, access.QUESTION_VIEW):
        return Question.objects.none()
    return Question.objects.filter(
        municipality_id=access.tenant_id(user), person__in=persons_visible_to(user)
    )


def inbox(*, user: StaffUser, show: str = "open", today: date | None = None) -> QuerySet[Question]:
    """The inbox: open (default), overdue, answered or all; the user's own citizens' first,
    then the nearest deadline."""
    qs = questions_visible(user=user)
    if show == "open":
        qs = qs.filter(status=QuestionStatus.OPEN)
    elif show == "overdue":
        qs = qs.filter(status=QuestionStatus.OPEN, answer_due__lt=today or date.today())
    elif show == "answered":
        qs = qs.filter(status=QuestionStatus.ANSWERED)
    own = own_cases(user).values("person_id")
    return (
        qs.annotate(
            own=Case(
                When(person_id__in=own, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("person")
        .order_by("-own", "status", "answer_due", "asked_at", "pk")
    )


def question_get(*, user: StaffUser, pk: int) -> Question:
    if not access.can(user, access.QUESTION_VIEW):
        raise Http404
    found = (
        Question.objects.filter(
            municipality_id=access.tenant_id(user),
            person__in=persons_visible_to(user, few=True),
            pk=pk,
        )
        .select_related("person", "answered_by")
        .prefetch_related("attachments")
        .first()
    )
    if found is None:
        raise Http404
    return found


def attachment_of_staff(*, user: StaffUser, pk: int) -> Attachment:
    if not access.can(user, access.QUESTION_VIEW):
        raise Http404
    found = (
        Attachment.objects.filter(
            pk=pk,
            municipality_id=access.tenant_id(user),
            question__person__in=persons_visible_to(user, few=True),
        )
        .select_related("question")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class OpenSummary:
    open: int
    overdue: int
    nearest: date | None


def open_summary(*, user: StaffUser, today: date) -> OpenSummary:
    """For the start page: open questions the user sees, how many are overdue, and the nearest
    answer deadline (one query)."""
    counts = questions_visible(user=user).aggregate(
        open=Count("pk", filter=Q(status=QuestionStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=QuestionStatus.OPEN, answer_due__lt=today)),
        nearest=Min("answer_due", filter=Q(status=QuestionStatus.OPEN)),
    )
    return OpenSummary(counts["open"], counts["overdue"], counts["nearest"])


def worklist_questions(user: StaffUser, day: date, due_soon_days: int) -> list[Question]:
    """Open questions of the user's own citizens due within ``due_soon_days`` or overdue."""
    if not access.can(user, access.QUESTION_VIEW):
        return []
    own = own_cases(user).values("person_id")
    return list(
        Question.objects.filter(
            municipality_id=access.tenant_id(user),
            person_id__in=own,
            status=QuestionStatus.OPEN,
            answer_due__lte=date.fromordinal(day.toordinal() + due_soon_days),
        )
        .select_related("person")
        .order_by("answer_due", "pk")
    )
