"""Matching a consenting household with an approved volunteer in a real browser, as the volunteer
coordinator: the start page's panel, the household's wishes, the ranked suggestions with their
reasons in words, proposing, both sides accepting and the first meeting; a volunteer without a
child certificate is never suggested to the family. axe-core finds no serious or critical
violation in any of these states (CIV-2, CIV-3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_matches_a_consenting_household_with_an_approved_volunteer(
    live_server, page, login, staff, household
):
    # REQ: CIV-2
    # REQ: CIV-3
    import secrets

    from velkomst.consent.models import Consent
    from velkomst.core.models import Unit
    from velkomst.volunteers.models import Offer, Volunteer

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    today = timezone.localdate()
    for person in household.members.all():
        if person.age_on(today) >= 18:
            Consent.objects.create(
                municipality=household.municipality,
                person=person,
                purpose="contact.volunteer",
                given_on=today - timedelta(days=3),
                recorded_by=staff["caseworker"],
            )

    def volunteer(name: str, certificate: bool) -> Volunteer:
        v = Volunteer.objects.create(
            municipality=household.municipality,
            kind="private",
            name=name,
            languages=["ar", "da"],
            status="approved",
            token=secrets.token_urlsafe(16),
            child_certificate_received_on=today - timedelta(days=30) if certificate else None,
            child_certificate_expires_on=today + timedelta(days=300) if certificate else None,
            confidentiality_signed_on=today - timedelta(days=30) if certificate else None,
        )
        Offer.objects.create(
            municipality=household.municipality,
            volunteer=v,
            kind="homework_help",
            languages=["ar"],
            audience=["families", "children"],
            weekdays=[1, 3],
            capacity=2,
        )
        return v

    volunteer("Karen Holm", certificate=True)
    volunteer("Uden Attest", certificate=False)
    coordinator = staff["volunteer_coordinator"]
    audit = AxeAudit(page)
    login(page, coordinator)
    expect(page.get_by_role("heading", name="Match med frivillige")).to_be_visible()
    audit.check("start page")

    follow_menu(page, "Match og opfølgning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Match og opfølgning")
    audit.check("matches")

    page.goto(f"{live_server.url}/volunteer-matches/households/{household.pk}/wish/")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("wishes with errors")
    page.get_by_label("Lektiehjælp").check()
    page.get_by_label("Tirsdag").check()
    page.get_by_label("Interesser").fill("matematik, fodbold")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Ønskerne er gemt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Familien Haddad")
    suggestions = page.locator(".velkomst-suggestions")
    expect(suggestions).to_contain_text("Karen Holm")
    expect(suggestions).to_contain_text("Ønsker lektiehjælp (ønske nr. 1)")
    expect(suggestions).to_contain_text("Gyldig børneattest og tavshedserklæring")
    expect(suggestions).not_to_contain_text("Uden Attest")
    audit.check("suggestions")

    page.get_by_role("button", name="Foreslå match med Karen Holm").click()
    expect(page.get_by_text("Matchet med Karen Holm er foreslået.")).to_be_visible()
    audit.check("proposed match")
    page.get_by_role("button", name="Registrér accept").click()
    expect(page.get_by_text("Matchet er opdateret.")).to_be_visible()
    page.get_by_role("button", name="Registrér accept").click()
    expect(page.get_by_text("Accepteret af begge")).to_be_visible()
    expect(page.get_by_text("Første møde senest")).to_be_visible()
    audit.check("accepted match")
    page.get_by_role("button", name="Første møde holdt").click()
    expect(page.get_by_text("Første møde holdt").first).to_be_visible()
    expect(page.get_by_text("Opfølgning senest")).to_be_visible()
    audit.check("first meeting held")
    audit.assert_clean()
