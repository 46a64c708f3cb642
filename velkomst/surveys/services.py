"""Writes of surveys (CIT-2): store a definition version, send the invitations that are due
(daily, idempotent), close unanswered ones, type in an answer from a paper form, record a
decline. Keyword-only, each in one transaction with its audit rows (the answer's audit row says
that an answer was recorded, not what it was: the answers stay apart from the case)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit, config
from velkomst.core.models import AuditAction, Municipality, StaffUser
from velkomst.core.versioning import save_versioned, save_versioned_many
from velkomst.engines.calendar import add_months
from velkomst.people.models import Case, Person
from velkomst.people.selectors import persons_visible_to

from . import presets
from .models import Answer, Channel, Definition, Invitation, Moment, Response, Status
from .selectors import options_of

ADULT_AGE = 18


def definition_current(key: str) -> Definition:
    """The shipped definition ``key`` in its current version, stored the first time it is used
    (a changed preset has a new version number; older versions stay for their answers)."""
    preset = presets.PRESETS[key]
    found = Definition.objects.filter(key=key, version=preset["version"]).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Definition.objects.create(
                key=key,
                version=preset["version"],
                title=preset["title"],
                questions=preset["questions"],
            )
    except IntegrityError:  # stored by a concurrent run
        return Definition.objects.get(key=key, version=preset["version"])


def moment_day(moment: dict[str, Any], arrival: date | None, programme_end: date) -> date | None:
    """The day a moment falls on for one person (None: no arrival yet)."""
    start = programme_end if moment["from"] == "programme_end" else arrival
    if start is None:
        return None
    return add_months(start, int(moment.get("months") or 0))


@dataclass
class SendResult:
    sent: int = 0
    closed: int = 0


@transaction.atomic
def _send_municipality(municipality: Municipality, day: date) -> SendResult:
    values = config.config_in_force(municipality, day)
    key = values["survey_key"]
    answer_days = int(values["survey_answer_days"])
    result = SendResult()
    result.closed = _close_unanswered(municipality, day)
    definition = definition_current(key)
    moments = [m for m in values["survey_moments"] if m.get("key") in Moment.values]
    asked = set(
        Invitation.objects.filter(municipality=municipality, survey_key=key).values_list(
            "person_id", "moment"
        )
    )
    adult_born = date(day.year - ADULT_AGE, day.month, min(day.day, 28))
    rows = (
        Person.objects.filter(
            municipality=municipality, birth_date__lte=adult_born, case__isnull=False
        )
        .values_list(
            "pk",
            "household__arrival_date",
            "case__takeover_date",
            "case__programme_end_date",
            "case__caseworker_id",
        )
        .order_by("pk")
    )
    made: list[Invitation] = []
    caseworkers: dict[int, int | None] = {}
    for pk, arrival, takeover, programme_end, caseworker_id in rows:
        caseworkers[pk] = caseworker_id
        for moment in moments:
            when = moment_day(moment, arrival or takeover, programme_end)
            # due today or within the answer period just gone (a missed run catches up; a
            # moment long past is not asked any more)
            if when is None or not day - timedelta(days=answer_days) < when <= day:
                continue
            if (pk, moment["key"]) in asked:
                continue
            made.append(
                Invitation(
                    municipality=municipality,
                    person_id=pk,
                    definition=definition,
                    survey_key=key,
                    moment=moment["key"],
                    due_on=day,
                    answer_by=day + timedelta(days=answer_days),
                )
            )
    Invitation.objects.bulk_create(made)
    # audited as the person's caseworker's (the one who follows up), channel system
    actors = {u.pk: u for u in StaffUser.objects.filter(pk__in=set(caseworkers.values()) - {None})}
    audit.log_bulk(
        audit.entry(
            actor=actors[cw],
            action=AuditAction.CREATE,
            obj=invitation,
            person_id=invitation.person_id,
            changes={"moment": [None, invitation.moment], "status": [None, invitation.status]},
            channel="system",
        )
        for invitation in made
        if (cw := caseworkers.get(invitation.person_id)) is not None
    )
    result.sent = len(made)
    return result


def _caseworkers(person_ids: set[int]) -> dict[int, StaffUser]:
    """person -> the caseworker of their case (who follows up), for the system's audit rows."""
    ids = dict(
        Case.objects.filter(person_id__in=person_ids, caseworker__isnull=False).values_list(
            "person_id", "caseworker_id"
        )
    )
    users = StaffUser.objects.in_bulk(set(ids.values()))
    return {person: users[user] for person, user in ids.items()}


