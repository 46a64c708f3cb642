"""Writes of matching (CIV-2, CIV-3): keyword-only, ``actor`` first, each in one transaction with
its audit rows (one per household member: a match is the members' data); edits under optimistic
concurrency (SEC-5).

Proposing a match checks, at that moment: the offer is active, its volunteer approved and a place
is free (the offer's row locked while counting, so two proposals never overfill it); a
child-facing match (the household has children, or the offer is for children or families) only
with a volunteer whose child certificate and confidentiality are valid (CIV-3); and the consent of
each member whose consent counts (``inputs.consent_subjects``) covers contact by a volunteer:
``consent.services.share`` records the disclosure of the household's contact to the volunteer, or
refuses, and then nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.models import AuditAction, Municipality, StaffUser
from velkomst.core.records import log_for_members, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.engines import volunteer_matching as engine
from velkomst.people.models import Household
from velkomst.volunteers.eligibility import child_eligibility
from velkomst.volunteers.models import Offer, OfferKind, VolunteerStatus, Weekday

from . import inputs
from .models import ACTIVE_STATES, TRANSITIONS, Match, MatchEndReason, MatchSide, MatchState, Wish

WISH_FIELDS = ("kinds", "interests", "weekdays", "note")
MATCH_FIELDS = (
    "state",
    "household_accepted_on",
    "volunteer_accepted_on",
    "accepted_on",
    "declined_on",
    "declined_by",
    "decline_reason",
    "first_meeting_on",
    "followed_up_on",
    "ended_on",
    "end_reason",
    "end_note",
)


class IllegalTransition(ValidationError):
    """A step the match's pipeline does not allow from its state."""


def _tenant(actor: StaffUser, capability: str, municipality_id: int) -> None:
    access.require_in_tenant(actor, capability, municipality_id)


# --- wishes ----------------------------------------------------------------------------------


def wish_save(
    *,
    actor: StaffUser,
    household: Household,
    kinds: Sequence[str],
    interests: Sequence[str] = (),
    weekdays: Sequence[int] = (),
    note: str = "",
    expected_version: int | None = None,
) -> Wish:
    """Record (or change) what the household wishes from a volunteer."""
    _tenant(actor, access.PAIRING_WISH, household.municipality_id)
    bad = [k for k in kinds if k not in OfferKind.values]
    if bad:
        raise ValidationError({"kinds": _("Ukendt type tilbud: %(kind)s") % {"kind": bad[0]}})
    if any(d not in Weekday.values for d in weekdays):
        raise ValidationError({"weekdays": _("Ukendt ugedag.")})
    clean_kinds = list(dict.fromkeys(kinds))
    clean_interests = sorted({i.strip().casefold() for i in interests if i.strip()})
    if any(len(i) > 60 for i in clean_interests):
        raise ValidationError({"interests": _("En interesse må højst være 60 tegn.")})
    values = {
        "kinds": clean_kinds,
        "interests": clean_interests,
        "weekdays": sorted(set(weekdays)),
        "note": note.strip(),
    }
    with transaction.atomic():
        wish = Wish.objects.select_for_update().filter(household=household).first()
        if wish is None:
            wish = Wish(
                municipality_id=household.municipality_id,
                household=household,
                recorded_by=actor,
                **values,
            )
            wish.save()
            log_for_members(
                actor,
                AuditAction.CREATE,
                wish,
                household,
                {k: [None, v] for k, v in values.items()},
            )
            return wish
        before = snapshot(wish, WISH_FIELDS)
        changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
        if not changes:
            return wish
        for k, v in values.items():
            setattr(wish, k, v)
        wish.recorded_by = actor
        save_versioned(
            wish,
            expected_version=wish.version if expected_version is None else expected_version,
            fields=[*values, "recorded_by"],
        )
        log_for_members(actor, AuditAction.CHANGE, wish, household, changes)
        return wish


# --- proposing -------------------------------------------------------------------------------


def _child_facing(household: Household, offer: Offer, on: date) -> bool:
    members = list(household.members.all())
    return offer.involves_children or any(m.age_on(on) < inputs.ADULT_AGE for m in members)


def _check_child_rule(household: Household, offer: Offer, on: date) -> None:
    if _child_facing(household, offer, on):
        ok, reason = child_eligibility(offer.volunteer, on)
        if not ok:
            raise ValidationError(
                {
                    "offer": _(
                        "Matchet involverer børn, og %(reason)s Den frivillige skal have en "
                        "gyldig børneattest og en underskrevet tavshedserklæring."
                    )
                    % {"reason": reason}
                }
            )


