"""The landlords' public form: no login, CSRF, every field checked, a receipt with the case
number and the response promise, and nothing of any citizen shown (HOU-8)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.neighbours.models import NeighbourReport
from velkomst.neighbours.services import channel_update

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    values = {
        "reporter_name": "Kirsten Vicevært",
        "reporter_phone": "+45 56 95 12 34",
        "reporter_email": "",
        "address": "Storegade 1, 3700 Rønne",
        "description": "Høj musik om natten.",
        "since": "2026-03-01",
        "urgency": "urgent",
        "consent": "on",
    }
    values.update(overrides)
    return values


def test_a_landlord_reports_without_logging_in_and_gets_a_receipt(client, channel):
    # REQ: HOU-8
    url = reverse("neighbours-public-report", args=[channel.token])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "BoBornholm" in html and "Bornholm Kommune" in html
    assert "Vi svarer inden for 2 arbejdsdage" in html
    assert "hvordan kommunen bruger indberetningen" in html  # the consent text and checkbox
    response = client.post(url, form_data())
    assert response.status_code == 302
    report = NeighbourReport.objects.get()
    assert report.reporter_phone == "+45 56 95 12 34" and report.urgency == "urgent"
    assert report.source == "link" and report.consent_at == report.received_at
    assert report.number == f"{timezone.localdate().year}-0001"
    receipt = client.get(response.url)
    text = receipt.content.decode()
    assert receipt.status_code == 200
    assert report.number in text and "svarer dig senest" in text
    assert f"{report.response_due.day}." in text
    entry = AuditEntry.objects.get(object_type="neighbours.NeighbourReport")
    assert entry.action == "create" and entry.actor_id is None and entry.channel == "link"
    assert "BoBornholm" in entry.actor_label


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("reporter_name", "", "Dette felt er påkrævet"),
        ("reporter_phone", "12", "mindst 8 cifre"),
        ("reporter_email", "ikke-en-mail", "gyldig e-mail-adresse"),
        ("address", "  ", "Dette felt er påkrævet"),
        ("description", "", "Dette felt er påkrævet"),
        ("since", "2099-01-01", "i fremtiden"),
        ("since", "1. marts", "gyldig dato"),
        ("urgency", "straks", "gyldig valgmulighed"),
        ("consent", "", "Bekræft, at du har læst"),
    ],
)
def test_each_invalid_field_is_named_and_nothing_is_saved(client, channel, field, value, message):
    # REQ: HOU-8
    response = client.post(
        reverse("neighbours-public-report", args=[channel.token]), form_data(**{field: value})
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in html and message in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert not NeighbourReport.objects.exists()


def test_phone_or_email_is_needed(client, channel):
    # REQ: HOU-8
    url = reverse("neighbours-public-report", args=[channel.token])
    response = client.post(url, form_data(reporter_phone=""))
    assert response.status_code == 422 and "telefonnummer eller en e-mailadresse" in (
        response.content.decode()
    )
    ok = client.post(url, form_data(reporter_phone="", reporter_email="k@bobornholm.dk"))
    assert ok.status_code == 302


def test_unknown_and_inactive_links_are_404(client, channel, officer):
    # REQ: HOU-8
    assert client.get(reverse("neighbours-public-report", args=["ukendt"])).status_code == 404
    assert (
        client.post(reverse("neighbours-public-report", args=["ukendt"]), form_data()).status_code
        == 404
    )
    channel_update(channel=channel, acting_user=officer, expected_version=1, active=False)
    url = reverse("neighbours-public-report", args=[channel.token])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert not NeighbourReport.objects.exists()


def test_the_form_needs_the_csrf_token(channel):
    # REQ: HOU-8
    client = Client(enforce_csrf_checks=True)
    url = reverse("neighbours-public-report", args=[channel.token])
    assert client.post(url, form_data()).status_code == 403
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert client.post(url, form_data(csrfmiddlewaretoken=token)).status_code == 302


def test_a_receipt_cannot_be_forged_or_looked_up(client, channel, report):
    # REQ: HOU-8
    url = reverse("neighbours-public-receipt", args=[channel.token])
    assert client.get(url).status_code == 404
    assert client.get(url, {"r": "2026-0001"}).status_code == 404


def test_only_the_report_path_is_open_without_login(client, channel, report):
    # REQ: HOU-8
    for url in (
        reverse("neighbours-report-list"),
        reverse("neighbours-report-detail", args=[report.pk]),
        reverse("neighbours-channel-list"),
        "/reports/",
        "/reportx/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert response.url.startswith("/login/")
    assert client.get(reverse("neighbours-report-list")).status_code == 302


def test_the_public_side_shows_no_citizen_data(client, channel, report, placed, household, officer):
    # REQ: HOU-8
    from velkomst.neighbours.services import report_link

    report_link(
        report=report,
        acting_user=officer,
        dwelling=placed,
        household=household,
        expected_version=report.version,
    )
    url = reverse("neighbours-public-report", args=[channel.token])
    page = client.get(url).content.decode()
    sent = client.post(url, form_data(address="Storegade 1, 3700 Rønne"), follow=True)
    for html in (page, sent.content.decode()):
        for secret in ("Haddad", "Amal", "Omar", "Lina", report.number, "Høj musik"):
            assert secret not in html
    assert NeighbourReport.objects.count() == 2
    new = NeighbourReport.objects.exclude(pk=report.pk).get()
    assert new.household_id is None  # linking is the staff's decision, never automatic


def test_a_receipt_expires(client, channel, report, monkeypatch):
    # REQ: HOU-8
    from django.core import signing

    from velkomst.neighbours import views

    value = signing.dumps({"n": report.number, "d": "2026-04-03"}, salt=views.RECEIPT_SALT)
    url = reverse("neighbours-public-receipt", args=[channel.token])
    assert client.get(url, {"r": value}).status_code == 200
    monkeypatch.setattr(views, "RECEIPT_MAX_AGE", -1)
    assert client.get(url, {"r": value}).status_code == 404


def test_a_flood_through_one_link_is_refused(client, channel, monkeypatch):
    # REQ: HOU-8
    from velkomst.neighbours import services

    monkeypatch.setattr(services, "MAX_REPORTS_PER_HOUR_PER_CHANNEL", 2)
    url = reverse("neighbours-public-report", args=[channel.token])
    assert [client.post(url, form_data()).status_code for _ in range(2)] == [302, 302]
    refused = client.post(url, form_data())
    assert refused.status_code == 429 and "Prøv igen senere" in refused.content.decode()
    assert NeighbourReport.objects.count() == 2
