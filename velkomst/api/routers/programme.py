"""/api/persons/{id}/plan, its activities, goals and support measures, /api/activities/{id},
/api/goals/{id}, /api/supports/{id} and /api/persons/{id}/contract: the integration programme (PRG-1, PRG-5, PRG-8).

Reading needs ``programme.view``, writing ``programme.edit`` (checked by the selectors and
services, as on the pages); the person is found among those the caller sees (else 404). Every
response shows the person's data: a view is logged (SEC-3); writes are audited by the services.
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from velkomst.core import audit
from velkomst.programme import reasons, selectors, services
from velkomst.programme.models import IntegrationContract

from ..auth import reader
from ..errors import InvalidField
from ..programme_schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPatchIn,
    ContractIn,
    ContractOut,
    DirectionIn,
    GoalIn,
    GoalOut,
    GoalPatchIn,
    PlanOut,
    SupportEndIn,
    SupportIn,
    SupportOut,
    SupportPatchIn,
)
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["programme"])

READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


def _plan_out(person: Any) -> dict[str, Any]:
    view = selectors.plan_view(person=person)
    plan = view.plan
    return {
        "person_id": person.pk,
        "id": plan.pk if plan else None,
        "direction": view.direction,
        "direction_reason": plan.direction_reason if plan else "",
        "version": plan.version if plan else 0,
        "goals": view.goals,
        "activities": view.activities,
        "supports": view.supports,
        "flags": [{"code": f.code, "text": reasons.text(f)} for f in view.flags],
    }


def _seen(user: Any, obj: Any, person: Any) -> None:
    audit.log_read(actor=user, obj=obj, persons=[person], channel=CHANNEL)


@router.get("/persons/{person_id}/plan", response={200: PlanOut, **READ})
def get_plan(request: HttpRequest, person_id: int) -> Any:
    """The person's plan with goals, activities, support measures and flags (PRG-5 and the
    programme rules' findings)."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    _seen(user, person, person)
    return _plan_out(person)


@router.put("/persons/{person_id}/plan/direction", response={200: PlanOut, **WRITE})
def set_plan_direction(request: HttpRequest, person_id: int, payload: DirectionIn) -> Any:
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    with audit.via(CHANNEL):
        services.plan_set_direction(
            actor=user,
            person=person,
            direction=payload.direction,
            reason=payload.reason,
            expected_version=payload.version,
        )
    return _plan_out(person)


@router.get("/persons/{person_id}/plan/activities", response={200: list[ActivityOut], **READ})
def list_plan_activities(request: HttpRequest, person_id: int) -> Any:
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    _seen(user, person, person)
    return selectors.plan_view(person=person).activities


