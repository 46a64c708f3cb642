"""Reads of referrals (COO-1), tenant-scoped: a staff member sees the in- and outbox of the
units they are in; a role that oversees every citizen (the manager) sees every unit's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from velkomst.core import access
from velkomst.core.models import StaffUser, Unit

from .models import Referral, ReferralStatus

# the lists of a unit's inbox and outbox (?show=)
SHOWS = ("waiting", "new", "accepted", "overdue", "closed", "all")

RELATED = ("from_unit", "from_staff", "to_unit", "person", "owner", "answered_by")


def _all_units(user: StaffUser) -> bool:
    return access.can(user, access.SEE_ALL_CITIZENS)


def units_for(user: StaffUser) -> QuerySet[Unit]:
    """The units whose in- and outbox the user may open."""
    if not access.can(user, access.REFERRAL_VIEW):
        return Unit.objects.none()
    units = Unit.objects.filter(municipality_id=access.tenant_id(user))
    if _all_units(user):
        return units.order_by("name")
    return units.filter(staff=user).order_by("name")


def unit_get(*, user: StaffUser, pk: int) -> Unit:
    unit = units_for(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def referrals_for(user: StaffUser) -> QuerySet[Referral]:
    """Every referral to or from a unit the user may open."""
    if not access.can(user, access.REFERRAL_VIEW):
        return Referral.objects.none()
    qs = Referral.objects.filter(municipality_id=access.tenant_id(user))
    if _all_units(user):
        return qs
    mine = StaffUser.units.through.objects.filter(staffuser_id=user.pk).values("unit_id")
    return qs.filter(Q(to_unit_id__in=mine) | Q(from_unit_id__in=mine))


def referral_get(*, user: StaffUser, pk: int) -> Referral:
    referral = referrals_for(user).select_related(*RELATED).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral


def _show(qs: QuerySet[Referral], show: str, today: date) -> QuerySet[Referral]:
    if show == "waiting":
        return qs.filter(status__in=[ReferralStatus.NEW, ReferralStatus.ACCEPTED])
    if show == "new":
        return qs.filter(status=ReferralStatus.NEW)
    if show == "accepted":
        return qs.filter(status=ReferralStatus.ACCEPTED)
    if show == "overdue":
        return qs.filter(status=ReferralStatus.NEW, answer_due__lt=today)
    if show == "closed":
        return qs.filter(status__in=[ReferralStatus.RETURNED, ReferralStatus.DONE])
    return qs


def inbox(*, user: StaffUser, unit: Unit, show: str, today: date) -> QuerySet[Referral]:
    """What waits for the unit: unanswered ones first, the earliest answer deadline first."""
    qs = referrals_for(user).filter(to_unit=unit)
    return _show(qs, show, today).select_related(*RELATED).order_by("status", "answer_due", "id")


def outbox(*, user: StaffUser, unit: Unit, show: str, today: date) -> QuerySet[Referral]:
    """What the unit has sent, the newest first."""
    qs = referrals_for(user).filter(from_unit=unit)
    return _show(qs, show, today).select_related(*RELATED).order_by("-sent_at", "-id")


def counts(*, unit: Unit, incoming: bool, today: date) -> dict[str, int]:
    """The number of referrals of each list of the unit's inbox (or outbox), in one query."""
    side = {"to_unit": unit} if incoming else {"from_unit": unit}
    open_ = [ReferralStatus.NEW, ReferralStatus.ACCEPTED]
    closed = [ReferralStatus.RETURNED, ReferralStatus.DONE]
    row = Referral.objects.filter(municipality_id=unit.municipality_id, **side).aggregate(
        waiting=Count("id", filter=Q(status__in=open_)),
        new=Count("id", filter=Q(status=ReferralStatus.NEW)),
        accepted=Count("id", filter=Q(status=ReferralStatus.ACCEPTED)),
        overdue=Count("id", filter=Q(status=ReferralStatus.NEW, answer_due__lt=today)),
        closed=Count("id", filter=Q(status__in=closed)),
        all=Count("id"),
    )
    return {key: int(value or 0) for key, value in row.items()}


def owner_choices(referral: Referral) -> QuerySet[StaffUser]:
    """Who can own a referral: the active staff of the receiving unit."""
    return StaffUser.objects.filter(
        municipality_id=referral.municipality_id, units=referral.to_unit_id, is_active=True
    ).order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class Shared:
    """One kind of data the referral shared, and whether the consent still covers it now."""

    purpose: str
    label: str
    covered: bool


def shared_now(referral: Referral) -> list[Shared]:
    """The referral's shared purposes, each checked against the consent in force now (COO-4):
    a withdrawn consent stops the receiving unit from seeing that data from that moment on."""
    if not referral.shared or referral.person is None:
        return []
    from velkomst.consent.models import Purpose
    from velkomst.consent.selectors import covering

    labels = dict(Purpose.choices)
    return [
        Shared(
            purpose=purpose,
            label=str(labels.get(purpose, purpose)),
            covered=covering(referral.person, purpose, unit=referral.to_unit) is not None,
        )
        for purpose in referral.shared
    ]


def concern_person_choices(user: StaffUser) -> QuerySet[Any]:
    """The children a concern can name: the municipality's persons under 18 the user sees."""
    from velkomst.people.selectors import persons_visible_to

    return persons_visible_to(user).order_by("last_name", "first_name")


def worklist_referrals(user: StaffUser, day: date, due_soon_days: int) -> list[Referral]:
    """The user's units' unanswered referrals (sent or received) that are overdue or due within
    ``due_soon_days``, and the accepted ones the user owns with a deadline due soon."""
    from datetime import timedelta

    if not access.can(user, access.REFERRAL_VIEW) or user.municipality_id is None:
        return []
    horizon = day + timedelta(days=due_soon_days)
    mine = StaffUser.units.through.objects.filter(staffuser_id=user.pk).values("unit_id")
    unanswered = Q(status=ReferralStatus.NEW, answer_due__lte=horizon) & (
        Q(to_unit_id__in=mine) | Q(from_unit_id__in=mine)
    )
    owned = Q(status=ReferralStatus.ACCEPTED, owner_id=user.pk, deadline__lte=horizon)
    return list(
        Referral.objects.filter(municipality_id=user.municipality_id)
        .filter(unanswered | owned)
        .select_related("person", "from_unit", "to_unit")
        .order_by("answer_due", "id")[:200]
    )
