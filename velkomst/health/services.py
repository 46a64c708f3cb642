"""Writes of health (HEA-1, HEA-2) and barriers (PRG-6): keyword-only, ``actor`` first, each in
one transaction with its audit rows; edits under optimistic concurrency (SEC-5).

Sharing a result with another unit (``result_share``) goes through the consent app's one door
(``velkomst.consent.services.share``: consent checked at that moment, a disclosure recorded) and
records the ``HealthShare``; without a consent that covers the unit and purpose it is refused. A conclusion that the person cannot work on ordinary
terms, recorded by the health coordinator or shared with the job centre under consent, makes the
person's integration plan rehabilitation-directed (PRG-6, ``velkomst.programme``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.consent import services as consent_services
from velkomst.consent.models import Consent
from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser, Unit
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.people.models import Household, Person
from velkomst.people.selectors import persons_visible_to
from velkomst.programme import services as programme_services

from . import policy, rules
from .models import (
    HEALTH_BARRIERS,
    NOT_ORDINARY,
    Barrier,
    CareCoordination,
    ConsentPurpose,
    CoordinatedMeasure,
    HealthAssessment,
    HealthAssessmentOffer,
    HealthReferral,
    HealthShare,
    OfferAnswer,
    ReferralStatus,
)

OFFER_FIELDS = ("offered_on", "mandatory", "answer", "answered_on")
ASSESSMENT_FIELDS = ("assessed_on", "doctor", "work_capacity", "conclusion")
REFERRAL_FIELDS = ("kind", "referred_on", "status", "status_on", "note")
BARRIER_FIELDS = ("kind", "description", "measure", "responsible", "follow_up_on", "resolved_on")
COORDINATION_FIELDS = ("coordinator", "started_on", "ended_on", "goal")
MEASURE_FIELDS = ("unit", "measure", "responsible", "from_on", "to_on", "follow_up_on")

REHABILITATION = "rehabilitation"  # the plan's direction (velkomst.programme)
REHABILITATION_REASON = N_("Helbredsvurdering: rehabiliterende indsats")
SHARE_REASON = N_("Helbredsoplysninger delt med %(unit)s")
# the units a work-capacity conclusion directs the plan from (the plan's owners)
PLAN_UNITS = frozenset({"jobcentre", "integration"})


def create_audited(
    obj: Any, *, acting_user: StaffUser, fields: tuple[str, ...], validate: Any
) -> Any:
    """Validate and save ``obj`` (a person's record); audit CREATE on the person."""
    validate(obj)
    obj.save()
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=obj,
        person_id=obj.person_id,
        changes=audit.diff({}, snapshot(obj, fields)),
    )
    return obj


def update_audited(
    obj: Any,
    *,
    acting_user: StaffUser,
    expected_version: int,
    values: dict[str, Any],
    fields: tuple[str, ...],
    validate: Any = None,
    person_ids: Iterable[int] | None = None,
) -> Any:
    """Set ``values``, validate, save under optimistic concurrency and audit CHANGE on the
    person (or each of ``person_ids``); an edit that changes nothing writes nothing."""
    check_names(values, fields)
    before = snapshot(obj, fields)
    if not audit.diff(before, dict(values)):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    if validate is not None:
        validate(obj)
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    changes = audit.diff(before, snapshot(obj, fields))
    audit.log_bulk(
        audit.entry(
            actor=acting_user, action=AuditAction.CHANGE, obj=obj, person_id=pk, changes=changes
        )
        for pk in (person_ids if person_ids is not None else [obj.person_id])
    )
    return obj


def _person(actor: StaffUser, person: Person) -> Person:
    """The person, if the actor may see them (else PermissionDenied: a service is no oracle)."""
    if not persons_visible_to(actor, few=True).filter(pk=person.pk).exists():
        raise PermissionDenied("person")
    return person


def _order(errors: dict[str, str], first: date | None, then: date | None, field: str) -> None:
    if first and then and then < first:
        errors[field] = _("Datoen må ikke ligge før %(day)s.") % {"day": first.isoformat()}


def _staff(actor: StaffUser, staff: StaffUser | None, field: str, errors: dict[str, str]) -> None:
    if staff is not None and staff.municipality_id != actor.municipality_id:
        errors[field] = _("Medarbejderen findes ikke.")


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


# --- offers (HEA-1) ---------------------------------------------------------------------------


def _validate_offer(offer: HealthAssessmentOffer) -> None:
    errors: dict[str, str] = {}
    if offer.answer == OfferAnswer.PENDING:
        if offer.answered_on:
            errors["answered_on"] = _("Et ubesvaret tilbud har ingen svardato.")
    elif not offer.answered_on:
        errors["answered_on"] = _("Skriv datoen for svaret.")
    _order(errors, offer.offered_on, offer.answered_on, "answered_on")
    _raise(errors)


