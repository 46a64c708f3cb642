"""Writes of handover (COO-5): keyword-only, ``actor`` first, each in one transaction with its
audit rows in both municipalities.

- ``handover_send``: the sending caseworker sends the household's handover to the receiving
  municipality (never its own); the snapshot is made now (``content.build(sending=True)``).
- ``handover_accept``: the receiving administrator fixes a caseworker of its own municipality;
  the household, persons, cases and the handed-over records are created in the receiving tenant
  from the snapshot, with their origin; the open deadlines carry on with their dates; the sending
  cases end with the reason "moved away", which makes the sending household read-only.
- ``handover_return``: the receiving administrator returns it with a reason.

A step writes the acting user's audit rows in the actor's own municipality (``audit.log``) and
one row about the handover in the other municipality (``audit.log_to_municipality``), so each
side's audit log shows every step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit, formats
from velkomst.core.models import AuditAction, Municipality, Role, StaffUser
from velkomst.core.versioning import save_versioned
from velkomst.danish.models import DanishReferral, LanguageCentre, ModuleProgress
from velkomst.health.models import HealthAssessment
from velkomst.people import search
from velkomst.people.models import (
    AssignmentKind,
    Case,
    CaseAssignment,
    EndReason,
    Household,
    JournalNote,
    Person,
    PersonLanguage,
    Phase,
    PhaseTransition,
)
from velkomst.programme.models import (
    Activity,
    IntegrationContract,
    IntegrationPlan,
    PlanGoal,
)
from velkomst.reception import services as reception_services
from velkomst.reception.models import Anchor, PlanTask, ReceptionPlan

from . import content as handover_content
from .models import Handover, State

MAX_RETURN_REASON = 2000


@dataclass
class MoveData:
    receiving: str  # the receiving municipality's code or name
    new_address: str
    moving_date: date | None


def resolve_receiving(actor: StaffUser, text: str) -> Municipality:
    """The receiving municipality by its code or name; never the sending one itself."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"receiving": _("Skriv tilflytningskommunens navn eller kode.")})
    found = Municipality.objects.filter(Q(code=text) | Q(name__iexact=text)).first()
    if found is None:
        raise ValidationError(
            {"receiving": _("%(text)s er ikke en kommune i Velkomst.") % {"text": text}}
        )
    if found.pk == access.tenant_id(actor):
        raise ValidationError(
            {
                "receiving": _(
                    "Tilflytningskommunen kan ikke være %(name)s selv: en overdragelse går til "
                    "en anden kommune."
                )
                % {"name": found.name}
            }
        )
    return found


def validate_move(*, actor: StaffUser, household: Household, data: MoveData) -> Municipality:
    """The checks of a move, before the preview and again at sending (a clear message per field)."""
    access.require_in_tenant(actor, access.HANDOVER_SEND, household.municipality_id)
    errors: dict[str, str] = {}
    receiving = None
    try:
        receiving = resolve_receiving(actor, data.receiving)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if not (data.new_address or "").strip():
        errors["new_address"] = _("Skriv husstandens nye adresse.")
    if data.moving_date is None:
        errors["moving_date"] = _("Skriv flyttedatoen.")
    elif data.moving_date.year < 1900:
        errors["moving_date"] = _("Flyttedatoen skal ligge efter år 1900.")
    if Handover.objects.filter(
        household=household, state__in=[State.SENT, State.ACCEPTED]
    ).exists():
        errors["receiving"] = _("Husstanden er allerede overdraget eller under overdragelse.")
    if errors:
        raise ValidationError(errors)
    assert receiving is not None
    return receiving


def handover_preview(
    *, actor: StaffUser, household: Household, data: MoveData
) -> tuple[Municipality, dict[str, Any]]:
    """What the handover would carry if sent now (no writes)."""
    receiving = validate_move(actor=actor, household=household, data=data)
    assert data.moving_date is not None
    return receiving, handover_content.build(
        actor=actor,
        household=household,
        receiving=receiving,
        new_address=data.new_address.strip(),
        moving_date=data.moving_date,
        sending=False,
    )


