"""What a handover carries (COO-5): the snapshot of the sending municipality's records, built
only from the record kinds its configuration lets pass (``handover_record_kinds``).

Read here, in the sending tenant, by the sending caseworker: for the preview and, once more, at
the moment of sending (then health data passes only through ``consent.services.share``, which
asks whether the citizen's consent is in force at that moment and records the disclosure). Journal
notes marked internal never pass. The receiving side reads only the stored snapshot.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from velkomst.consent import selectors as consent_selectors
from velkomst.consent import services as consent_services
from velkomst.consent.models import Purpose
from velkomst.core.config import config_value
from velkomst.core.models import Municipality, StaffUser
from velkomst.danish.models import DanishReferral
from velkomst.health.models import HealthAssessment
from velkomst.people.models import Case, Household, JournalNote, Person
from velkomst.programme.models import Activity, IntegrationContract, IntegrationPlan
from velkomst.reception.models import PlanTask

from .models import RecordKind

HEALTH_PURPOSE = Purpose.HEALTH_HANDOVER


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def record_kinds(municipality: Municipality) -> list[str]:
    """The record kinds the municipality's configuration in force lets pass (known ones only)."""
    kinds = config_value(municipality, "handover_record_kinds") or []
    return [kind for kind in RecordKind.values if kind in kinds]


def _plan(person: Person, kinds: list[str]) -> dict[str, Any] | None:
    plan = IntegrationPlan.objects.filter(person=person).first()
    if plan is None:
        return None
    out: dict[str, Any] = {}
    if RecordKind.PLAN in kinds:
        out["direction"] = plan.direction
        out["direction_reason"] = plan.direction_reason
        out["goals"] = [
            {
                "kind": g.kind,
                "trade_code": g.trade_code,
                "trade_label": g.trade_label,
                "education": g.education,
                "danish_level": g.danish_level,
                "target_date": _d(g.target_date),
                "achieved_on": _d(g.achieved_on),
            }
            for g in plan.goals.order_by("target_date", "id")
        ]
    if RecordKind.ACTIVITIES in kinds:
        out["activities"] = [
            {
                "category": a.category,
                "kind": a.kind,
                "start": _d(a.start),
                "end": _d(a.end),
                "hours_per_week": str(a.hours_per_week),
                "provider_kind": a.provider_kind,
                "provider_name": a.provider_name,
                "note": a.note,
            }
            for a in Activity.objects.filter(plan=plan).order_by("start", "id")
        ]
    return out or None


def _contract(person: Person) -> dict[str, Any] | None:
    c = IntegrationContract.objects.filter(person=person).first()
    if c is None:
        return None
    return {
        "due_date": _d(c.due_date),
        "signed_on": _d(c.signed_on),
        "signed_by_municipality_on": _d(c.signed_by_municipality_on),
        "refused_on": _d(c.refused_on),
        "refusal_reason": c.refusal_reason,
    }


def _danish(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "centre": r.centre.name,
            "track": r.track,
            "referred_on": _d(r.referred_on),
            "start_on": _d(r.start_on),
            "started_on": _d(r.started_on),
            "ended_on": _d(r.ended_on),
            "end_reason": r.end_reason,
            "modules": [
                {"module": m.module, "started_on": _d(m.started_on), "passed_on": _d(m.passed_on)}
                for m in r.modules.order_by("module", "id")
            ],
        }
        for r in DanishReferral.objects.filter(person=person)
        .select_related("centre")
        .order_by("referred_on", "id")
    ]


def _notes(case: Case | None) -> list[dict[str, Any]]:
    if case is None:
        return []
    return [
        {"created_at": n.created_at.isoformat(), "text": n.text}
        for n in JournalNote.objects.filter(case=case, internal=False).order_by("created_at", "id")
    ]


def _health(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "assessed_on": _d(h.assessed_on),
            "doctor": h.doctor,
            "work_capacity": h.work_capacity,
            "conclusion": h.conclusion,
        }
        for h in HealthAssessment.objects.filter(person=person).order_by("assessed_on", "id")
    ]


def _case(person: Person) -> Case | None:
    return Case.objects.filter(person=person).first()


def build(
    *,
    actor: StaffUser,
    household: Household,
    receiving: Municipality,
    new_address: str,
    moving_date: date,
    sending: bool,
) -> dict[str, Any]:
    """The snapshot. ``sending``: health data passes only through a disclosure under a consent
    in force now; else (the preview) it is marked as what would pass if the consent holds."""
    sender = household.municipality
    kinds = record_kinds(sender)
    persons: list[dict[str, Any]] = []
    members = list(Person.objects.filter(household=household).order_by("id"))
    for person in members:
        case = _case(person)
        entry: dict[str, Any] = {
            "ref": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_date": _d(person.birth_date),
            "sex": person.sex,
            "nationality": person.nationality,
            "cpr": person.cpr,
            "residence_basis": person.residence_basis,
            "relation": person.relation,
            "languages": [
                {
                    "language": lang.language,
                    "proficiency": lang.proficiency,
                    "interpreter_needed": lang.interpreter_needed,
                }
                for lang in person.languages.order_by("id")
            ],
            "case": None
            if case is None
            else {
                "phase": case.phase,
                "visitation_date": _d(case.visitation_date),
                "takeover_date": _d(case.takeover_date),
                "programme_end_date": _d(case.programme_end_date),
            },
        }
        if RecordKind.PLAN in kinds or RecordKind.ACTIVITIES in kinds:
            entry["plan"] = _plan(person, kinds)
        if RecordKind.CONTRACT in kinds:
            entry["contract"] = _contract(person)
        if RecordKind.DANISH in kinds:
            entry["danish"] = _danish(person)
        if RecordKind.JOURNAL_NOTES in kinds:
            entry["notes"] = _notes(case)
        if RecordKind.HEALTH in kinds:
            health = _health(person)
            if health:
                if sending:
                    try:
                        consent_services.share(
                            actor=actor,
                            person=person,
                            purpose=HEALTH_PURPOSE,
                            recipient=receiving.name,
                            context="handover",
                        )
                    except ValidationError:
                        entry["health_withheld"] = True
                    else:
                        entry["health"] = health
                elif consent_selectors.covering(person, HEALTH_PURPOSE) is not None:
                    entry["health"] = health
                else:
                    entry["health_withheld"] = True
        persons.append(entry)
    tasks: list[dict[str, Any]] = []
    if RecordKind.OPEN_TASKS in kinds:
        tasks = [
            {
                "title": t.title,
                "description": t.description,
                "category": t.category,
                "owner_unit_kind": t.owner_unit_kind,
                "owner_role": t.owner_role,
                "due_date": _d(t.due_date),
                "person_ref": t.person_id,
                "note": t.note,
            }
            for t in PlanTask.objects.filter(
                plan__household=household,
                done_at__isnull=True,
                not_relevant_reason="",
                removed_at__isnull=True,
            ).order_by("due_date", "order", "id")
        ]
    return {
        "origin": {"code": sender.code, "name": sender.name},
        "household": {
            "name": household.name,
            "arrival_date": _d(household.arrival_date),
            "asylum_centre": household.asylum_centre,
        },
        "new_address": new_address,
        "moving_date": moving_date.isoformat(),
        "kinds": kinds,
        "persons": persons,
        "open_tasks": tasks,
    }
