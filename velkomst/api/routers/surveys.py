"""/api/surveys: the surveys of the refugees' own experience (CIT-2).

The definitions (versioned data; any signed-in staff), the invitations of the citizens the caller
sees (a view logged per person), typing in the answers of a paper form or a decline (the
person's caseworker; audited, channel api), and the aggregated results with small counts hidden
(managers, administrators, caseworkers: of their unit's citizens)."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.surveys import selectors, services

from ..auth import acting_user, reader
from ..pagination import LimitOffset, LoggedPage
from ..schemas import Filters, Id, VersionedIn, errors
from . import CHANNEL

router = Router(tags=["surveys"])

# the enumerations as literals (an enum's OpenAPI component is named by its class: "Status" and
# "Moment" are other apps' too); the values of surveys.models.Moment and Status
SurveyMoment = Literal["three_months", "six_months", "one_year", "programme_end"]
SurveyStatus = Literal["awaiting_answer", "answered", "declined", "unanswered"]

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


class SurveyDefinitionOut(Schema):
    id: int
    key: str
    version: int
    title: dict[str, str] = Field(description="the title per language (da, en, ar, uk, fa, ti)")
    questions: list[dict[str, Any]] = Field(
        description="key, scale (agree, yes_no, choice), text per language, options of a choice"
    )


class SurveyInvitationOut(Schema):
    id: int
    person_id: int
    survey_key: str
    definition_version: int
    moment: SurveyMoment
    moment_label: str
    due_on: date
    answer_by: date
    status: SurveyStatus
    status_label: str
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_definition_version(obj: Any) -> int:
        return int(obj.definition.version)

    @staticmethod
    def resolve_moment_label(obj: Any) -> str:
        return str(obj.get_moment_display())

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(obj.get_status_display())


class SurveyInvitationFilters(Filters):
    person_id: Id | None = None
    status: SurveyStatus | None = None
    moment: SurveyMoment | None = None


class SurveyAnswerIn(VersionedIn):
    answers: dict[str, str] = Field(
        description='question key → answer code ("1".."5", "yes"/"no", a choice\'s code)'
    )
    answered_on: date | None = Field(None, description="default today")
    comment: str = Field("", max_length=1000)


class SurveyResponseOut(Schema):
    invitation_id: int
    answered_on: date
    questions_answered: int

    @staticmethod
    def resolve_questions_answered(obj: Any) -> int:
        return int(obj.answers.count())


class SurveyCellOut(Schema):
    label: str
    count: int | None
    share: Decimal | None
    hidden: str = Field(description='"<5" (a small count) or "–" (hidden as a complement)')


class SurveyQuestionOut(Schema):
    key: str
    text: str
    answered: int | None
    average: Decimal | None
    hidden: str
    cells: list[SurveyCellOut]


class SurveyMomentOut(Schema):
    moment: SurveyMoment
    label: str
    invited: int | None
    hidden: str
    statuses: list[SurveyCellOut]
    questions: list[SurveyQuestionOut]


class SurveyResultsOut(Schema):
    start: date
    end: date
    threshold: int
    moments: list[SurveyMomentOut]


class SurveyResultsFilters(Filters):
    start: date | None = Field(None, description="sent from (default 1 January last year)")
    end: date | None = Field(None, description="sent until (default today)")
    moment: SurveyMoment | None = None


@router.get("/surveys/definitions", response={200: list[SurveyDefinitionOut], **LIST})
def list_definitions(request: HttpRequest) -> Any:
    """The survey definitions, every version (no citizen's data)."""
    reader(request)
    services.definition_current("own_experience")
    return list(selectors.definitions())


def _log(user: Any, invitations: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(i, i.person_id) for i in invitations],
        channel=CHANNEL,
    )


@router.get("/surveys/invitations", response={200: list[SurveyInvitationOut], **LIST})
@paginate(LimitOffset)
def list_invitations(request: HttpRequest, filters: Query[SurveyInvitationFilters]) -> Any:
    """The invitations of the citizens the caller sees, newest first; a view logged per person."""
    user = reader(request)
    qs = selectors.invitations_visible(user=user).order_by("-due_on", "-id")
    if filters.person_id:
        qs = qs.filter(person_id=filters.person_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.moment:
        qs = qs.filter(moment=filters.moment)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="survey invitations",
        channel=CHANNEL,
    )
    return LoggedPage(qs, lambda rows: _log(user, rows))


@router.post(
    "/surveys/invitations/{invitation_id}/answers", response={201: SurveyResponseOut, **WRITE}
)
def create_answers(request: HttpRequest, invitation_id: int, payload: SurveyAnswerIn) -> Any:
    """Type in the answers of a paper form (the person's caseworker); send the version read."""
    user = reader(request)
    access.require(user, access.SURVEY_RECORD)
    invitation = selectors.invitation_get(user=user, pk=invitation_id)
    with audit.via(CHANNEL):
        response = services.answer_record(
            actor=user,
            invitation=invitation,
            expected_version=payload.version,
            answers=payload.answers,
            answered_on=payload.answered_on or timezone.localdate(),
            comment=payload.comment,
        )
    return Status(201, response)


@router.post(
    "/surveys/invitations/{invitation_id}/decline", response={200: SurveyInvitationOut, **WRITE}
)
def decline(request: HttpRequest, invitation_id: int, payload: VersionedIn) -> Any:
    """Record that the citizen declined to answer (counted as declined)."""
    user = reader(request)
    access.require(user, access.SURVEY_RECORD)
    invitation = selectors.invitation_get(user=user, pk=invitation_id)
    with audit.via(CHANNEL):
        return services.decline_record(
            actor=user, invitation=invitation, expected_version=payload.version
        )


@router.get("/surveys/results", response={200: SurveyResultsOut, **LIST})
def results(request: HttpRequest, filters: Query[SurveyResultsFilters]) -> Any:
    """Per moment: invited, answered, declined, unanswered and open, and per question the
    distribution and average, small counts hidden (MI-6); no citizen's answers."""
    user = acting_user(request)
    access.require(user, access.SURVEY_RESULTS)
    today = timezone.localdate()
    start = filters.start or date(today.year - 1, 1, 1)
    end = filters.end or today
    return selectors.results(user=user, start=start, end=end, moment=filters.moment or "")