@transaction.atomic
def handover_send(*, actor: StaffUser, household: Household, data: MoveData) -> Handover:
    household = Household.objects.select_for_update().get(pk=household.pk)
    receiving = validate_move(actor=actor, household=household, data=data)
    assert data.moving_date is not None
    snapshot = handover_content.build(
        actor=actor,
        household=household,
        receiving=receiving,
        new_address=data.new_address.strip(),
        moving_date=data.moving_date,
        sending=True,
    )
    handover = Handover.objects.create(
        municipality_id=household.municipality_id,
        receiving=receiving,
        household=household,
        new_address=data.new_address.strip(),
        moving_date=data.moving_date,
        content=snapshot,
        sent_by=actor,
    )
    changes = audit.diff(
        {},
        {
            "receiving": receiving.pk,
            "new_address": handover.new_address,
            "moving_date": handover.moving_date,
            "state": State.SENT,
        },
    )
    audit.log_many(
        actor=actor,
        action=AuditAction.CREATE,
        objects=[(handover, pk) for pk in household.members.values_list("pk", flat=True)],
        reason=f"Overdragelse til {receiving.name}",
    )
    audit.log_to_municipality(
        municipality_id=receiving.pk,
        actor=actor,
        action=AuditAction.CREATE,
        obj=handover,
        changes=changes,
        reason=f"Overdragelse fra {household.municipality.name}",
    )
    return handover


def _answerable(actor: StaffUser, handover: Handover, expected_version: int) -> Handover:
    access.require(actor, access.HANDOVER_RECEIVE)
    if handover.receiving_id != access.tenant_id(actor):
        raise PermissionDenied("another municipality's handover")
    locked = Handover.objects.select_for_update().get(pk=handover.pk)
    if locked.state != State.SENT:
        raise ValidationError({"state": _("Overdragelsen er allerede besvaret.")})
    return locked