@router.post("/persons/{person_id}/plan/activities", response={201: ActivityOut, **WRITE})
def create_plan_activity(request: HttpRequest, person_id: int, payload: ActivityIn) -> Any:
    """Add an activity; over 37 hours a week (alone or with those at the same time), an end
    before the start or a kind of another category is a 422 naming the field."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    with audit.via(CHANNEL):
        activity = services.activity_add(actor=user, person=person, **payload.dict())
    return Status(201, activity)


@router.get("/activities/{activity_id}", response={200: ActivityOut, **READ})
def get_activity(request: HttpRequest, activity_id: int) -> Any:
    user = reader(request)
    activity = selectors.activity_get(user=user, pk=activity_id)
    _seen(user, activity, activity.plan.person)
    return activity


@router.patch("/activities/{activity_id}", response={200: ActivityOut, **WRITE})
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatchIn) -> Any:
    """Change the fields sent (an ``end`` ends the activity); ``version`` must be the one read."""
    user = reader(request)
    activity = selectors.activity_get(user=user, pk=activity_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.activity_update(
            actor=user, activity=activity, expected_version=payload.version, **values
        )


@router.get("/persons/{person_id}/plan/goals", response={200: list[GoalOut], **READ})
def list_plan_goals(request: HttpRequest, person_id: int) -> Any:
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    _seen(user, person, person)
    return selectors.plan_view(person=person).goals


@router.post("/persons/{person_id}/plan/goals", response={201: GoalOut, **WRITE})
def create_plan_goal(request: HttpRequest, person_id: int, payload: GoalIn) -> Any:
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    values = payload.dict()
    values["danish_level"] = values.get("danish_level") or ""
    with audit.via(CHANNEL):
        goal = services.goal_add(actor=user, person=person, **values)
    return Status(201, goal)


@router.patch("/goals/{goal_id}", response={200: GoalOut, **WRITE})
def update_goal(request: HttpRequest, goal_id: int, payload: GoalPatchIn) -> Any:
    user = reader(request)
    goal = selectors.goal_get(user=user, pk=goal_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.goal_update(
            actor=user, goal=goal, expected_version=payload.version, **values
        )


@router.get("/persons/{person_id}/contract", response={200: ContractOut, **READ})
def get_contract(request: HttpRequest, person_id: int) -> Any:
    """The person's integration contract (404 while none is recorded)."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    contract = IntegrationContract.objects.filter(person=person).first()
    if contract is None:
        raise Http404
    _seen(user, contract, person)
    return contract


@router.put("/persons/{person_id}/contract", response={200: ContractOut, **WRITE})
def save_contract(request: HttpRequest, person_id: int, payload: ContractIn) -> Any:
    """Sign or refuse the contract (made with its due date if missing; ``version`` 1 then)."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    with audit.via(CHANNEL):
        services.contract_for(actor=user, person=person)
        if payload.refused_on is not None:
            return services.contract_refuse(
                actor=user,
                person=person,
                expected_version=payload.version,
                refused_on=payload.refused_on,
                reason=payload.refusal_reason,
            )
        if payload.signed_on is None:
            raise InvalidField("signed_on", _("Skriv datoen for underskriften eller afvisningen."))
        return services.contract_sign(
            actor=user,
            person=person,
            expected_version=payload.version,
            signed_on=payload.signed_on,
            signed_by_municipality_on=payload.signed_by_municipality_on,
        )


@router.get("/persons/{person_id}/plan/supports", response={200: list[SupportOut], **READ})
def list_plan_supports(request: HttpRequest, person_id: int) -> Any:
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    _seen(user, person, person)
    return selectors.plan_view(person=person).supports


@router.post("/persons/{person_id}/plan/supports", response={201: SupportOut, **WRITE})
def create_plan_support(request: HttpRequest, person_id: int, payload: SupportIn) -> Any:
    """Add a support measure (the plan is made if missing); an end before the start is a 422
    naming ``ends_on``."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    with audit.via(CHANNEL):
        support = services.support_add(actor=user, person=person, **payload.dict())
    return Status(201, support)


@router.get("/supports/{support_id}", response={200: SupportOut, **READ})
def get_support(request: HttpRequest, support_id: int) -> Any:
    user = reader(request)
    support = selectors.support_get(user=user, pk=support_id)
    _seen(user, support, support.plan.person)
    return support


@router.patch("/supports/{support_id}", response={200: SupportOut, **WRITE})
def update_support(request: HttpRequest, support_id: int, payload: SupportPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    support = selectors.support_get(user=user, pk=support_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.support_update(
            actor=user, support=support, expected_version=payload.version, **values
        )


@router.post("/supports/{support_id}/end", response={200: SupportOut, **WRITE})
def end_support(request: HttpRequest, support_id: int, payload: SupportEndIn) -> Any:
    """End the support measure on ``ends_on`` (not before it started)."""
    user = reader(request)
    support = selectors.support_get(user=user, pk=support_id)
    with audit.via(CHANNEL):
        return services.support_update(
            actor=user, support=support, expected_version=payload.version, ends_on=payload.ends_on
        )
