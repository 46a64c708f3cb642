"""The coordinator's pages (CIV-2, CIV-3): suggestions with reasons in words, proposing, the
matches with their follow-ups, in Danish and English; refusals say why."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.pairings.models import Match, MatchState

from .conftest import consent_household, make_offer, make_volunteer


def test_the_suggestions_page_ranks_offers_with_reasons_and_proposes(
    logged_in, family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    consent_household(family, caseworker)
    offer = make_offer(make_volunteer(family.municipality), weekdays=[0])
    client = logged_in(coordinator)
    html = client.get(f"/volunteer-matches/households/{family.pk}/").content.decode()
    assert "Karen Holm" in html
    assert "Ønsker mentor (ønske nr. 1)" in html
    assert "Fælles sprog: arabisk" in html
    assert "Kan mødes mandag" in html
    assert "Gyldig børneattest og tavshedserklæring" in html
    response = client.post(
        f"/volunteer-matches/households/{family.pk}/propose/", {"offer": offer.pk}
    )
    match = Match.objects.get()
    assert response.status_code == 302 and response.url == f"/volunteer-matches/{match.pk}/"
    page = client.get(response.url).content.decode()
    assert "Foreslået" in page and "Registrér accept" in page


def test_the_pages_speak_english(logged_in, family, wish, coordinator, caseworker, settings):
    # REQ: CIV-2
    consent_household(family, caseworker)
    make_offer(make_volunteer(family.municipality))
    client = logged_in(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/volunteer-matches/households/{family.pk}/").content.decode()
    assert "Wishes for mentor (wish no. 1)" in html
    assert "Shared languages: Arabic" in html


def test_a_refused_proposal_says_why_on_the_page(logged_in, family, wish, coordinator, caseworker):
    # REQ: CIV-3
    consent_household(family, caseworker)
    offer = make_offer(make_volunteer(family.municipality, "Uden Attest", certificate=False))
    client = logged_in(coordinator)
    html = client.get(f"/volunteer-matches/households/{family.pk}/").content.decode()
    assert "Uden Attest" not in html  # never suggested
    response = client.post(
        f"/volunteer-matches/households/{family.pk}/propose/", {"offer": offer.pk}, follow=True
    )
    html = response.content.decode()
    assert "Uden Attest har ingen børneattest." in html
    assert not Match.objects.exists()


def test_without_consent_the_page_says_so_and_suggests_nothing(
    logged_in, family, wish, coordinator
):
    # REQ: CIV-2
    make_offer(make_volunteer(family.municipality))
    html = (
        logged_in(coordinator).get(f"/volunteer-matches/households/{family.pk}/").content.decode()
    )
    assert "samtykket dækker ikke kontakt fra en frivillig" in html
    assert "Karen Holm" not in html


def test_the_match_moves_through_its_steps_on_the_page(
    logged_in, family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    from velkomst.pairings import services

    consent_household(family, caseworker)
    match = services.match_propose(
        actor=coordinator, household=family, offer=make_offer(make_volunteer(family.municipality))
    )
    client = logged_in(coordinator)
    url = f"/volunteer-matches/{match.pk}/step/"
    for side in ("household", "volunteer"):
        match.refresh_from_db()
        client.post(url, {"action": "accept", "side": side, "version": match.version})
    match.refresh_from_db()
    assert match.state == MatchState.ACCEPTED
    bad = client.post(url, {"action": "met", "version": match.version})
    assert bad.status_code == 422 and "Angiv datoen" in bad.content.decode()
    client.post(
        url,
        {"action": "met", "held_on": timezone.localdate().isoformat(), "version": match.version},
    )
    match.refresh_from_db()
    assert match.state == MatchState.MET
    html = client.get(f"/volunteer-matches/{match.pk}/").content.decode()
    assert "Opfølgning senest" in html
    client.post(url, {"action": "end", "end_reason": "completed", "version": match.version})
    match.refresh_from_db()
    assert match.state == MatchState.ENDED and match.end_reason == "completed"
    # a stale version is refused, nothing changes
    client.post(url, {"action": "follow_up", "version": 1})
    match.refresh_from_db()
    assert match.state == MatchState.ENDED


def test_the_list_shows_overdue_follow_ups_and_logs_the_reads(
    logged_in, family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    from velkomst.pairings import services

    consent_household(family, caseworker)
    match = services.match_propose(
        actor=coordinator, household=family, offer=make_offer(make_volunteer(family.municipality))
    )
    Match.objects.filter(pk=match.pk).update(
        state=MatchState.ACCEPTED, accepted_on=timezone.localdate() - timedelta(days=30)
    )
    html = logged_in(coordinator).get("/volunteer-matches/").content.decode()
    assert "Første møde" in html and "Overskredet" in html
    assert AuditEntry.objects.filter(actor_id=coordinator.pk, action="view").count() >= 3


def test_the_wishes_form_names_the_field(logged_in, family, coordinator):
    # REQ: CIV-2
    client = logged_in(coordinator)
    url = f"/volunteer-matches/households/{family.pk}/wish/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kinds": ["nonsense"]})
    assert response.status_code == 422
    response = client.post(url, {"kinds": ["sports", "mentor"], "interests": "fodbold, musik"})
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.volunteer_wish.kinds == ["sports", "mentor"]


def test_other_roles_and_municipalities_cannot_use_the_pages(
    logged_in, family, wish, staff, other_caseworker
):
    client = logged_in(staff["housing_officer"])
    assert client.get("/volunteer-matches/").status_code == 403
    client = logged_in(other_caseworker)
    assert client.get(f"/volunteer-matches/households/{family.pk}/").status_code == 404
    client = logged_in(staff["caseworker"])
    assert client.get(f"/volunteer-matches/households/{family.pk}/").status_code == 200
    response = client.post(f"/volunteer-matches/households/{family.pk}/propose/", {"offer": 1})
    assert response.status_code == 403


def test_the_coordinators_start_page_has_the_matches_panel(logged_in, family, wish, coordinator):
    html = logged_in(coordinator).get("/").content.decode()
    assert "Match med frivillige" in html
    assert "Husstande med ønsker uden aktivt match" in html


def _overdue_matches(count, caseworker, coordinator, offer, start=0):
    """``count`` households, each with an accepted match whose first meeting is overdue, and one
    in ``met`` whose follow-up is overdue."""
    from conftest import member
    from velkomst.core.models import Unit
    from velkomst.people.services import household_create

    today = timezone.localdate()
    units = list(Unit.objects.filter(municipality=caseworker.municipality))
    for i in range(start, start + count):
        household = household_create(
            acting_user=caseworker,
            name=f"Familien Nr{i}",
            visitation_date=today - timedelta(days=200),
            expected_arrival_date=today - timedelta(days=100),
            members=[member(first_name=f"Amal{i}"), member(first_name=f"Omar{i}", sex="M")],
        )
        household.units.set(units)
        met = i % 2 == 1
        Match.objects.create(
            municipality=household.municipality,
            offer=offer,
            household=household,
            state=MatchState.MET if met else MatchState.ACCEPTED,
            proposed_on=today - timedelta(days=60),
            proposed_by=coordinator,
            accepted_on=today - timedelta(days=50),
            first_meeting_on=today - timedelta(days=45) if met else None,
        )


def test_the_matches_page_reads_a_fixed_number_of_queries_a_page_at_a_time(
    logged_in, family, coordinator, caseworker, settings
):
    # REQ: CIV-2
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.VELKOMST_PAGE_SIZE = 4
    offer = make_offer(make_volunteer(family.municipality), capacity=100)
    client = logged_in(coordinator)
    _overdue_matches(3, caseworker, coordinator, offer)
    with CaptureQueriesContext(connection) as few:
        html = client.get("/volunteer-matches/").content.decode()
    assert "Familien Nr2" in html and "Første møde" in html and "Opfølgning efter" in html
    _overdue_matches(12, caseworker, coordinator, offer, start=3)
    logged = AuditEntry.objects.filter(action="view").count()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/volunteer-matches/")
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    # only the persons shown are logged: at most 8 households of 2 members
    assert 0 < AuditEntry.objects.filter(action="view").count() - logged <= 16
    html = response.content.decode()
    # both lists show one page: 4 of 15 matches and 4 of 15 follow-ups, the earliest due first
    assert len(re.findall(r'href="/volunteer-matches/\d+/"', html)) == 8
    assert "follow_page=2" in html and "page=2" in html and "Side 1 af 4" in html
    assert 'aria-label="Sider med opfølgning"' in html
    # the follow-ups' second page keeps the matches' state filter
    second = client.get("/volunteer-matches/?state=all&follow_page=2").content.decode()
    assert "Side 2 af 4" in second and "state=all&amp;follow_page=3" in second


def test_the_suggestions_page_reads_a_fixed_number_of_queries_whatever_the_offers(
    logged_in, family, wish, coordinator, caseworker
):
    # REQ: CIV-2
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from velkomst.pairings import selectors

    consent_household(family, caseworker)
    municipality = family.municipality
    make_offer(make_volunteer(municipality, "Karen Holm"), weekdays=[0])
    client = logged_in(coordinator)
    url = f"/volunteer-matches/households/{family.pk}/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        make_offer(make_volunteer(municipality, f"Mentor {i}"), weekdays=[0])
    # offers the household's wishes or the capacity rule exclude are not suggested
    make_offer(make_volunteer(municipality, "Sportsven"), kind="sports", weekdays=[0])
    full = make_offer(make_volunteer(municipality, "Fuld Mentor"), weekdays=[0])
    Match.objects.create(
        municipality=municipality,
        offer=full,
        household=family,
        state=MatchState.ACCEPTED,
        proposed_on=timezone.localdate(),
        proposed_by=coordinator,
    )
    # a volunteer without a child certificate is not suggested to a family with a child
    make_offer(make_volunteer(municipality, "Uden Attest", certificate=False), weekdays=[0])
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert "Mentor 5" in html and "Karen Holm" in html
    assert "Sportsven" not in html and "Uden Attest" not in html
    found = selectors.suggestions(user=coordinator, household=family)
    names = {s.offer.volunteer.name for s in found.rows}
    assert names == {"Karen Holm", *(f"Mentor {i}" for i in range(6))}
