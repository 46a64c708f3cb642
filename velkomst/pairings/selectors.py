"""Reads of matching (CIV-2), tenant-scoped: households through ``households_visible_to``,
offers and matches of the user's municipality. Every read of a household's data is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from velkomst.core import access, audit
from velkomst.core.config import config_in_force
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines import volunteer_matching as engine
from velkomst.engines.deadlines import DeadlineState, deadline_state
from velkomst.people.models import Household, Person
from velkomst.people.selectors import households_visible_to
from velkomst.volunteers.eligibility import child_eligibility
from velkomst.volunteers.models import Offer

from . import inputs
from .models import ACTIVE_STATES, Match, MatchState, Wish

LIST_ROWS = 200


def _require(user: StaffUser, capability: str = access.PAIRING_VIEW) -> int:
    access.require(user, capability)
    return access.tenant_id(user)


def household_get(*, user: StaffUser, pk: int) -> Household:
    _require(user)
    household = (
        households_visible_to(user, few=True)
        .prefetch_related(Prefetch("members", queryset=Person.objects.order_by("birth_date")))
        .filter(pk=pk)
        .first()
    )
    if household is None:
        raise Http404
    return household


def wish_of(household: Household) -> Wish | None:
    return Wish.objects.filter(household=household).first()


def households_with_wishes(user: StaffUser) -> QuerySet[Household]:
    """The visible households with wishes recorded, the coordinator's entry to suggestions."""
    _require(user)
    return (
        households_visible_to(user)
        .filter(volunteer_wish__isnull=False)
        .select_related("volunteer_wish")
        .order_by("name", "id")
    )


@dataclass(frozen=True)
class Suggested:
    offer: Offer
    suggestion: engine.Suggestion


@dataclass(frozen=True)
class Suggestions:
    household: engine.Household
    rows: list[Suggested]


def suggestions(
    *, user: StaffUser, household: Household, limit: int = 10, on: date | None = None
) -> Suggestions:
    """The household's best offers now; none when its consent does not cover contact by a
    volunteer at this moment (CIV-2). Audited as a read of the members."""
    tenant = _require(user)
    if household.municipality_id != tenant:
        raise Http404
    on = on or timezone.localdate()
    municipality = Municipality.objects.get(pk=tenant)
    [entry] = inputs.households([household.pk], on)
    # without consent nothing is suggested (the engine's consent rule): no offers are read
    rows = inputs.offer_rows(tenant, kinds=entry.kinds) if entry.consent else []
    by_id = {o.pk: o for o in rows}
    ranked = engine.rank_offers(
        entry,
        inputs.offers(rows, on),
        inputs.travel(tenant),
        inputs.weights(municipality, on),
        limit=limit,
    )
    audit.log_read(actor=user, obj=household, persons=household.members.all())
    return Suggestions(entry, [Suggested(by_id[s.offer_id], s) for s in ranked])


def matches_of(user: StaffUser) -> QuerySet[Match]:
    tenant = _require(user)
    visible = households_visible_to(user).values("pk")
    return Match.objects.filter(municipality_id=tenant, household_id__in=visible)


def match_list(*, user: StaffUser, state: str = "") -> QuerySet[Match]:
    qs = matches_of(user).select_related("household", "offer", "offer__volunteer")
    if state == "active":
        qs = qs.filter(state__in=ACTIVE_STATES)
    elif state in MatchState.values:
        qs = qs.filter(state=state)
    return qs.order_by("-proposed_on", "-id")


def match_get(*, user: StaffUser, pk: int) -> Match:
    match = (
        matches_of(user)
        .select_related("household", "offer", "offer__volunteer")
        .filter(pk=pk)
        .first()
    )
    if match is None:
        raise Http404
    return match


def household_matches(household: Household) -> QuerySet[Match]:
    return (
        Match.objects.filter(household=household)
        .select_related("offer", "offer__volunteer")
        .order_by("-proposed_on", "-id")
    )


