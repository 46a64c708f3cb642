"""/api/citizen-questions (CIT-1): the questions citizens asked their caseworker in the citizen's
entrance, of the citizens the caller sees (``question.view``: caseworkers), with the answer
deadline counted in working days; answering one (``question.answer``; send the version read, a
second answer or a stale version is a 409). Every read logs a view per person; attachments are
described, their files are fetched through the pages, which check the reader."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.questions import selectors, services

from ..auth import reader
from ..pagination import LimitOffset, LoggedPage
from ..schemas import Filters, Id, VersionedIn, _text, errors
from . import CHANNEL

router = Router(tags=["citizen questions"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

QuestionStatus = Literal["open", "answered"]
DeadlineStateOut = Literal["upcoming", "due_soon", "overdue", "met_on_time", "met_late"]


class CitizenQuestionAttachmentOut(Schema):
    id: int
    part: Literal["question", "answer"]
    original_name: str
    content_type: str
    size: int


class CitizenQuestionOut(Schema):
    id: int
    person_id: int
    subject: str
    asked_at: datetime
    answer_due: date
    deadline_state: DeadlineStateOut
    status: QuestionStatus
    status_label: str
    answered_at: datetime | None
    version: int

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_deadline_state(obj: Any) -> str:
        return str(selectors.state(obj, timezone.localdate()))


class CitizenQuestionDetailOut(CitizenQuestionOut):
    text: str
    answer: str
    attachments: list[CitizenQuestionAttachmentOut]

    @staticmethod
    def resolve_attachments(obj: Any) -> list[Any]:
        return list(obj.attachments.all())


class CitizenQuestionFilters(Filters):
    status: QuestionStatus | None = None
    person_id: Id | None = None


class CitizenQuestionAnswerIn(VersionedIn):
    answer: Annotated[str, _text(2000)] = Field(description="the answer the citizen reads")


def _questions_reader(request: HttpRequest) -> Any:
    user = reader(request)
    access.require(user, access.QUESTION_VIEW)
    return user


def _log(user: Any, questions: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(q, q.person_id) for q in questions],
        channel=CHANNEL,
    )


@router.get("/citizen-questions", response={200: list[CitizenQuestionOut], **LIST})
@paginate(LimitOffset)
def list_citizen_questions(request: HttpRequest, filters: Query[CitizenQuestionFilters]) -> Any:
    """The questions of the citizens the caller sees, the caller's own citizens' first, then by
    answer deadline; a view logged per person."""
    user = _questions_reader(request)
    qs = selectors.inbox(user=user, show=filters.status or "all")
    if filters.person_id:
        qs = qs.filter(person_id=filters.person_id)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="citizen questions",
        channel=CHANNEL,
    )
    return LoggedPage(qs, lambda rows: _log(user, rows))


@router.get("/citizen-questions/{question_id}", response={200: CitizenQuestionDetailOut, **READ})
def get_citizen_question(request: HttpRequest, question_id: int) -> Any:
    """One question with its text, answer and attachments (described)."""
    user = _questions_reader(request)
    question = selectors.question_get(user=user, pk=question_id)
    audit.log_read(actor=user, obj=question, persons=[question.person], channel=CHANNEL)
    return question


@router.post(
    "/citizen-questions/{question_id}/answer", response={200: CitizenQuestionDetailOut, **WRITE}
)
def answer_citizen_question(
    request: HttpRequest, question_id: int, payload: CitizenQuestionAnswerIn
) -> Any:
    """Answer the question (the caseworker): the citizen reads it in the entrance and is told by
    the notification backend; a question already answered is a 409 (stale version) or 422."""
    user = _questions_reader(request)
    question = selectors.question_get(user=user, pk=question_id)
    with audit.via(CHANNEL):
        return services.question_answer(
            actor=user, question=question, answer=payload.answer, expected_version=payload.version
        )