def match_propose(
    *, actor: StaffUser, household: Household, offer: Offer, on: date | None = None
) -> Match:
    """Propose the offer to the household: refused with a message when a rule says no."""
    _tenant(actor, access.PAIRING_EDIT, household.municipality_id)
    if offer.municipality_id != household.municipality_id:
        raise ValidationError({"offer": _("Tilbuddet findes ikke.")})
    on = on or timezone.localdate()
    from velkomst.consent.services import share

    with transaction.atomic():
        locked = (
            Offer.objects.select_for_update()
            .select_related("volunteer")
            .filter(pk=offer.pk)
            .first()
        )
        if locked is None:
            raise ValidationError({"offer": _("Tilbuddet findes ikke.")})
        offer = locked
        volunteer = offer.volunteer
        if not offer.active or volunteer.status != VolunteerStatus.APPROVED:
            raise ValidationError(
                {
                    "offer": _("%(name)s er ikke godkendt, eller tilbuddet er ikke aktivt.")
                    % {"name": volunteer.name}
                }
            )
        taken = Match.objects.filter(offer=offer, state__in=ACTIVE_STATES)
        if taken.filter(household=household).exists():
            raise ValidationError({"offer": _("Husstanden er allerede matchet med tilbuddet.")})
        if taken.count() >= offer.capacity:
            raise ValidationError(
                {
                    "offer": _("Tilbuddet har ikke flere pladser (kapacitet %(capacity)s).")
                    % {"capacity": offer.capacity}
                }
            )
        _check_child_rule(household, offer, on)
        members = list(household.members.all())
        for person in inputs.consent_subjects(members, on):
            share(
                actor=actor,
                person=person,
                purpose=inputs.CONTACT_VOLUNTEER,
                recipient=volunteer.name,
                context=_("Forslag om match med frivillig: %(offer)s")
                % {"offer": offer.get_kind_display()},
            )
        municipality = Municipality.objects.get(pk=household.municipality_id)
        [entry] = inputs.households([household.pk], on)
        # the pair's score and reasons as the engine sees it now (this match not yet counted)
        [pair] = inputs.offers(
            list(
                Offer.objects.filter(pk=offer.pk)
                .select_related("volunteer")
                .annotate(taken=Count("matches", filter=Q(matches__state__in=ACTIVE_STATES)))
            ),
            on,
        )
        scored = engine.score_pair(
            entry, pair, inputs.travel(household.municipality_id), inputs.weights(municipality, on)
        )
        match = Match.objects.create(
            municipality_id=household.municipality_id,
            offer=offer,
            household=household,
            state=MatchState.PROPOSED,
            score=scored.score,
            reasons=[engine.reason_data(r) for r in scored.reasons],
            proposed_on=on,
            proposed_by=actor,
        )
        log_for_members(
            actor,
            AuditAction.CREATE,
            match,
            household,
            {"offer": [None, offer.pk], "state": [None, MatchState.PROPOSED]},
        )
        return match


# --- the pipeline ----------------------------------------------------------------------------


def _step(
    actor: StaffUser,
    match: Match,
    expected_version: int,
    values: dict[str, object],
    to: str | None = None,
) -> Match:
    _tenant(actor, access.PAIRING_EDIT, match.municipality_id)
    if to is not None and to != match.state and to not in TRANSITIONS[match.state]:
        raise IllegalTransition(
            {
                "state": _("Et match kan ikke gå fra “%(from)s” til “%(to)s”.")
                % {"from": MatchState(match.state).label, "to": MatchState(to).label}
            }
        )
    if to is not None:
        values = {**values, "state": to}
    before = snapshot(match, MATCH_FIELDS)
    changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
    if not changes:
        return match
    with transaction.atomic():
        for k, v in values.items():
            setattr(match, k, v)
        save_versioned(match, expected_version=expected_version, fields=list(values))
        log_for_members(actor, AuditAction.CHANGE, match, match.household, changes)
    return match


def match_accept(
    *, actor: StaffUser, match: Match, side: str, expected_version: int, on: date | None = None
) -> Match:
    """One side accepts; when both have, the match is accepted (the first meeting falls due)."""
    on = on or timezone.localdate()
    if match.state != MatchState.PROPOSED:
        raise IllegalTransition({"state": _("Kun et foreslået match kan accepteres.")})
    if side not in MatchSide.values:
        raise ValidationError({"side": _("Vælg hvem der accepterer.")})
    values: dict[str, object] = {f"{side}_accepted_on": on}
    other = (
        match.volunteer_accepted_on if side == MatchSide.HOUSEHOLD else match.household_accepted_on
    )
    if other is not None:
        _check_child_rule(match.household, match.offer, on)
        return _step(
            actor, match, expected_version, {**values, "accepted_on": on}, MatchState.ACCEPTED
        )
    return _step(actor, match, expected_version, values)


def match_decline(
    *,
    actor: StaffUser,
    match: Match,
    side: str,
    reason: str,
    expected_version: int,
    on: date | None = None,
) -> Match:
    if side not in MatchSide.values:
        raise ValidationError({"side": _("Vælg hvem der afslår.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor matchet afslås.")})
    return _step(
        actor,
        match,
        expected_version,
        {
            "declined_on": on or timezone.localdate(),
            "declined_by": side,
            "decline_reason": reason.strip(),
        },
        MatchState.DECLINED,
    )


def match_first_meeting(
    *, actor: StaffUser, match: Match, held_on: date, expected_version: int
) -> Match:
    if match.accepted_on and held_on < match.accepted_on:
        raise ValidationError({"held_on": _("Det første møde kan ikke ligge før accepten.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Det første møde kan ikke ligge i fremtiden.")})
    return _step(actor, match, expected_version, {"first_meeting_on": held_on}, MatchState.MET)


def match_follow_up(
    *, actor: StaffUser, match: Match, expected_version: int, on: date | None = None
) -> Match:
    """The coordinator's follow-up after the first meeting: the match is ongoing."""
    return _step(
        actor,
        match,
        expected_version,
        {"followed_up_on": on or timezone.localdate()},
        MatchState.ONGOING,
    )


def match_end(
    *,
    actor: StaffUser,
    match: Match,
    reason: str,
    note: str = "",
    expected_version: int,
    on: date | None = None,
) -> Match:
    if reason not in MatchEndReason.values:
        raise ValidationError({"reason": _("Vælg en årsag til afslutningen.")})
    if reason == MatchEndReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Skriv årsagen, når den er “Andet”.")})
    values: dict[str, object] = {
        "ended_on": on or timezone.localdate(),
        "end_reason": reason,
        "end_note": note.strip(),
    }
    if match.state == MatchState.MET:
        values["followed_up_on"] = values["ended_on"]
    return _step(actor, match, expected_version, values, MatchState.ENDED)