def _close_unanswered(municipality: Municipality, day: date) -> int:
    """The invitations whose answer period has passed are counted as unanswered: a versioned
    write each (one answered meanwhile is left as it is), audited as the person's caseworker's
    with channel system. Returns how many were closed."""
    expired = list(
        Invitation.objects.filter(municipality=municipality, status=Status.SENT, answer_by__lt=day)
    )
    versions = [invitation.version for invitation in expired]
    for invitation in expired:
        invitation.status = Status.UNANSWERED
        invitation.closed_on = day
    stale = {
        i.pk
        for i in save_versioned_many(
            expired, expected_versions=versions, fields=["status", "closed_on"]
        )
    }
    closed = [invitation for invitation in expired if invitation.pk not in stale]
    actors = _caseworkers({invitation.person_id for invitation in closed})
    audit.log_bulk(
        audit.entry(
            actor=actors[invitation.person_id],
            action=AuditAction.CHANGE,
            obj=invitation,
            person_id=invitation.person_id,
            changes=audit.diff(
                {"status": Status.SENT, "closed_on": None},
                {"status": Status.UNANSWERED, "closed_on": day},
            ),
            channel="system",
        )
        for invitation in closed
        if invitation.person_id in actors
    )
    return len(closed)


def invitations_send(*, day: date | None = None) -> Counter[str]:
    """Send the survey to each adult whose moment has come (CIT-2) and close the invitations
    whose answer period has passed as unanswered; every municipality in its own transaction.
    Idempotent: a person is asked each moment of a survey once."""
    day = day or timezone.localdate()
    counts: Counter[str] = Counter()
    for municipality in Municipality.objects.order_by("pk"):
        done = _send_municipality(municipality, day)
        counts["sent"] += done.sent
        counts["closed"] += done.closed
    return counts


def _open_invitation(actor: StaffUser, invitation: Invitation) -> None:
    access.require_in_tenant(actor, access.SURVEY_RECORD, invitation.municipality_id)
    if not persons_visible_to(actor, few=True).filter(pk=invitation.person_id).exists():
        raise PermissionDenied("person")
    if invitation.status != Status.SENT:
        raise ValidationError(
            {
                "status": _("Spørgeskemaet er allerede %(status)s.")
                % {"status": str(invitation.get_status_display()).lower()}
            }
        )


def _close(
    actor: StaffUser | None,
    invitation: Invitation,
    status: str,
    day: date,
    expected_version: int,
    *,
    person: Person | None = None,
) -> None:
    """Close the invitation as answered or declined; audited as ``actor`` or, from the citizen's
    entrance, as the citizen ``person`` (audit.log_citizen)."""
    before = {"status": invitation.status, "closed_on": invitation.closed_on}
    invitation.status = status
    invitation.closed_on = day
    invitation.recorded_by = actor
    save_versioned(
        invitation,
        expected_version=expected_version,
        fields=["status", "closed_on", "recorded_by"],
    )
    changes = audit.diff(before, {"status": status, "closed_on": day})
    if actor is None:
        assert person is not None
        audit.log_citizen(person=person, action=AuditAction.CHANGE, obj=invitation, changes=changes)
        return
    audit.log(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=invitation,
        person_id=invitation.person_id,
        changes=changes,
    )


