"""/api/persons/{id}/consents and /api/consents/{id}: a citizen's consents (COO-4).

Reading: every role that sees the person (consents to share health results only for roles that
read health data); recording and withdrawing: the roles that work with the citizen, health
consents the health roles. ``/consents/check`` answers "may this be shared with that unit now?".
Every read logs a view of the person, every write its audit row (channel api)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from velkomst.consent import policy, selectors, services
from velkomst.consent.models import Method, Purpose
from velkomst.core import audit
from velkomst.core.models import Unit
from velkomst.people.selectors import person_get

from ..auth import reader
from ..schemas import Id, errors
from . import CHANNEL

router = Router(tags=["consents"])

READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


class ConsentRecordOut(Schema):
    id: int
    person_id: int
    purpose: Purpose
    purpose_label: str
    unit_ids: list[int]
    given_on: date
    valid_until: date | None
    method: Method
    language: str
    note: str
    withdrawn_at: datetime | None
    version: int

    @staticmethod
    def resolve_unit_ids(obj: Any) -> list[int]:
        return [unit.pk for unit in obj.units.all()]

    @staticmethod
    def resolve_purpose_label(obj: Any) -> str:
        return str(obj.get_purpose_display())


class ConsentRecordIn(Schema):
    purposes: list[Purpose] = Field(min_length=1)
    unit_ids: list[Id] = Field(default_factory=list, description="the receiving units")
    given_on: date
    valid_until: date | None = None
    method: Method = Method.SIGNED
    language: str = Field("", description="ISO 639 code of the language it was given in")
    note: str = Field("", max_length=2000)


class ConsentWithdrawIn(Schema):
    version: int
    note: str = Field("", max_length=2000)


class DisclosureOut(Schema):
    id: int
    purpose: Purpose
    unit_id: int | None
    recipient: str
    context: str
    consent_id: int
    shared_at: datetime


class ConsentCheckOut(Schema):
    purpose: Purpose
    covered: bool
    consent_id: int | None


def _person(request: HttpRequest, person_id: int) -> Any:
    user = reader(request)
    person = person_get(user=user, pk=person_id)
    audit.log_read(actor=user, obj=person, persons=[person], channel=CHANNEL)
    return person


def _units(request: HttpRequest, ids: list[int]) -> list[Unit]:
    units = list(selectors.units_for(reader(request)).filter(pk__in=ids))
    if len(units) != len(set(ids)):
        raise ValidationError({"unit_ids": _("Enheden findes ikke.")})
    return units


@router.get("/persons/{person_id}/consents", response={200: list[ConsentRecordOut], **READ})
def list_consents(request: HttpRequest, person_id: int) -> Any:
    """The person's consents, newest first (withdrawn ones too)."""
    return selectors.consents_for(user=reader(request), person=_person(request, person_id))


@router.post("/persons/{person_id}/consents", response={201: list[ConsentRecordOut], **WRITE})
def record_consent(request: HttpRequest, person_id: int, payload: ConsentRecordIn) -> Any:
    """Record what the person agreed to: one consent per purpose, all given the same way."""
    person = _person(request, person_id)
    with audit.via(CHANNEL):
        made = services.consent_record(
            actor=reader(request),
            person=person,
            purposes=[str(p) for p in payload.purposes],
            units=_units(request, payload.unit_ids),
            given_on=payload.given_on,
            valid_until=payload.valid_until,
            method=payload.method,
            language=payload.language,
            note=payload.note,
        )
    return Status(201, made)


@router.post("/consents/{consent_id}/withdraw", response={200: ConsentRecordOut, **WRITE})
def withdraw_consent(request: HttpRequest, consent_id: int, payload: ConsentWithdrawIn) -> Any:
    """Withdraw the consent from this moment; send the version you read (409 if stale)."""
    consent = selectors.consent_get(user=reader(request), pk=consent_id)
    with audit.via(CHANNEL):
        return services.consent_withdraw(
            actor=reader(request),
            consent=consent,
            expected_version=payload.version,
            note=payload.note,
        )


@router.get("/persons/{person_id}/consents/check", response={200: list[ConsentCheckOut], **READ})
def check_consent(
    request: HttpRequest,
    person_id: int,
    purpose: Purpose | None = None,
    unit_id: Id | None = None,
) -> Any:
    """May the person's data be shared for ``purpose`` (default: each purpose the caller may
    see) with the unit (for contact: with volunteers and associations) at this moment?"""
    person = _person(request, person_id)
    unit = _units(request, [unit_id])[0] if unit_id is not None else None
    asked = [str(purpose)] if purpose is not None else policy.purposes_viewable(reader(request))
    answers = []
    for code in asked:
        found = selectors.covering(person, code, unit)
        answers.append(
            {
                "purpose": code,
                "covered": found is not None,
                "consent_id": found.pk if found else None,
            }
        )
    return answers


@router.get("/persons/{person_id}/disclosures", response={200: list[DisclosureOut], **READ})
def list_disclosures(request: HttpRequest, person_id: int) -> Any:
    """What was shared of the person's data, with whom, when and under which consent."""
    return selectors.disclosures_for(user=reader(request), person=_person(request, person_id))