def _members() -> Prefetch:
    return Prefetch("household__members", queryset=Person.objects.order_by("pk"))


def with_members(rows: list[FollowUp]) -> list[FollowUp]:
    """The follow-ups with their households' members read, in one query whatever their number
    (those read already are not read again)."""
    prefetch_related_objects([f.match for f in rows], _members())
    return rows


@dataclass(frozen=True)
class FollowUp:
    match: Match
    key: str  # "first_meeting", "follow_up", "certificate"
    due: date
    state: DeadlineState


def deadlines(
    municipality: Municipality, match: Match, on: date, *, config: dict[str, Any] | None = None
) -> list[tuple[str, date]]:
    """The match's open follow-ups with their due days; ``config``: the municipality's settings in
    force on ``on`` when the caller has read them already (one read for a list of matches)."""
    if config is None:
        config = config_in_force(municipality, on)
    out: list[tuple[str, date]] = []
    if match.state == MatchState.ACCEPTED and match.accepted_on:
        out.append(
            (
                "first_meeting",
                match.accepted_on + timedelta(days=int(config["pairing_first_meeting_days"])),
            )
        )
    if match.state == MatchState.MET and match.first_meeting_on and not match.followed_up_on:
        out.append(
            (
                "follow_up",
                match.first_meeting_on + timedelta(weeks=int(config["pairing_follow_up_weeks"])),
            )
        )
    return out


def follow_ups(
    *, user: StaffUser, today: date, due_soon_days: int = 7, members: bool = True
) -> list[FollowUp]:
    """The follow-ups due soon or overdue of the matches the user sees, the earliest due first:
    the first meeting after both accepted, the follow-up after the first meeting, and a
    child-facing active match whose volunteer may no longer meet children (due today, CIV-3).
    The due ones are found in the database (a few queries, however many matches there are).
    ``members=False``: the households' members are not read for the due ones (a page that shows
    a part of the list reads them for that part, ``with_members``)."""
    tenant = _require(user)
    municipality = Municipality.objects.get(pk=tenant)
    config = config_in_force(municipality, today)
    first_days = int(config["pairing_first_meeting_days"])
    follow_weeks = int(config["pairing_follow_up_weeks"])
    horizon = today + timedelta(days=due_soon_days)
    active = match_list(user=user, state="active")
    due = active.filter(
        Q(state=MatchState.ACCEPTED, accepted_on__lte=horizon - timedelta(days=first_days))
        | Q(
            state=MatchState.MET,
            followed_up_on__isnull=True,
            first_meeting_on__lte=horizon - timedelta(weeks=follow_weeks),
        )
    )
    if members:
        due = due.prefetch_related(_members())
    out: list[FollowUp] = []
    for match in due:
        for key, day in deadlines(municipality, match, today, config=config):
            state = deadline_state(due=day, today=today, due_soon_days=due_soon_days)
            out.append(FollowUp(match, key, day, state))
    volunteer = "offer__volunteer__"
    adult_born = date(today.year - inputs.ADULT_AGE, today.month, min(today.day, 28))
    uncertain = active.filter(
        Q(**{f"{volunteer}child_certificate_expires_on__lt": today})
        | Q(**{f"{volunteer}child_certificate_expires_on__isnull": True})
        | Q(**{f"{volunteer}child_certificate_received_on__isnull": True})
        | Q(**{f"{volunteer}confidentiality_signed_on__isnull": True})
        | ~Q(**{f"{volunteer}status": "approved"})
    ).prefetch_related(_members())
    for match in uncertain:
        children = any(m.birth_date > adult_born for m in match.household.members.all())
        if match.offer.involves_children or children:
            ok, _reason = child_eligibility(match.offer.volunteer, today)
            if not ok:
                out.append(FollowUp(match, "certificate", today, DeadlineState.OVERDUE))
    return sorted(out, key=lambda f: (f.due, f.match.pk, f.key))