def _answer_errors(
    invitation: Invitation, answers: dict[str, str], answered_on: date, comment: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    questions = {q["key"]: q for q in invitation.definition.questions}
    for key, value in answers.items():
        if key not in questions:
            errors[key] = _("Spørgsmålet findes ikke i spørgeskemaet.")
        elif value and value not in {code for code, _texts in options_of(questions[key])}:
            errors[key] = _("Vælg et af svarene på listen.")
    given = {k: v for k, v in answers.items() if v}
    if not errors and not given and not comment.strip():
        errors["answers"] = _("Udfyld mindst ét svar, eller registrér, at borgeren har afslået.")
    if answered_on > timezone.localdate():
        errors["answered_on"] = _("Svaret kan ikke være givet i fremtiden.")
    elif answered_on < invitation.due_on:
        errors["answered_on"] = _("Svaret kan ikke være givet, før spørgeskemaet blev sendt.")
    if len(comment) > 1000:
        errors["comment"] = _("Kommentaren må højst være på 1000 tegn.")
    return errors


def _store_response(
    invitation: Invitation, answers: dict[str, str], answered_on: date, comment: str, channel: str
) -> Response:
    """The answers, apart from the case: the response and an answer code per question."""
    given = {k: v for k, v in answers.items() if v}
    response = Response.objects.create(
        municipality_id=invitation.municipality_id,
        invitation=invitation,
        answered_on=answered_on,
        channel=channel,
        comment=comment.strip(),
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question=k, value=v) for k, v in given.items()]
    )
    return response


@transaction.atomic
def answer_record(
    *,
    actor: StaffUser,
    invitation: Invitation,
    answers: dict[str, str],
    expected_version: int,
    answered_on: date | None = None,
    comment: str = "",
    channel: str = Channel.PAPER,
) -> Response:
    """Type in the answers of a survey the person filled in (on paper): a code for each question
    answered (a question may be left blank), stored apart from the case."""
    _open_invitation(actor, invitation)
    answered_on = answered_on or timezone.localdate()
    errors = _answer_errors(invitation, answers, answered_on, comment)
    if errors:
        raise ValidationError(errors)
    _close(actor, invitation, Status.ANSWERED, answered_on, expected_version)
    response = _store_response(invitation, answers, answered_on, comment, channel)
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=response,
        person_id=invitation.person_id,
        changes={"questions_answered": [None, response.answers.count()]},
    )
    return response


@transaction.atomic
def decline_record(
    *, actor: StaffUser, invitation: Invitation, expected_version: int, day: date | None = None
) -> Invitation:
    """The person declined to answer: counted as declined, nothing else stored."""
    _open_invitation(actor, invitation)
    _close(actor, invitation, Status.DECLINED, day or timezone.localdate(), expected_version)
    return invitation


# --- the citizen's own entrance (CIT-2) -------------------------------------------------------


def _citizen_open(person: Person, invitation: Invitation, day: date) -> None:
    """The citizen may answer or decline their own invitation while it is open and its answer
    period has not passed."""
    if invitation.person_id != person.pk or invitation.municipality_id != person.municipality_id:
        raise PermissionDenied("another person's invitation")
    if invitation.status != Status.SENT:
        raise ValidationError(
            {
                "status": _("Spørgeskemaet er allerede %(status)s og kan ikke besvares igen.")
                % {"status": str(invitation.get_status_display()).lower()}
            }
        )
    if day > invitation.answer_by:
        raise ValidationError({"status": _("Fristen for at svare på spørgeskemaet er udløbet.")})


@transaction.atomic
def answer_by_citizen(
    *,
    person: Person,
    invitation: Invitation,
    answers: dict[str, str],
    expected_version: int,
    comment: str = "",
) -> Response:
    """The citizen answers their own survey in the entrance: stored apart from the case exactly
    as a paper form typed in by staff (channel "entrance"), audited with the citizen as actor."""
    day = timezone.localdate()
    _citizen_open(person, invitation, day)
    errors = _answer_errors(invitation, answers, day, comment)
    if "answers" in errors:
        errors["answers"] = _("Svar på mindst ét spørgsmål, eller vælg at du ikke vil svare.")
    if errors:
        raise ValidationError(errors)
    _close(None, invitation, Status.ANSWERED, day, expected_version, person=person)
    response = _store_response(invitation, answers, day, comment, Channel.ENTRANCE)
    audit.log_citizen(
        person=person,
        action=AuditAction.CREATE,
        obj=response,
        changes={"questions_answered": [None, response.answers.count()]},
    )
    return response


@transaction.atomic
def decline_by_citizen(
    *, person: Person, invitation: Invitation, expected_version: int
) -> Invitation:
    """The citizen declines to answer: counted as declined, nothing else stored."""
    day = timezone.localdate()
    _citizen_open(person, invitation, day)
    _close(None, invitation, Status.DECLINED, day, expected_version, person=person)
    return invitation
