"""Writes of the companies register (PRG-4). Each runs in one transaction with its audit rows;
edits use optimistic concurrency (SEC-5). Records of a person (a proposal, an invitation, a
meeting at an event) are audited with the person's id, so they show in the person's log.

The proposal flow: the job consultant proposes a person to an open opening → the company's
answer (accepted, declined with a reason) → the result (started, or not started with a reason).
"Started" is possible only for an accepted proposal and only while the opening has a place left
(started proposals never exceed its places); it puts the activity on the person's integration
plan (velkomst.programme) and links it, and the last place taken marks the opening filled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.competences import occupations
from velkomst.core import access, audit
from velkomst.core.cvr import cvr_valid, normalise
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, create_audited, snapshot, update_audited
from velkomst.core.versioning import save_versioned
from velkomst.housing.models import Area
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to
from velkomst.programme import services as programme_services
from velkomst.programme.models import ActivityKind, Category, ProviderKind

from . import industries
from .models import (
    AgreementKind,
    AgreementStep,
    Attendance,
    Company,
    CompanyAgreement,
    CompanyAnswer,
    CompanyContact,
    EventInvitation,
    EventMeeting,
    MatchEvent,
    MeetingOutcome,
    Opening,
    OpeningKind,
    OpeningStatus,
    Proposal,
    ProposalResult,
)

COMPANY_FIELDS = ("name", "cvr", "industry", "address", "area", "note")
CONTACT_FIELDS = ("name", "role", "phone", "email")
AGREEMENT_FIELDS = ("kind", "title", "valid_from", "valid_to")
OPENING_FIELDS = (
    "kind",
    "title",
    "trade",
    "danish_required",
    "skills",
    "hours_per_week",
    "area",
    "start_on",
    "places",
    "status",
    "description",
)
ANSWER_FIELDS = ("company_answer", "answered_on", "answer_reason")
RESULT_FIELDS = ("result", "result_on", "result_reason")
EVENT_FIELDS = ("name", "held_on", "place")
INVITATION_FIELDS = ("invited_on", "letter_language", "attended")
MEETING_FIELDS = ("company", "outcome", "note")

# an opening's kind -> the plan's enterprise-directed activity (velkomst.programme)
ACTIVITY_KIND: dict[str, str] = {
    OpeningKind.INTERNSHIP: ActivityKind.INTERNSHIP,
    OpeningKind.LANGUAGE_INTERNSHIP: ActivityKind.LANGUAGE_INTERNSHIP,
    OpeningKind.WAGE_SUBSIDY: ActivityKind.WAGE_SUBSIDY,
    OpeningKind.IGU: ActivityKind.IGU,
    OpeningKind.JOB: ActivityKind.JOB_WITH_MENTOR,
}

MAX_HOURS_PER_WEEK = 37  # a full-time week; no activity is planned above it (PRG-1)
MAX_SKILLS = 20
MAX_SKILL_LENGTH = 40


def _today() -> date:
    return timezone.localdate()


def _require(actor: StaffUser, municipality_id: int) -> None:
    access.require_in_tenant(actor, access.COMPANY_EDIT, municipality_id)


def _person_visible(actor: StaffUser, person: Person) -> None:
    if not persons_visible_to(actor, few=True).filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Personen findes ikke.")})


def _log_person(actor: StaffUser, action: str, obj: Any, person_id: int, changes: Any) -> None:
    audit.log(actor=actor, action=action, obj=obj, person_id=person_id, changes=changes)


# --- companies ---------------------------------------------------------------------------------


def validate_company(company: Company) -> None:
    """Field messages for a company that breaks the rules (also the import's rows)."""
    errors: dict[str, str] = {}
    if not company.name.strip():
        errors["name"] = _("Skriv virksomhedens navn.")
    if not cvr_valid(company.cvr):
        errors["cvr"] = _(
            "CVR-nummeret %(cvr)s er ikke gyldigt: det skal være 8 cifre, der består "
            "modulus 11-kontrollen."
        ) % {"cvr": company.cvr}
    elif (
        Company.objects.filter(municipality_id=company.municipality_id, cvr=company.cvr)
        .exclude(pk=company.pk)
        .exists()
    ):
        errors["cvr"] = _("En virksomhed med CVR-nummeret %(cvr)s findes allerede.") % {
            "cvr": company.cvr
        }
    if not industries.is_industry(company.industry):
        errors["industry"] = _(
            "Branchekoden %(code)s findes ikke i Dansk Branchekode 2007 (4 eller 6 cifre, fx "
            "471100)."
        ) % {"code": company.industry}
    area: Area | None = company.area if company.area_id else None
    if area is not None and area.municipality_id != company.municipality_id:
        errors["area"] = _("Området findes ikke.")
    if errors:
        raise ValidationError(errors)


def _clean_company(values: dict[str, Any]) -> dict[str, Any]:
    if "cvr" in values:
        values["cvr"] = normalise(values["cvr"] or "")
    if "industry" in values:
        values["industry"] = industries.compact(values["industry"] or "")
    return values


@transaction.atomic
def company_create(*, actor: StaffUser, **values: Any) -> Company:
    municipality_id = access.tenant_id(actor)
    _require(actor, municipality_id)
    check_names(values, COMPANY_FIELDS)
    return create_audited(
        Company(municipality_id=municipality_id, **_clean_company(values)),
        acting_user=actor,
        fields=COMPANY_FIELDS,
        validate=validate_company,
    )


@transaction.atomic
def company_update(
    *, actor: StaffUser, company: Company, expected_version: int, **values: Any
) -> Company:
    _require(actor, company.municipality_id)
    return update_audited(
        company,
        acting_user=actor,
        expected_version=expected_version,
        values=_clean_company(values),
        fields=COMPANY_FIELDS,
        validate=validate_company,
    )


@transaction.atomic
def companies_import(
    *, actor: StaffUser, rows: Sequence[dict[str, Any]], reason: str = ""
) -> list[Company]:
    """Create every company of a checked import, or none: one that fails (e.g. a CVR number
    added meanwhile) raises ValidationError naming its row, and the transaction writes nothing."""
    municipality_id = access.tenant_id(actor)
    _require(actor, municipality_id)
    created = []
    for number, values in enumerate(rows, start=1):
        check_names(values, COMPANY_FIELDS)
        company = Company(municipality_id=municipality_id, **_clean_company(dict(values)))
        try:
            validate_company(company)
        except ValidationError as error:
            raise ValidationError(
                {
                    name: [_("Række %(n)s: %(m)s") % {"n": number, "m": m} for m in messages]
                    for name, messages in error.message_dict.items()
                }
            ) from error
        company.save()
        created.append(company)
    audit.log_bulk(
        audit.entry(
            actor=actor,
            action=AuditAction.CREATE,
            obj=company,
            changes=audit.diff({}, snapshot(company, COMPANY_FIELDS)),
            reason=reason,
            channel="import",
        )
        for company in created
    )
    return created


# --- contacts and agreements -------------------------------------------------------------------


def _validate_contact(contact: CompanyContact) -> None:
    if not contact.name.strip():
        raise ValidationError({"name": _("Skriv kontaktpersonens navn.")})


@transaction.atomic
def contact_create(*, actor: StaffUser, company: Company, **values: Any) -> CompanyContact:
    _require(actor, company.municipality_id)
    check_names(values, CONTACT_FIELDS)
    return create_audited(
        CompanyContact(municipality_id=company.municipality_id, company=company, **values),
        acting_user=actor,
        fields=CONTACT_FIELDS,
        validate=_validate_contact,
    )


@transaction.atomic
def contact_update(
    *, actor: StaffUser, contact: CompanyContact, expected_version: int, **values: Any
) -> CompanyContact:
    _require(actor, contact.municipality_id)
    return update_audited(
        contact,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=CONTACT_FIELDS,
        validate=_validate_contact,
    )


def _validate_agreement(agreement: CompanyAgreement) -> None:
    errors: dict[str, str] = {}
    if agreement.kind not in AgreementKind.values:
        errors["kind"] = _("Ukendt type aftale.")
    if agreement.valid_to is not None and agreement.valid_to < agreement.valid_from:
        errors["valid_to"] = _("Slutdatoen ligger før startdatoen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_create(
    *, actor: StaffUser, company: Company, steps: Iterable[str] = (), **values: Any
) -> CompanyAgreement:
    """An agreement with its progression steps in the given order (a branchepakke's)."""
    _require(actor, company.municipality_id)
    check_names(values, AGREEMENT_FIELDS)
    agreement = create_audited(
        CompanyAgreement(municipality_id=company.municipality_id, company=company, **values),
        acting_user=actor,
        fields=AGREEMENT_FIELDS,
        validate=_validate_agreement,
    )
    names = [" ".join(name.split()) for name in steps if name and name.strip()]
    AgreementStep.objects.bulk_create(
        AgreementStep(agreement=agreement, position=i, name=name[:200])
        for i, name in enumerate(names, start=1)
    )
    return agreement


@transaction.atomic
def agreement_update(
    *, actor: StaffUser, agreement: CompanyAgreement, expected_version: int, **values: Any
) -> CompanyAgreement:
    _require(actor, agreement.municipality_id)
    return update_audited(
        agreement,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=AGREEMENT_FIELDS,
        validate=_validate_agreement,
    )


@transaction.atomic
def step_done(*, actor: StaffUser, step: AgreementStep, done_on: date | None) -> AgreementStep:
    """Mark a progression step done on ``done_on`` (None: not done)."""
    agreement = step.agreement
    _require(actor, agreement.municipality_id)
    if done_on is not None and done_on < agreement.valid_from:
        raise ValidationError({"done_on": _("Datoen ligger før aftalens start.")})
    before = {"done_on": step.done_on}
    step.done_on = done_on
    step.save(update_fields=["done_on"])
    audit.log(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=agreement,
        changes=audit.diff(before, {"done_on": done_on}),
        reason=step.name,
    )
    return step


# --- openings ----------------------------------------------------------------------------------


def _trade_valid(code: str) -> bool:
    """A DISCO-08 unit group of the installed code list (velkomst.competences.occupations);
    while no list is installed, any four digits (the list's README says why)."""
    if occupations.installed():
        return occupations.is_occupation(code)
    return len(code) == 4 and code.isascii() and code.isdigit()


def validate_opening(opening: Opening) -> None:
    errors: dict[str, str] = {}
    if not opening.title.strip():
        errors["title"] = _("Skriv en titel.")
    if opening.trade and not _trade_valid(opening.trade):
        errors["trade"] = _("Fagkoden %(code)s findes ikke i DISCO-08 (4 cifre).") % {
            "code": opening.trade
        }
    if opening.hours_per_week is None or not 1 <= opening.hours_per_week <= MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = _("Timer pr. uge skal være mellem 1 og %(max)s.") % {
            "max": MAX_HOURS_PER_WEEK
        }
    if opening.places is None or opening.places < 1:
        errors["places"] = _("Et opslag har mindst én plads.")
    skills = opening.skills
    if not isinstance(skills, list) or any(
        not isinstance(s, str) or not s.strip() or len(s) > MAX_SKILL_LENGTH for s in skills
    ):
        errors["skills"] = _("Kompetencer er korte ord på højst %(n)s tegn.") % {
            "n": MAX_SKILL_LENGTH
        }
    elif len(skills) > MAX_SKILLS:
        errors["skills"] = _("Højst %(n)s kompetencer.") % {"n": MAX_SKILLS}
    area: Area | None = opening.area if opening.area_id else None
    if area is not None and area.municipality_id != opening.municipality_id:
        errors["area"] = _("Området findes ikke.")
    if opening.pk is not None and opening.places is not None:
        started = opening.proposals.filter(result=ProposalResult.STARTED).count()
        if opening.places < started:
            errors["places"] = _(
                "%(n)s personer er allerede startet; opslaget skal have mindst så mange pladser."
            ) % {"n": started}
    if errors:
        raise ValidationError(errors)


def _clean_opening(values: dict[str, Any]) -> dict[str, Any]:
    if "skills" in values:
        seen: list[str] = []
        for skill in values["skills"] or []:
            tag = " ".join(str(skill).split()).lower() if isinstance(skill, str) else skill
            if tag not in seen:
                seen.append(tag)
        values["skills"] = seen
    return values


@transaction.atomic
def opening_create(*, actor: StaffUser, company: Company, **values: Any) -> Opening:
    _require(actor, company.municipality_id)
    check_names(values, OPENING_FIELDS)
    values.setdefault("status", OpeningStatus.OPEN)
    return create_audited(
        Opening(municipality_id=company.municipality_id, company=company, **_clean_opening(values)),
        acting_user=actor,
        fields=OPENING_FIELDS,
        validate=validate_opening,
    )


@transaction.atomic
def opening_update(
    *, actor: StaffUser, opening: Opening, expected_version: int, **values: Any
) -> Opening:
    _require(actor, opening.municipality_id)
    return update_audited(
        opening,
        acting_user=actor,
        expected_version=expected_version,
        values=_clean_opening(values),
        fields=OPENING_FIELDS,
        validate=validate_opening,
    )


# --- proposals ---------------------------------------------------------------------------------


@transaction.atomic
def proposal_create(
    *, actor: StaffUser, opening: Opening, person: Person, proposed_on: date | None = None
) -> Proposal:
    """Propose ``person`` to ``opening`` (open, and the person not already proposed to it)."""
    _require(actor, opening.municipality_id)
    _person_visible(actor, person)
    errors: dict[str, str] = {}
    if opening.status != OpeningStatus.OPEN:
        errors["opening"] = _("Opslaget er ikke åbent.")
    elif (
        Proposal.objects.filter(opening=opening, person=person)
        .exclude(company_answer=CompanyAnswer.DECLINED)
        .exclude(result=ProposalResult.NOT_STARTED)
        .exists()
    ):
        errors["person"] = _("Personen er allerede foreslået til opslaget.")
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(
        municipality_id=opening.municipality_id,
        opening=opening,
        person=person,
        proposed_on=proposed_on or _today(),
        proposed_by=actor,
    )
    _log_person(
        actor,
        AuditAction.CREATE,
        proposal,
        person.pk,
        audit.diff({}, {"opening": opening.pk, "proposed_on": proposal.proposed_on}),
    )
    return proposal


def _update_proposal(
    actor: StaffUser, proposal: Proposal, expected_version: int, values: dict[str, Any]
) -> Proposal:
    before = snapshot(proposal, list(values))
    for name, value in values.items():
        setattr(proposal, name, value)
    changes = audit.diff(before, values)
    if not changes:
        return proposal
    save_versioned(proposal, expected_version=expected_version, fields=list(values))
    _log_person(actor, AuditAction.CHANGE, proposal, proposal.person_id, changes)
    return proposal


@transaction.atomic
def proposal_answer(
    *,
    actor: StaffUser,
    proposal: Proposal,
    expected_version: int,
    company_answer: str,
    answered_on: date | None = None,
    answer_reason: str = "",
) -> Proposal:
    """The company's answer: accepted, or declined (with a reason)."""
    _require(actor, proposal.municipality_id)
    errors: dict[str, str] = {}
    if company_answer not in CompanyAnswer.values:
        errors["company_answer"] = _("Ukendt svar.")
    if proposal.result:
        errors["company_answer"] = _("Resultatet er registreret; svaret kan ikke ændres.")
    answered_on = answered_on or (None if company_answer == CompanyAnswer.PENDING else _today())
    if answered_on is not None and answered_on < proposal.proposed_on:
        errors["answered_on"] = _("Svaret kan ikke ligge før forslaget (%(day)s).") % {
            "day": format_date(proposal.proposed_on)
        }
    if company_answer == CompanyAnswer.DECLINED and not answer_reason.strip():
        errors["answer_reason"] = _("Skriv virksomhedens begrundelse for afslaget.")
    if errors:
        raise ValidationError(errors)
    return _update_proposal(
        actor,
        proposal,
        expected_version,
        {
            "company_answer": company_answer,
            "answered_on": answered_on if company_answer != CompanyAnswer.PENDING else None,
            "answer_reason": answer_reason.strip(),
        },
    )


@transaction.atomic
def proposal_result(
    *,
    actor: StaffUser,
    proposal: Proposal,
    expected_version: int,
    result: str,
    result_on: date | None = None,
    result_reason: str = "",
) -> Proposal:
    """Started (an accepted proposal, a place left: the activity goes on the plan) or not
    started (with a reason)."""
    _require(actor, proposal.municipality_id)
    opening = Opening.objects.select_for_update().get(pk=proposal.opening_id)
    errors: dict[str, str] = {}
    result_on = result_on or _today()
    if result not in (ProposalResult.STARTED, ProposalResult.NOT_STARTED):
        errors["result"] = _("Vælg startet eller ikke startet.")
    elif proposal.result:
        errors["result"] = _("Resultatet er allerede registreret.")
    elif result == ProposalResult.STARTED:
        if proposal.company_answer != CompanyAnswer.ACCEPTED:
            errors["result"] = _("Kun et forslag, virksomheden har accepteret, kan startes.")
        else:
            started = opening.proposals.filter(result=ProposalResult.STARTED).count()
            if started >= opening.places:
                errors["result"] = _(
                    "Opslaget har ingen ledige pladser: %(n)s af %(n)s er besat."
                ) % {"n": opening.places}
    elif not result_reason.strip():
        errors["result_reason"] = _("Skriv hvorfor personen ikke startede.")
    if result_on < proposal.proposed_on:
        errors["result_on"] = _("Datoen kan ikke ligge før forslaget.")
    elif proposal.answered_on is not None and result_on < proposal.answered_on:
        errors["result_on"] = _("Datoen kan ikke ligge før virksomhedens svar.")
    if errors:
        raise ValidationError(errors)
    _update_proposal(
        actor,
        proposal,
        expected_version,
        {"result": result, "result_on": result_on, "result_reason": result_reason.strip()},
    )
    if result == ProposalResult.STARTED:
        _plan_activity(actor, proposal, opening)
        started = opening.proposals.filter(result=ProposalResult.STARTED).count()
        if started >= opening.places and opening.status == OpeningStatus.OPEN:
            update_audited(
                opening,
                acting_user=actor,
                expected_version=opening.version,
                values={"status": OpeningStatus.FILLED},
                fields=("status",),
            )
    return proposal


def _plan_activity(actor: StaffUser, proposal: Proposal, opening: Opening) -> None:
    """The started internship, language internship, wage subsidy, IGU or job as an
    enterprise-directed activity on the person's integration plan (PRG-1), from the day it
    started, ongoing, with the opening's hours and the company as provider; linked from the
    proposal. A plan that cannot take it (e.g. over 37 hours that week) refuses the result."""
    try:
        activity = programme_services.activity_add(
            actor=actor,
            person=proposal.person,
            category=Category.ENTERPRISE,
            kind=ACTIVITY_KIND[opening.kind],
            start=proposal.result_on or _today(),
            end=None,
            hours_per_week=opening.hours_per_week,
            provider_kind=ProviderKind.COMPANY,
            provider_name=opening.company.name,
            note=opening.title,
        )
    except ValidationError as error:
        raise ValidationError(
            {
                "result": [
                    _("Aktiviteten kan ikke komme på integrationsplanen: %(m)s") % {"m": m}
                    for m in error.messages
                ]
            }
        ) from error
    proposal.activity = activity
    proposal.save(update_fields=["activity"])


# --- speed-dating events -----------------------------------------------------------------------


def _validate_event(event: MatchEvent) -> None:
    errors: dict[str, str] = {}
    if not event.name.strip():
        errors["name"] = _("Skriv et navn.")
    if not event.place.strip():
        errors["place"] = _("Skriv hvor arrangementet holdes.")
    if errors:
        raise ValidationError(errors)


def _set_companies(event: MatchEvent, companies: Iterable[Company] | None) -> None:
    if companies is None:
        return
    chosen = list(companies)
    if any(c.municipality_id != event.municipality_id for c in chosen):
        raise ValidationError({"companies": _("Virksomheden findes ikke.")})
    event.companies.set(chosen)


@transaction.atomic
def event_create(
    *, actor: StaffUser, companies: Iterable[Company] | None = None, **values: Any
) -> MatchEvent:
    municipality_id = access.tenant_id(actor)
    _require(actor, municipality_id)
    check_names(values, EVENT_FIELDS)
    event = create_audited(
        MatchEvent(municipality_id=municipality_id, **values),
        acting_user=actor,
        fields=EVENT_FIELDS,
        validate=_validate_event,
    )
    _set_companies(event, companies)
    return event


@transaction.atomic
def event_update(
    *,
    actor: StaffUser,
    event: MatchEvent,
    expected_version: int,
    companies: Iterable[Company] | None = None,
    **values: Any,
) -> MatchEvent:
    _require(actor, event.municipality_id)
    update_audited(
        event,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=EVENT_FIELDS,
        validate=_validate_event,
    )
    _set_companies(event, companies)
    return event


@transaction.atomic
def invitation_create(
    *,
    actor: StaffUser,
    event: MatchEvent,
    person: Person,
    invited_on: date | None = None,
    letter_language: str = "",
) -> EventInvitation:
    """Invite a person; the letter's language is the given one, else the person's first
    language that has a letter text, else Danish."""
    from .letters import language_for

    _require(actor, event.municipality_id)
    _person_visible(actor, person)
    invited_on = invited_on or _today()
    errors: dict[str, str] = {}
    if EventInvitation.objects.filter(event=event, person=person).exists():
        errors["person"] = _("Personen er allerede inviteret.")
    if invited_on > event.held_on:
        errors["invited_on"] = _("Invitationen kan ikke sendes efter arrangementet.")
    if errors:
        raise ValidationError(errors)
    invitation = EventInvitation.objects.create(
        municipality_id=event.municipality_id,
        event=event,
        person=person,
        invited_on=invited_on,
        letter_language=letter_language or language_for(person),
    )
    _log_person(
        actor,
        AuditAction.CREATE,
        invitation,
        person.pk,
        audit.diff({}, snapshot(invitation, INVITATION_FIELDS)),
    )
    return invitation


@transaction.atomic
def invitation_update(
    *, actor: StaffUser, invitation: EventInvitation, expected_version: int, **values: Any
) -> EventInvitation:
    """Attendance (yes, no, unknown) or the letter's language."""
    _require(actor, invitation.municipality_id)
    check_names(values, INVITATION_FIELDS)
    if "attended" in values and values["attended"] not in Attendance.values:
        raise ValidationError({"attended": _("Ukendt svar.")})
    if (
        values.get("attended") == Attendance.NO
        and EventMeeting.objects.filter(
            event_id=invitation.event_id, person_id=invitation.person_id
        ).exists()
    ):
        raise ValidationError(
            {"attended": _("Personen har møder registreret ved arrangementet og deltog derfor.")}
        )
    before = snapshot(invitation, list(values))
    for name, value in values.items():
        setattr(invitation, name, value)
    changes = audit.diff(before, values)
    if not changes:
        return invitation
    save_versioned(invitation, expected_version=expected_version, fields=list(values))
    _log_person(actor, AuditAction.CHANGE, invitation, invitation.person_id, changes)
    return invitation


@transaction.atomic
def meeting_create(
    *,
    actor: StaffUser,
    event: MatchEvent,
    person: Person,
    company: Company,
    outcome: str = MeetingOutcome.NONE,
    note: str = "",
) -> EventMeeting:
    """A meeting at the event between an invited person and one of its companies."""
    _require(actor, event.municipality_id)
    _person_visible(actor, person)
    errors: dict[str, str] = {}
    if not event.companies.filter(pk=company.pk).exists():
        errors["company"] = _("Virksomheden deltager ikke i arrangementet.")
    invitation = EventInvitation.objects.filter(event=event, person=person).first()
    if invitation is None:
        errors["person"] = _("Personen er ikke inviteret til arrangementet.")
    elif invitation.attended == Attendance.NO:
        errors["person"] = _(
            "Personen er registreret som ikke deltaget; ret deltagelsen, før du registrerer et møde."
        )
    if outcome not in MeetingOutcome.values:
        errors["outcome"] = _("Ukendt udfald.")
    if errors:
        raise ValidationError(errors)
    meeting = EventMeeting.objects.create(
        municipality_id=event.municipality_id,
        event=event,
        person=person,
        company=company,
        outcome=outcome,
        note=note.strip(),
    )
    _log_person(
        actor,
        AuditAction.CREATE,
        meeting,
        person.pk,
        audit.diff({}, snapshot(meeting, MEETING_FIELDS)),
    )
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: StaffUser, meeting: EventMeeting, expected_version: int, **values: Any
) -> EventMeeting:
    _require(actor, meeting.municipality_id)
    check_names(values, ("outcome", "note"))
    if "outcome" in values and values["outcome"] not in MeetingOutcome.values:
        raise ValidationError({"outcome": _("Ukendt udfald.")})
    before = snapshot(meeting, list(values))
    for name, value in values.items():
        setattr(meeting, name, value)
    changes = audit.diff(before, values)
    if not changes:
        return meeting
    save_versioned(meeting, expected_version=expected_version, fields=list(values))
    _log_person(actor, AuditAction.CHANGE, meeting, meeting.person_id, changes)
    return meeting
