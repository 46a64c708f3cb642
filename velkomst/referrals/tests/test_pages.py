from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.referrals.models import Referral, ReferralStatus


@pytest.fixture
def seen(household, units):
    """The household worked with by the integration team and the job centre."""
    household.units.add(units["integration"], units["jobcentre"])
    return household


def test_send_page_proposes_the_unit_from_the_interface_descriptions(
    logged_in, caseworker, seen, person, units
):
    # REQ: COO-2
    from velkomst.reception.services import plan_generate

    plan = plan_generate(household=seen, acting_user=caseworker)
    task = plan.tasks.filter(category="danish_referral", person=person).first()
    assert task is not None
    client = logged_in(caseworker)
    page = client.get(reverse("referral-create", args=[person.pk]) + f"?task={task.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    # Bornholm's description: the integration team refers to the language centre
    assert f'<option value="{units["language_centre"].pk}" selected>' in body
    # the plan shows who does the task and to whom it hands over
    plan_page = client.get(reverse("household-plan", args=[seen.pk])).content.decode()
    assert "Udføres af Integrationsteam · overdrages til Sprogcenter" in plan_page


def test_send_to_own_unit_shows_the_message_on_the_field(
    logged_in, caseworker, seen, person, units
):
    # REQ: COO-1
    response = logged_in(caseworker).post(
        reverse("referral-create", args=[person.pk]),
        {
            "from_unit": units["integration"].pk,
            "to_unit": units["integration"].pk,
            "kind": "employment",
            "text": "Hjælp",
        },
    )
    assert response.status_code == 422
    assert "egen enhed" in response.content.decode()
    assert not Referral.objects.exists()


def test_sent_referral_waits_in_the_inbox_and_is_accepted_with_an_owner(
    logged_in, caseworker, jobconsultant, seen, person, units
):
    # REQ: COO-1
    client = logged_in(caseworker)
    response = client.post(
        reverse("referral-create", args=[person.pk]),
        {
            "from_unit": units["integration"].pk,
            "to_unit": units["jobcentre"].pk,
            "kind": "employment",
            "text": "Afklaring af jobmuligheder",
            "deadline": "2099-01-01",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    outbox = client.get(reverse("referral-outbox", args=[units["integration"].pk]))
    assert "Amal Haddad" in outbox.content.decode()
    client = logged_in(jobconsultant)
    inbox = client.get(reverse("referral-inbox", args=[units["jobcentre"].pk]))
    assert inbox.status_code == 200
    assert "Amal Haddad" in inbox.content.decode()
    assert AuditEntry.objects.filter(
        actor_id=jobconsultant.pk, action="view", person_id=person.pk
    ).exists()
    # the sender's unit is not the receiver's: its members cannot open the other inbox
    assert (
        logged_in(caseworker)
        .get(reverse("referral-inbox", args=[units["jobcentre"].pk]))
        .status_code
        == 404
    )
    client = logged_in(jobconsultant)
    response = client.post(
        reverse("referral-accept", args=[referral.pk]),
        {"accept-version": referral.version, "accept-owner": jobconsultant.pk},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.owner == jobconsultant
    detail = client.get(reverse("referral-detail", args=[referral.pk])).content.decode()
    assert "Afslut henvisningen" in detail


def test_return_without_a_reason_names_the_field(logged_in, jobconsultant, send):
    # REQ: COO-1
    referral = send()
    response = logged_in(jobconsultant).post(
        reverse("referral-return", args=[referral.pk]),
        {"return-version": referral.version, "return-reason": ""},
    )
    assert response.status_code == 422
    assert 'id="id_return-reason_error"' in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NEW


def test_sender_cannot_answer_its_own_referral(logged_in, caseworker, send):
    # REQ: COO-1
    referral = send()
    response = logged_in(caseworker).post(
        reverse("referral-accept", args=[referral.pk]),
        {"accept-version": referral.version, "accept-owner": caseworker.pk},
    )
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NEW


def test_interface_descriptions_page_shows_bornholms(logged_in, caseworker):
    # REQ: COO-2
    body = logged_in(caseworker).get(reverse("referral-interfaces")).content.decode()
    assert "Henvises til danskuddannelse inden for en måned fra ankomsten." in body
    assert "Samarbejdsmodel mellem Sprogcenter og Jobcenter" in body


def test_interface_descriptions_are_versioned_per_municipality(municipality):
    # REQ: COO-2
    from velkomst.core.models import MunicipalityConfig
    from velkomst.core.services import municipality_create
    from velkomst.referrals import interfaces

    kerteminde = municipality_create(code="440", name="Kerteminde")
    assert "Frivilligcenter Kerteminde" in (
        interfaces.descriptions(kerteminde)["task:association_interest"].note
    )
    assert interfaces.descriptions(municipality)["task:housing_visit_1"].by == "integration"
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2030, 1, 1),
        values={"interface_descriptions": {"task:cv": {"by": "language_centre", "to": ""}}},
    )
    assert interfaces.descriptions(municipality, date(2029, 12, 31))["task:cv"].by == "jobcentre"
    later = interfaces.descriptions(municipality, date(2030, 1, 1))
    assert list(later) == ["task:cv"] and later["task:cv"].by == "language_centre"


def test_concern_form_reaches_the_children_and_family_unit(logged_in, staff, units):
    # REQ: CIV-3
    coordinator = staff["volunteer_coordinator"]
    client = logged_in(coordinator)
    assert client.get(reverse("referral-concern-create")).status_code == 200
    missing = client.post(reverse("referral-concern-create"), {"reporter_name": "Hanne"})
    assert missing.status_code == 422 and not Referral.objects.exists()
    response = client.post(
        reverse("referral-concern-create"),
        {
            "reporter_name": "Hanne Frivillig",
            "reporter_contact": "22334455",
            "child_description": "Pige, 8 år, Storegade",
            "text": "Barnet virker bange for at gå hjem.",
        },
    )
    assert response.status_code == 302
    concern = Referral.objects.get()
    assert concern.to_unit == units["children_family"] and concern.is_concern
    inbox = logged_in(staff["family_consultant"]).get(
        reverse("referral-inbox", args=[units["children_family"].pk])
    )
    assert "Pige, 8 år, Storegade" in inbox.content.decode()


def test_start_page_shows_the_units_inbox(logged_in, jobconsultant, send):
    # REQ: COO-1
    send()
    body = logged_in(jobconsultant).get(reverse("home")).content.decode()
    assert "Henvisninger til Jobcenter" in body


def test_inbox_and_outbox_run_a_constant_number_of_queries(
    logged_in, caseworker, jobconsultant, seen, person, units
):
    # REQ: COO-1
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from velkomst.referrals.models import Referral

    def add(n: int) -> None:
        Referral.objects.bulk_create(
            Referral(
                municipality=person.municipality,
                kind="employment",
                from_unit=units["integration"],
                from_staff=caseworker,
                to_unit=units["jobcentre"],
                person=person,
                text=f"Henvisning {i}",
                answer_due=date(2026, 1, 5),
                status=["new", "accepted"][i % 2],
                owner=jobconsultant if i % 2 else None,
            )
            for i in range(n)
        )

    def queries(client, url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    inbox = reverse("referral-inbox", args=[units["jobcentre"].pk])
    outbox = reverse("referral-outbox", args=[units["integration"].pk]) + "?show=all"
    add(2)
    receiver, sender = logged_in(jobconsultant), None
    few_in = queries(receiver, inbox)
    sender = logged_in(caseworker)
    few_out = queries(sender, outbox)
    add(20)
    receiver = logged_in(jobconsultant)
    assert queries(receiver, inbox) == few_in
    sender = logged_in(caseworker)
    assert queries(sender, outbox) == few_out
