"""The staff's pages for neighbour problems: roles, tenant isolation, filters, the case page and
its forms, channels (HOU-8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.neighbours import services
from velkomst.neighbours.models import NeighbourReport, ReportChannel, ReportStatus

from .conftest import report_data

pytestmark = pytest.mark.django_db

# role -> (case list, case page, register by phone, channels, menu entry shown)
MATRIX = {
    "housing_officer": (200, 200, 200, 200, True),
    "manager": (200, 200, 403, 403, True),
    "caseworker": (200, 404, 403, 403, True),  # sees reports of households they work with
    "job_consultant": (403, 403, 403, 403, False),
    "family_consultant": (403, 403, 403, 403, False),
    "administrator": (403, 403, 403, 403, False),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix(client, staff, report, role):
    # REQ: HOU-8, SEC-2
    client.force_login(staff[role])
    urls = [
        reverse("neighbours-report-list"),
        reverse("neighbours-report-detail", args=[report.pk]),
        reverse("neighbours-report-create"),
        reverse("neighbours-channel-list"),
    ]
    got = tuple(client.get(url).status_code for url in urls)
    home = client.get("/", follow=True).content.decode()
    assert (*got, reverse("neighbours-report-list") in home) == MATRIX[role]


def test_a_caseworker_sees_reports_about_their_households(client, staff, report, placed, household):
    # REQ: HOU-8, SEC-2
    caseworker = staff["caseworker"]
    client.force_login(caseworker)
    url = reverse("neighbours-report-detail", args=[report.pk])
    assert client.get(url).status_code == 404
    assert "0 sager" in client.get(reverse("neighbours-report-list")).content.decode()
    services.report_link(
        report=report,
        acting_user=staff["housing_officer"],
        dwelling=placed,
        household=household,
        expected_version=1,
    )
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "Familien Haddad" in html
    assert "Tag sagen" not in html and "Tilføj til forløbet" not in html  # view only
    assert client.post(reverse("neighbours-report-event", args=[report.pk]), {}).status_code == 403


def test_another_municipalitys_reports_and_channels_are_404(
    client, staff, report, channel, other_municipality
):
    # REQ: HOU-8, SEC-1
    from conftest import _make_user

    outsider = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    client.force_login(outsider)
    for name in (
        "neighbours-report-detail",
        "neighbours-report-link",
        "neighbours-report-close",
        "neighbours-channel-edit",
    ):
        arg = channel.pk if "channel" in name else report.pk
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    for name in (
        "neighbours-report-event",
        "neighbours-report-owner",
        "neighbours-report-link",
        "neighbours-report-close",
        "neighbours-channel-renew",
    ):
        arg = channel.pk if "channel" in name else report.pk
        data = {"version": 1, "take": "1", "kind": "note", "text": "x", "resolution": "x"}
        assert client.post(reverse(name, args=[arg]), data).status_code == 404, name
    listing = client.get(reverse("neighbours-report-list")).content.decode()
    assert report.number not in listing and "0 sager" in listing
    assert "BoBornholm" not in client.get(reverse("neighbours-channel-list")).content.decode()
    report.refresh_from_db()
    channel.refresh_from_db()
    assert report.version == 1 and not report.events.exists() and channel.version == 1


def test_staff_take_answer_and_close_a_report_through_the_pages(client, officer, report, staff):
    # REQ: HOU-8
    client.force_login(officer)
    detail = reverse("neighbours-report-detail", args=[report.pk])
    html = client.get(detail).content.decode()
    assert "Kirsten Vicevært" in html and "Høj musik" in html and "Tag sagen" in html
    took = client.post(
        reverse("neighbours-report-owner", args=[report.pk]), {"version": 1, "take": "1"}
    )
    assert took.status_code == 302
    report.refresh_from_db()
    assert report.owner == officer and report.status == ReportStatus.IN_PROGRESS
    bad = client.post(reverse("neighbours-report-event", args=[report.pk]), {"kind": "note"})
    assert bad.status_code == 422 and 'id="id_text_error"' in bad.content.decode()
    answered = client.post(
        reverse("neighbours-report-event", args=[report.pk]),
        {"kind": "contacted_reporter", "text": "Ringet til Kirsten; besøg aftalt"},
    )
    assert answered.status_code == 302
    html = client.get(detail).content.decode()
    assert "Ringet til Kirsten" in html and "svartid" in html
    close = reverse("neighbours-report-close", args=[report.pk])
    assert client.get(close).status_code == 200
    missing = client.post(close, {"version": 3, "resolution": ""})
    assert missing.status_code == 422
    assert (
        client.post(close, {"version": 3, "resolution": "Aftale om stilletid"}).status_code == 302
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED and report.resolution == "Aftale om stilletid"
    html = client.get(detail).content.decode()
    assert "Aftale om stilletid" in html and "Tilføj til forløbet" not in html
    again = client.post(close, {"version": 4, "resolution": "x"}, follow=True)
    assert "Sagen er lukket" in again.content.decode()


def test_a_stale_form_tells_the_second_writer(client, officer, report):
    # REQ: HOU-8, SEC-5
    client.force_login(officer)
    owner = reverse("neighbours-report-owner", args=[report.pk])
    assert client.post(owner, {"version": 1, "take": "1"}).status_code == 302
    response = client.post(
        reverse("neighbours-report-close", args=[report.pk]),
        {"version": 1, "resolution": "x"},
        follow=True,
    )
    assert "En anden har gemt" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS


def test_assigning_another_owner_through_the_page(client, officer, report, staff):
    # REQ: HOU-8
    from conftest import _make_user

    colleague = _make_user(officer.municipality, "housing_officer", "bh-housing2", ("housing",))
    client.force_login(officer)
    url = reverse("neighbours-report-owner", args=[report.pk])
    wrong = client.post(url, {"version": 1, "owner": staff["caseworker"].pk})
    assert wrong.status_code == 422
    assert client.post(url, {"version": 1, "owner": colleague.pk}).status_code == 302
    report.refresh_from_db()
    assert report.owner == colleague


def test_linking_through_the_suggestion(client, officer, report, placed, household):
    # REQ: HOU-8
    client.force_login(officer)
    url = reverse("neighbours-report-link", args=[report.pk])
    html = client.get(url).content.decode()
    assert "Knyt til Storegade 1, 3700 Rønne og Familien Haddad" in html
    response = client.post(url, {"version": 1, "dwelling": placed.pk, "household": household.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.dwelling == placed and report.household == household
    stale = client.post(url, {"version": 1, "dwelling": "", "household": ""}, follow=True)
    assert "En anden har gemt" in stale.content.decode()


def test_registering_a_phone_report(client, officer, channel):
    # REQ: HOU-8
    client.force_login(officer)
    url = reverse("neighbours-report-create")
    data = {
        "channel": channel.pk,
        "received_at": "",
        "reporter_name": "Jens Jensen",
        "reporter_phone": "20304050",
        "address": "Torvet 2",
        "description": "Skrald på trappen",
        "since": "2026-01-10",
        "urgency": "normal",
    }
    bad = client.post(url, data)
    assert bad.status_code == 422 and "Orientér indberetteren" in bad.content.decode()
    response = client.post(url, data | {"consent": "on"})
    report = NeighbourReport.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{report.pk}/")
    assert report.source == "phone"


def test_the_list_filters_and_its_query_count(client, officer, staff, channel):
    # REQ: HOU-8
    from conftest import _make_user

    colleague = _make_user(officer.municipality, "housing_officer", "bh-housing2", ("housing",))
    now = timezone.now()
    reports = [
        services.report_submit(
            channel=channel, data=report_data(address=f"Vej {i}"), now=now - timedelta(days=i)
        )
        for i in range(12)
    ]
    services.report_assign_owner(
        report=reports[0], acting_user=officer, owner=officer, expected_version=1
    )
    services.report_assign_owner(
        report=reports[1], acting_user=officer, owner=colleague, expected_version=1
    )
    services.report_close(
        report=reports[2], acting_user=officer, resolution="x", expected_version=1
    )
    client.force_login(officer)
    url = reverse("neighbours-report-list")

    def numbers(**params):
        html = client.get(url, params).content.decode()
        return {r.number for r in reports if f">{r.number}</a>" in html}

    assert len(numbers()) == 12
    html = client.get(url).content.decode()
    assert html.index(f">{reports[2].number}</a>") > max(
        html.index(f">{r.number}</a>") for r in reports if r != reports[2]
    )  # the closed case comes last, on every database
    assert numbers(mine="on") == {reports[0].number}
    assert numbers(owner=colleague.pk) == {reports[1].number}
    assert numbers(status="closed") == {reports[2].number}
    assert len(numbers(status="open")) == 11
    overdue = {r.number for r in reports[3:] if r.is_overdue}
    assert overdue and numbers(overdue="on") == overdue
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(12, 20):
        services.report_submit(channel=channel, data=report_data(), now=now - timedelta(days=i))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 16


def test_channels_are_created_edited_and_get_a_new_link(client, officer):
    # REQ: HOU-8
    client.force_login(officer)
    create = reverse("neighbours-channel-create")
    assert client.post(create, {"version": 0, "name": "", "kind": "other"}).status_code == 422
    response = client.post(
        create,
        {"version": 0, "name": "Private udlejere", "kind": "private_landlord", "active": "on"},
    )
    assert response.status_code == 302
    channel = ReportChannel.objects.get()
    listing = client.get(reverse("neighbours-channel-list")).content.decode()
    assert f"/report/{channel.token}/" in listing and "http" in listing
    old = channel.token
    renew = reverse("neighbours-channel-renew", args=[channel.pk])
    assert client.post(renew, {"version": 1}).status_code == 302
    channel.refresh_from_db()
    assert channel.token != old
    assert client.get(reverse("neighbours-public-report", args=[old])).status_code == 404
    stale = client.post(renew, {"version": 1}, follow=True)
    assert "En anden har gemt" in stale.content.decode()
    edit = reverse("neighbours-channel-edit", args=[channel.pk])
    assert (
        client.post(edit, {"version": 2, "name": "Private udlejere", "kind": "other"}).status_code
        == 302
    )
    channel.refresh_from_db()
    assert not channel.active and channel.kind == "other"
    assert client.get(reverse("neighbours-public-report", args=[channel.token])).status_code == 404
    assert AuditEntry.objects.filter(object_type="neighbours.ReportChannel").count() == 3
