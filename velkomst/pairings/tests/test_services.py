"""Matching volunteers and households (CIV-2, CIV-3): consent at the moment of each suggestion and
proposal, the child rule, capacity, the pipeline and its follow-ups."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.pairings import selectors, services
from velkomst.pairings.models import Match, MatchEndReason, MatchState

from .conftest import consent_household, make_offer, make_volunteer


def test_withdrawn_consent_removes_the_household_from_suggestions_from_that_moment(
    family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    from velkomst.consent.services import consent_withdraw

    offer = make_offer(make_volunteer(family.municipality))
    consents = consent_household(family, caseworker)
    found = selectors.suggestions(user=coordinator, household=family)
    assert found.household.consent
    assert [row.offer.pk for row in found.rows] == [offer.pk]

    before_withdrawal = timezone.now()
    consent_withdraw(actor=caseworker, consent=consents[0], expected_version=consents[0].version)

    found = selectors.suggestions(user=coordinator, household=family)
    assert not found.household.consent
    assert found.rows == []
    with pytest.raises(ValidationError) as refused:
        services.match_propose(actor=coordinator, household=family, offer=offer)
    assert "consent" in refused.value.message_dict
    assert not Match.objects.exists()
    # the consent covered the household until the moment it was withdrawn
    from velkomst.pairings import inputs

    [earlier] = inputs.households([family.pk], timezone.localdate(), at=before_withdrawal)
    assert earlier.consent


def test_a_household_without_consent_is_never_suggested_or_matched(family, wish, coordinator):
    # REQ: CIV-2
    offer = make_offer(make_volunteer(family.municipality))
    assert selectors.suggestions(user=coordinator, household=family).rows == []
    with pytest.raises(ValidationError) as refused:
        services.match_propose(actor=coordinator, household=family, offer=offer)
    assert "Haddad" in refused.value.message_dict["consent"][0]


def test_a_volunteer_without_a_valid_child_certificate_cannot_be_matched_with_children(
    family, wish, coordinator, caseworker
):
    # REQ: CIV-3
    consent_household(family, caseworker)
    today = timezone.localdate()
    none = make_offer(make_volunteer(family.municipality, "Uden Attest", certificate=False))
    expired = make_offer(
        make_volunteer(
            family.municipality,
            "Udløbet Attest",
            certificate=False,
            child_certificate_received_on=today - timedelta(days=800),
            child_certificate_expires_on=today - timedelta(days=1),
            confidentiality_signed_on=today - timedelta(days=800),
        )
    )
    unsigned = make_offer(
        make_volunteer(
            family.municipality,
            "Ingen Erklæring",
            certificate=False,
            child_certificate_received_on=today - timedelta(days=10),
            child_certificate_expires_on=today + timedelta(days=300),
        )
    )
    valid = make_offer(make_volunteer(family.municipality, "Gyldig Attest"))
    found = selectors.suggestions(user=coordinator, household=family)
    assert [row.offer.pk for row in found.rows] == [valid.pk]
    for offer in (none, expired, unsigned):
        with pytest.raises(ValidationError) as refused:
            services.match_propose(actor=coordinator, household=family, offer=offer)
        message = refused.value.message_dict["offer"][0]
        assert offer.volunteer.name in message and "børneattest" in message
    assert not Match.objects.exists()
    match = services.match_propose(actor=coordinator, household=family, offer=valid)
    assert match.state == MatchState.PROPOSED
    assert any(r["code"] == "child_certificate_valid" for r in match.reasons)


def test_capacity_is_never_exceeded(family, wish, coordinator, caseworker, staff):
    # REQ: CIV-2
    from conftest import member
    from velkomst.people.services import household_create

    consent_household(family, caseworker)
    offer = make_offer(make_volunteer(family.municipality), capacity=1)
    services.match_propose(actor=coordinator, household=family, offer=offer)
    other = household_create(
        acting_user=caseworker,
        name="Familien Saleh",
        visitation_date=timezone.localdate(),
        members=[member(first_name="Rami", last_name="Saleh")],
    )
    other.units.set(family.units.all())
    consent_household(other, caseworker)
    assert selectors.suggestions(user=coordinator, household=other).rows == []
    with pytest.raises(ValidationError) as refused:
        services.match_propose(actor=coordinator, household=other, offer=offer)
    assert "pladser" in refused.value.message_dict["offer"][0]
    # a declined match gives its place back
    match = Match.objects.get()
    services.match_decline(
        actor=coordinator,
        match=match,
        side="household",
        reason="Passer ikke",
        expected_version=match.version,
    )
    assert services.match_propose(actor=coordinator, household=other, offer=offer)
    assert Match.objects.filter(offer=offer, state=MatchState.PROPOSED).count() == 1


def test_proposing_records_the_disclosure_and_audits_every_member(
    family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    from velkomst.consent.models import Disclosure

    consent_household(family, caseworker)
    volunteer = make_volunteer(family.municipality)
    match = services.match_propose(actor=coordinator, household=family, offer=make_offer(volunteer))
    shared = Disclosure.objects.filter(purpose="contact.volunteer")
    assert shared.count() == 2  # the two adults
    assert {d.recipient for d in shared} == {volunteer.name}
    rows = AuditEntry.objects.filter(object_type="pairings.Match", object_id=str(match.pk))
    assert rows.count() == 3  # one per member


def test_the_pipeline_from_proposal_to_end(family, wish, coordinator, caseworker):
    # REQ: CIV-2
    consent_household(family, caseworker)
    match = services.match_propose(
        actor=coordinator, household=family, offer=make_offer(make_volunteer(family.municipality))
    )
    with pytest.raises(services.IllegalTransition):
        services.match_first_meeting(
            actor=coordinator,
            match=match,
            held_on=timezone.localdate(),
            expected_version=match.version,
        )
    match = services.match_accept(
        actor=coordinator, match=match, side="household", expected_version=match.version
    )
    assert match.state == MatchState.PROPOSED and match.household_accepted_on
    match = services.match_accept(
        actor=coordinator, match=match, side="volunteer", expected_version=match.version
    )
    assert match.state == MatchState.ACCEPTED and match.accepted_on == timezone.localdate()
    [(key, due)] = selectors.deadlines(match.municipality, match, timezone.localdate())
    assert key == "first_meeting" and due == match.accepted_on + timedelta(days=14)
    match = services.match_first_meeting(
        actor=coordinator, match=match, held_on=timezone.localdate(), expected_version=match.version
    )
    [(key, due)] = selectors.deadlines(match.municipality, match, timezone.localdate())
    assert key == "follow_up" and due == timezone.localdate() + timedelta(weeks=6)
    match = services.match_follow_up(actor=coordinator, match=match, expected_version=match.version)
    assert match.state == MatchState.ONGOING
    with pytest.raises(ValidationError):
        services.match_end(
            actor=coordinator, match=match, reason="other", expected_version=match.version
        )
    match = services.match_end(
        actor=coordinator,
        match=match,
        reason=MatchEndReason.COMPLETED,
        expected_version=match.version,
    )
    assert match.state == MatchState.ENDED and match.ended_on


def test_a_decline_needs_a_reason(family, wish, coordinator, caseworker):
    # REQ: CIV-2
    consent_household(family, caseworker)
    match = services.match_propose(
        actor=coordinator, household=family, offer=make_offer(make_volunteer(family.municipality))
    )
    with pytest.raises(ValidationError) as refused:
        services.match_decline(
            actor=coordinator, match=match, side="volunteer", reason=" ", expected_version=1
        )
    assert "reason" in refused.value.message_dict


def test_an_overdue_first_meeting_is_on_the_coordinators_worklist(
    family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    from velkomst.core import worklist

    consent_household(family, caseworker)
    match = services.match_propose(
        actor=coordinator, household=family, offer=make_offer(make_volunteer(family.municipality))
    )
    long_ago = timezone.localdate() - timedelta(days=20)
    Match.objects.filter(pk=match.pk).update(state=MatchState.ACCEPTED, accepted_on=long_ago)
    rows = [
        r for r in worklist.rows_for(coordinator, timezone.localdate(), 7) if "pairings" in r.key
    ]
    assert [(r.key, r.state, r.due) for r in rows] == [
        (f"pairings:first_meeting:{match.pk}", "overdue", long_ago + timedelta(days=14))
    ]
    assert worklist.rows_for(caseworker, timezone.localdate(), 7) == [] or all(
        "pairings" not in r.key for r in worklist.rows_for(caseworker, timezone.localdate(), 7)
    )


def test_an_expired_certificate_flags_the_childrens_match(family, wish, coordinator, caseworker):
    # REQ: CIV-3
    consent_household(family, caseworker)
    volunteer = make_volunteer(family.municipality)
    match = services.match_propose(actor=coordinator, household=family, offer=make_offer(volunteer))
    volunteer.child_certificate_expires_on = timezone.localdate() - timedelta(days=1)
    volunteer.save()
    keys = [f.key for f in selectors.follow_ups(user=coordinator, today=timezone.localdate())]
    assert keys == ["certificate"]
    assert (
        match.pk == selectors.follow_ups(user=coordinator, today=timezone.localdate())[0].match.pk
    )


def test_only_the_coordinator_in_the_municipality_may_propose(
    family, wish, staff, caseworker, other_caseworker
):
    consent_household(family, caseworker)
    offer = make_offer(make_volunteer(family.municipality))
    for user in (caseworker, staff["manager"], other_caseworker):
        with pytest.raises(PermissionDenied):
            services.match_propose(actor=user, household=family, offer=offer)


def test_wishes_are_checked_and_saved_with_their_audit(family, coordinator, caseworker):
    with pytest.raises(ValidationError) as bad:
        services.wish_save(actor=caseworker, household=family, kinds=["space_travel"])
    assert "kinds" in bad.value.message_dict
    wish = services.wish_save(
        actor=caseworker, household=family, kinds=["sports", "mentor"], interests=[" Fodbold "]
    )
    assert wish.kinds == ["sports", "mentor"] and wish.interests == ["fodbold"]
    again = services.wish_save(
        actor=coordinator, household=family, kinds=["sports", "mentor"], interests=["fodbold"]
    )
    assert again.version == 1  # nothing changed, nothing written
    assert AuditEntry.objects.filter(object_type="pairings.Wish").count() == 3