@transaction.atomic
def offer_create(
    *, actor: StaffUser, person: Person, offered_on: date, **values: Any
) -> HealthAssessmentOffer:
    policy.require_health_edit(actor)
    _person(actor, person)
    check_names(values, ("answer", "answered_on"))
    offer = HealthAssessmentOffer(
        municipality_id=person.municipality_id,
        person=person,
        offered_on=offered_on,
        mandatory=rules.mandatory(person.municipality, person.residence_basis, offered_on),
        recorded_by=actor,
        **values,
    )
    return create_audited(offer, acting_user=actor, fields=OFFER_FIELDS, validate=_validate_offer)


@transaction.atomic
def offer_answer(
    *,
    actor: StaffUser,
    offer: HealthAssessmentOffer,
    expected_version: int,
    answer: str,
    answered_on: date | None,
) -> HealthAssessmentOffer:
    policy.require_health_edit(actor)
    _person(actor, offer.person)
    return update_audited(
        offer,
        acting_user=actor,
        expected_version=expected_version,
        values={"answer": answer, "answered_on": answered_on},
        fields=OFFER_FIELDS,
        validate=_validate_offer,
    )


# --- assessments ------------------------------------------------------------------------------


def _validate_assessment(assessment: HealthAssessment) -> None:
    errors: dict[str, str] = {}
    if not assessment.doctor.strip():
        errors["doctor"] = _("Skriv lægens navn.")
    if assessment.assessed_on and assessment.assessed_on > timezone.localdate():
        errors["assessed_on"] = _("Vurderingen kan ikke ligge i fremtiden.")
    offer = assessment.offer
    if offer is not None:
        if offer.person_id != assessment.person_id:
            errors["offer"] = _("Tilbuddet er ikke personens.")
        else:
            _order(errors, offer.offered_on, assessment.assessed_on, "assessed_on")
    _raise(errors)


def _direct_plan(actor: StaffUser, person: Person) -> None:
    """The person's integration plan becomes rehabilitation-directed (PRG-6)."""
    plan = programme_services.plan_for(actor=actor, person=person, direction=REHABILITATION)
    if plan.direction != REHABILITATION:
        programme_services.plan_set_direction(
            actor=actor, person=person, direction=REHABILITATION, reason=REHABILITATION_REASON
        )


@transaction.atomic
def assessment_record(
    *,
    actor: StaffUser,
    person: Person,
    assessed_on: date,
    doctor: str,
    work_capacity: str,
    conclusion: str = "",
    offer: HealthAssessmentOffer | None = None,
) -> HealthAssessment:
    """Record an assessment; a conclusion of reduced or no work capacity makes the plan
    rehabilitation-directed (the health coordinator records it: the health unit's own decision
    on the plan's direction carries no health detail to the plan)."""
    policy.require_health_edit(actor)
    _person(actor, person)
    assessment = create_audited(
        HealthAssessment(
            municipality_id=person.municipality_id,
            person=person,
            offer=offer,
            assessed_on=assessed_on,
            doctor=doctor,
            work_capacity=work_capacity,
            conclusion=conclusion,
            recorded_by=actor,
        ),
        acting_user=actor,
        fields=ASSESSMENT_FIELDS,
        validate=_validate_assessment,
    )
    if work_capacity in NOT_ORDINARY:
        _direct_plan(actor, person)
    return assessment


@transaction.atomic
def assessment_update(
    *, actor: StaffUser, assessment: HealthAssessment, expected_version: int, **values: Any
) -> HealthAssessment:
    policy.require_health_edit(actor)
    _person(actor, assessment.person)
    before = assessment.work_capacity
    updated = update_audited(
        assessment,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=ASSESSMENT_FIELDS,
        validate=_validate_assessment,
    )
    if updated.work_capacity in NOT_ORDINARY and before not in NOT_ORDINARY:
        _direct_plan(actor, assessment.person)
    return updated


# --- referrals --------------------------------------------------------------------------------


def _validate_referral(referral: HealthReferral) -> None:
    errors: dict[str, str] = {}
    _order(errors, referral.referred_on, referral.status_on, "status_on")
    _raise(errors)


@transaction.atomic
def referral_create(
    *, actor: StaffUser, person: Person, kind: str, referred_on: date, **values: Any
) -> HealthReferral:
    policy.require_health_edit(actor)
    _person(actor, person)
    check_names(values, ("status", "status_on", "note"))
    values.setdefault("status", ReferralStatus.REFERRED)
    values["status_on"] = values.get("status_on") or referred_on
    return create_audited(
        HealthReferral(
            municipality_id=person.municipality_id,
            person=person,
            kind=kind,
            referred_on=referred_on,
            **values,
        ),
        acting_user=actor,
        fields=REFERRAL_FIELDS,
        validate=_validate_referral,
    )