@transaction.atomic
def handover_return(
    *, actor: StaffUser, handover: Handover, reason: str, expected_version: int
) -> Handover:
    handover = _answerable(actor, handover, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv, hvorfor overdragelsen sendes retur.")})
    if len(reason) > MAX_RETURN_REASON:
        raise ValidationError({"reason": _("Begrundelsen er for lang.")})
    handover.state = State.RETURNED
    handover.return_reason = reason
    handover.answered_at = timezone.now()
    handover.answered_by = actor
    save_versioned(
        handover,
        expected_version=expected_version,
        fields=["state", "return_reason", "answered_at", "answered_by"],
    )
    changes = audit.diff(
        {"state": State.SENT, "return_reason": ""},
        {"state": State.RETURNED, "return_reason": reason},
    )
    audit.log(actor=actor, action=AuditAction.CHANGE, obj=handover, changes=changes, reason=reason)
    audit.log_to_municipality(
        municipality_id=handover.municipality_id,
        actor=actor,
        action=AuditAction.CHANGE,
        obj=handover,
        changes=changes,
        reason=reason,
    )
    return handover


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _day(value: str) -> date:
    """A required date of the snapshot."""
    return date.fromisoformat(value)


def origin_text(handover: Handover) -> str:
    """The origin a received record carries, stored in Danish like the record."""
    name = handover.content.get("origin", {}).get("name", "")
    return f"Fra {name}, overdragelse af {formats.format_date(handover.sent_at, language='da')}"


def moved_text(handover: Handover) -> str:
    day = formats.format_date(handover.moving_date, language="da")
    return f"Flyttet til {handover.receiving.name} den {day}"


def _create_person_records(
    *,
    actor: StaffUser,
    handover: Handover,
    entry: dict[str, Any],
    household: Household,
    caseworker: StaffUser,
    origin: str,
    created: list[tuple[Any, int | None]],
) -> Person:
    mid = household.municipality_id
    person = Person.objects.create(
        municipality_id=mid,
        household=household,
        first_name=entry["first_name"],
        last_name=entry["last_name"],
        birth_date=_day(entry["birth_date"]),
        sex=entry["sex"],
        nationality=entry["nationality"],
        cpr=entry["cpr"],
        residence_basis=entry["residence_basis"],
        relation=entry["relation"],
        search_name=search.search_name(entry["first_name"], entry["last_name"], household.name),
    )
    created.append((person, person.pk))
    PersonLanguage.objects.bulk_create(
        PersonLanguage(person=person, **lang) for lang in entry.get("languages", [])
    )
    case_data = entry.get("case")
    if case_data:
        phase = case_data["phase"] if case_data["phase"] != Phase.ENDED else Phase.RECEPTION
        case = Case.objects.create(
            municipality_id=mid,
            person=person,
            phase=phase,
            visitation_date=_day(case_data["visitation_date"]),
            takeover_date=_day(case_data["takeover_date"]),
            programme_end_date=_day(case_data["programme_end_date"]),
            caseworker=caseworker,
        )
        PhaseTransition.objects.create(
            case=case,
            from_phase="",
            to_phase=phase,
            effective_date=handover.moving_date,
            reason=origin,
            actor=actor,
        )
        CaseAssignment.objects.create(
            case=case, kind=AssignmentKind.CASEWORKER, staff=caseworker, actor=actor, reason=origin
        )
        JournalNote.objects.create(case=case, author=actor, text=origin)
        created.append((case, person.pk))
        for note in entry.get("notes") or []:
            created.append(
                (
                    JournalNote.objects.create(
                        case=case, author=actor, text=f"[{origin}] {note['text']}"
                    ),
                    person.pk,
                )
            )
    plan_data = entry.get("plan")
    if plan_data:
        plan = IntegrationPlan.objects.create(
            municipality_id=mid,
            person=person,
            direction=plan_data.get("direction") or "job",
            direction_reason=plan_data.get("direction_reason", ""),
        )
        created.append((plan, person.pk))
        for goal in plan_data.get("goals", []):
            created.append(
                (
                    PlanGoal.objects.create(
                        municipality_id=mid,
                        plan=plan,
                        **{
                            **goal,
                            "target_date": _date(goal["target_date"]),
                            "achieved_on": _date(goal["achieved_on"]),
                        },
                    ),
                    person.pk,
                )
            )
        for act in plan_data.get("activities", []):
            created.append(
                (
                    Activity.objects.create(
                        municipality_id=mid,
                        plan=plan,
                        **{
                            **act,
                            "start": _date(act["start"]),
                            "end": _date(act["end"]),
                            "hours_per_week": Decimal(act["hours_per_week"]),
                            "note": (f"{origin}. " + act["note"]).strip(),
                        },
                    ),
                    person.pk,
                )
            )
    contract = entry.get("contract")
    if contract:
        created.append(
            (
                IntegrationContract.objects.create(
                    municipality_id=mid,
                    person=person,
                    due_date=_day(contract["due_date"]),
                    signed_on=_date(contract["signed_on"]),
                    signed_by_municipality_on=_date(contract["signed_by_municipality_on"]),
                    refused_on=_date(contract["refused_on"]),
                    refusal_reason=contract["refusal_reason"],
                ),
                person.pk,
            )
        )
    for ref in entry.get("danish") or []:
        centre, _new = LanguageCentre.objects.get_or_create(municipality_id=mid, name=ref["centre"])
        referral = DanishReferral.objects.create(
            municipality_id=mid,
            person=person,
            centre=centre,
            track=ref["track"],
            referred_on=_day(ref["referred_on"]),
            start_on=_date(ref["start_on"]),
            started_on=_date(ref["started_on"]),
            ended_on=_date(ref["ended_on"]),
            end_reason=ref["end_reason"],
        )
        created.append((referral, person.pk))
        for module in ref.get("modules", []):
            ModuleProgress.objects.create(
                municipality_id=mid,
                referral=referral,
                module=module["module"],
                started_on=_day(module["started_on"]),
                passed_on=_date(module["passed_on"]),
            )
    for health in entry.get("health") or []:
        created.append(
            (
                HealthAssessment.objects.create(
                    municipality_id=mid,
                    person=person,
                    assessed_on=_day(health["assessed_on"]),
                    doctor=health["doctor"],
                    work_capacity=health["work_capacity"],
                    conclusion=health["conclusion"],
                    recorded_by=actor,
                ),
                person.pk,
            )
        )
    return person


def _end_sending_cases(actor: StaffUser, handover: Handover) -> None:
    """The sending cases end with the reason "moved away" on the moving date; each row of the
    sending municipality's audit log names the receiving administrator."""
    reason = moved_text(handover)
    for case in (
        Case.objects.select_for_update()
        .filter(person__household_id=handover.household_id)
        .exclude(phase=Phase.ENDED)
    ):
        before = case.phase
        case.phase, case.end_reason = Phase.ENDED, EndReason.MOVED_AWAY
        save_versioned(case, expected_version=case.version, fields=["phase", "end_reason"])
        PhaseTransition.objects.create(
            case=case,
            from_phase=before,
            to_phase=Phase.ENDED,
            effective_date=max(handover.moving_date, case.visitation_date),
            reason=reason,
            end_reason=EndReason.MOVED_AWAY,
            actor=actor,
        )
        audit.log_to_municipality(
            municipality_id=handover.municipality_id,
            actor=actor,
            action=AuditAction.CHANGE,
            obj=case,
            person_id=case.person_id,
            changes={"phase": [before, Phase.ENDED], "end_reason": ["", EndReason.MOVED_AWAY]},
            reason=reason,
        )


@transaction.atomic
def handover_accept(
    *, actor: StaffUser, handover: Handover, caseworker: StaffUser | None, expected_version: int
) -> Handover:
    handover = _answerable(actor, handover, expected_version)
    mid = access.tenant_id(actor)
    if (
        caseworker is None
        or caseworker.municipality_id != mid
        or caseworker.role != Role.CASEWORKER
        or not caseworker.is_active
    ):
        raise ValidationError(
            {"caseworker": _("Vælg en fast sagsbehandler fra jeres egen kommune.")}
        )
    snapshot = handover.content
    origin = origin_text(handover)
    household = Household.objects.create(
        municipality_id=mid,
        name=snapshot["household"]["name"],
        arrival_date=_date(snapshot["household"]["arrival_date"]),
        asylum_centre=snapshot["household"]["asylum_centre"],
        address=snapshot["new_address"],
    )
    household.units.set(caseworker.units.filter(municipality_id=mid))
    created: list[tuple[Any, int | None]] = []
    persons: dict[int, Person] = {}
    for entry in snapshot.get("persons", []):
        persons[entry["ref"]] = _create_person_records(
            actor=actor,
            handover=handover,
            entry=entry,
            household=household,
            caseworker=caseworker,
            origin=origin,
            created=created,
        )
    tasks = snapshot.get("open_tasks") or []
    if tasks:
        first = next(iter(Case.objects.filter(person__household=household)), None)
        template = reception_services.template_in_force(
            handover.receiving
        ) or reception_services.install_presets(handover.receiving)
        plan = ReceptionPlan.objects.create(
            municipality_id=mid,
            household=household,
            template=template,
            visitation_date=first.visitation_date if first else handover.moving_date,
            takeover_date=first.takeover_date if first else handover.moving_date,
            created_by=actor,
        )
        for order, task in enumerate(tasks):
            person = persons.get(task["person_ref"]) if task["person_ref"] else None
            row = PlanTask.objects.create(
                municipality_id=mid,
                plan=plan,
                person=person,
                title=task["title"],
                description=task["description"],
                category=task["category"],
                owner_unit_kind=task["owner_unit_kind"],
                owner_role=task["owner_role"],
                order=order,
                anchor=Anchor.FIXED,
                due_date=_date(task["due_date"]),
                note=task["note"],
                added_reason=origin,
                added_by=actor,
            )
            members = [person.pk] if person else [p.pk for p in persons.values()]
            created.extend((row, pk) for pk in members)
    handover.state = State.ACCEPTED
    handover.answered_at = timezone.now()
    handover.answered_by = actor
    handover.caseworker = caseworker
    handover.received_household = household
    save_versioned(
        handover,
        expected_version=expected_version,
        fields=["state", "answered_at", "answered_by", "caseworker", "received_household"],
    )
    audit.log_many(actor=actor, action=AuditAction.CREATE, objects=created, reason=origin)
    changes = audit.diff({"state": State.SENT}, {"state": State.ACCEPTED})
    audit.log(actor=actor, action=AuditAction.CHANGE, obj=handover, changes=changes)
    audit.log_to_municipality(
        municipality_id=handover.municipality_id,
        actor=actor,
        action=AuditAction.CHANGE,
        obj=handover,
        changes=changes,
        reason=moved_text(handover),
    )
    _end_sending_cases(actor, handover)
    return handover