@transaction.atomic
def referral_update(
    *, actor: StaffUser, referral: HealthReferral, expected_version: int, **values: Any
) -> HealthReferral:
    policy.require_health_edit(actor)
    _person(actor, referral.person)
    return update_audited(
        referral,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=REFERRAL_FIELDS,
        validate=_validate_referral,
    )


# --- consent and sharing ----------------------------------------------------------------------


def _units(actor: StaffUser, units: Iterable[Unit]) -> list[Unit]:
    units = list(units)
    if not units:
        raise ValidationError({"units": _("Vælg mindst én enhed, der må modtage oplysningerne.")})
    if any(unit.municipality_id != actor.municipality_id for unit in units):
        raise ValidationError({"units": _("Enheden findes ikke.")})
    return units


def consent_record(
    *,
    actor: StaffUser,
    person: Person,
    purpose: str,
    units: Iterable[Unit],
    given_on: date,
) -> Consent:
    """A consent to share one health result with ``units``: a record of the consent app
    (COO-4), recorded by the health roles."""
    policy.require_health_edit(actor)
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Vælg et formål.")})
    recipients = _units(actor, units)
    return consent_services.consent_record(
        actor=actor, person=person, purposes=[purpose], units=recipients, given_on=given_on
    )[0]


@transaction.atomic
def result_share(
    *,
    actor: StaffUser,
    assessment: HealthAssessment,
    unit: Unit,
    purpose: str = ConsentPurpose.WORK_CAPACITY,
) -> HealthShare:
    """Share the assessment's result (``purpose``) with ``unit``, if the person's consent covers
    it today; recorded as a ``HealthShare`` and an audit row. Sharing a conclusion of reduced or
    no work capacity with the plan's unit makes the plan rehabilitation-directed."""
    policy.require_health_edit(actor)
    person = _person(actor, assessment.person)
    if unit.municipality_id != actor.municipality_id:
        raise ValidationError({"unit": _("Enheden findes ikke.")})
    try:
        disclosure = consent_services.share(
            actor=actor,
            person=person,
            purpose=purpose,
            unit=unit,
            context=f"health.assessment:{assessment.pk}",
        )
    except ValidationError as refused:
        raise ValidationError({"unit": refused.message_dict["consent"]}) from None
    consent = disclosure.consent
    share = HealthShare.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        assessment=assessment,
        consent=consent,
        purpose=purpose,
        unit=unit,
        shared_by=actor,
    )
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=share,
        person_id=person.pk,
        changes=audit.diff({}, {"unit": unit.pk, "purpose": purpose, "consent": consent.pk}),
        reason=SHARE_REASON % {"unit": unit.name},
    )
    if assessment.work_capacity in NOT_ORDINARY and unit.kind in PLAN_UNITS:
        _direct_plan(actor, person)
    return share


# --- barriers (PRG-6) -------------------------------------------------------------------------


def _require_barrier_edit(actor: StaffUser, kind: str) -> None:
    """Health and trauma barriers hold health data: written by those who record health data;
    the other kinds by the plan's team too."""
    if kind in HEALTH_BARRIERS:
        policy.require_health_edit(actor)
    elif not policy.can_edit_barriers(actor):
        raise PermissionDenied("barriers")


def _validate_barrier(barrier: Barrier) -> None:
    errors: dict[str, str] = {}
    if not barrier.measure.strip():
        errors["measure"] = _("Skriv indsatsen mod barrieren.")
    if barrier.responsible_id and barrier.responsible.municipality_id != barrier.municipality_id:
        errors["responsible"] = _("Medarbejderen findes ikke.")
    if barrier.resolved_on and barrier.resolved_on > timezone.localdate():
        errors["resolved_on"] = _("Barrieren kan ikke være løst i fremtiden.")
    _raise(errors)


@transaction.atomic
def barrier_create(
    *,
    actor: StaffUser,
    person: Person,
    kind: str,
    measure: str,
    responsible: StaffUser,
    follow_up_on: date,
    description: str = "",
) -> Barrier:
    _require_barrier_edit(actor, kind)
    _person(actor, person)
    return create_audited(
        Barrier(
            municipality_id=person.municipality_id,
            person=person,
            kind=kind,
            description=description,
            measure=measure,
            responsible=responsible,
            follow_up_on=follow_up_on,
        ),
        acting_user=actor,
        fields=BARRIER_FIELDS,
        validate=_validate_barrier,
    )


@transaction.atomic
def barrier_update(
    *, actor: StaffUser, barrier: Barrier, expected_version: int, **values: Any
) -> Barrier:
    _require_barrier_edit(actor, barrier.kind)
    if "kind" in values:
        _require_barrier_edit(actor, values["kind"])
    _person(actor, barrier.person)
    return update_audited(
        barrier,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=BARRIER_FIELDS,
        validate=_validate_barrier,
    )


# --- coordinated plans (HEA-2) ----------------------------------------------------------------


def _require_coordination_edit(actor: StaffUser, coordination: CareCoordination | None) -> None:
    if coordination is not None and coordination.coordinator_id == actor.pk:
        return
    if not (access.can(actor, access.PLAN_EDIT) or policy.can_edit_health(actor)):
        raise PermissionDenied("coordination")


def _validate_coordination(coordination: CareCoordination) -> None:
    errors: dict[str, str] = {}
    if (coordination.household_id is None) == (coordination.person_id is None):
        errors["household"] = _("Vælg enten en husstand eller en person.")
    if coordination.coordinator.municipality_id != coordination.municipality_id:
        errors["coordinator"] = _("Medarbejderen findes ikke.")
    _order(errors, coordination.started_on, coordination.ended_on, "ended_on")
    _raise(errors)


@transaction.atomic
def coordination_create(
    *,
    actor: StaffUser,
    coordinator: StaffUser,
    started_on: date,
    household: Household | None = None,
    person: Person | None = None,
    goal: str = "",
) -> CareCoordination:
    _require_coordination_edit(actor, None)
    members = list(household.members.all()) if household is not None else []
    for member in members or ([person] if person is not None else []):
        _person(actor, member)
    coordination = CareCoordination(
        municipality_id=access.tenant_id(actor),
        household=household,
        person=person,
        coordinator=coordinator,
        started_on=started_on,
        goal=goal,
    )
    _validate_coordination(coordination)
    coordination.save()
    changes = audit.diff({}, snapshot(coordination, COORDINATION_FIELDS))
    audit.log_bulk(
        audit.entry(
            actor=actor, action=AuditAction.CREATE, obj=coordination, person_id=pk, changes=changes
        )
        for pk in coordination_person_ids(coordination)
    )
    return coordination


def coordination_person_ids(coordination: CareCoordination) -> list[int]:
    if coordination.person_id is not None:
        return [coordination.person_id]
    return list(
        Person.objects.filter(household=coordination.household).values_list("pk", flat=True)
    )


@transaction.atomic
def coordination_update(
    *, actor: StaffUser, coordination: CareCoordination, expected_version: int, **values: Any
) -> CareCoordination:
    _require_coordination_edit(actor, coordination)
    return update_audited(
        coordination,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=COORDINATION_FIELDS,
        validate=_validate_coordination,
        person_ids=coordination_person_ids(coordination),
    )


def _validate_measure(measure: CoordinatedMeasure) -> None:
    errors: dict[str, str] = {}
    if not measure.measure.strip():
        errors["measure"] = _("Skriv enhedens indsats.")
    if measure.unit.municipality_id != measure.municipality_id:
        errors["unit"] = _("Enheden findes ikke.")
    responsible = measure.responsible
    if responsible is not None and responsible.municipality_id != measure.municipality_id:
        errors["responsible"] = _("Medarbejderen findes ikke.")
    _order(errors, measure.from_on, measure.to_on, "to_on")
    _raise(errors)


@transaction.atomic
def measure_add(
    *, actor: StaffUser, coordination: CareCoordination, **values: Any
) -> CoordinatedMeasure:
    _require_coordination_edit(actor, coordination)
    check_names(values, MEASURE_FIELDS)
    measure = CoordinatedMeasure(
        municipality_id=coordination.municipality_id, coordination=coordination, **values
    )
    _validate_measure(measure)
    measure.save()
    changes = audit.diff({}, snapshot(measure, MEASURE_FIELDS))
    audit.log_bulk(
        audit.entry(
            actor=actor, action=AuditAction.CREATE, obj=measure, person_id=pk, changes=changes
        )
        for pk in coordination_person_ids(coordination)
    )
    return measure


@transaction.atomic
def measure_update(
    *,
    actor: StaffUser,
    measure: CoordinatedMeasure,
    expected_version: int,
    values: dict[str, Any],
) -> CoordinatedMeasure:
    """Change a measure's ``values`` (a dict: the measure's own text field is named "measure")."""
    coordination = measure.coordination
    _require_coordination_edit(actor, coordination)
    return update_audited(
        measure,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=MEASURE_FIELDS,
        validate=_validate_measure,
        person_ids=coordination_person_ids(coordination),
    )
