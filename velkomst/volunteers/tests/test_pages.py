"""The coordinator's pages: the resource bank, approvals, the volunteer's page with its
decision, certificate, hours and diploma forms, and the start-page panel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.volunteers import services
from velkomst.volunteers.models import Volunteer

from .conftest import with_certificate

pytestmark = pytest.mark.django_db


def _make(coordinator, n: int, **overrides):
    values = dict(kind="private", name=f"Frivillig {n:03}", phone="20 30 40 50", languages=["da"])
    values.update(overrides)
    v = services.volunteer_create(actor=coordinator, **values)
    services.offer_create(actor=coordinator, volunteer=v, kind="sports", audience=["children"])
    return v


def test_the_bank_lists_and_filters_volunteers(logged_in, coordinator, volunteer, area):
    # REQ: CIV-1
    other = _make(
        coordinator,
        1,
        languages=["ar", "da"],
        kind="association",
        association_name="Idrætsforeningen",
    )
    client = logged_in(coordinator)
    url = reverse("volunteers-bank")
    html = client.get(url).content.decode()
    assert "Karen Frivillig" in html and "Frivillig 001" in html and "Idrætsforeningen" in html
    assert "/frivillig/400/" in html  # the public link to send out

    def names(**query):
        response = client.get(url, query)
        assert response.status_code == 200
        return [v.name for v in response.context["page"].object_list]

    assert names(language="ar") == [other.name]
    assert names(language="arabisk") == [other.name]  # a name is read as its code
    assert names(offer_kind="mentor") == ["Karen Frivillig"]
    assert names(audience="children") == [other.name]
    assert names(area=str(area.pk)) == ["Karen Frivillig"]
    assert names(kind="association") == [other.name]
    assert names(status="pending") == []
    assert names(q="karen") == ["Karen Frivillig"]


def test_the_bank_runs_a_fixed_number_of_queries(logged_in, coordinator, volunteer):
    # REQ: CIV-1
    client = logged_in(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("volunteers-bank")).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for n in range(6):
        _make(coordinator, n, languages=["ar"])
    assert queries() == before


def test_approving_and_declining_on_the_page(logged_in, coordinator, municipality):
    # REQ: CIV-1
    values = dict(
        kind="private",
        phone="20 30 40 50",
        email="",
        languages=["da"],
        area=None,
        about="",
        association_name="",
    )
    offer = services.OfferData(kinds=["mentor"], audience=["adults"])
    a = services.register_public(
        municipality=municipality, values={**values, "name": "Anne A"}, offer=offer, address="1"
    )
    b = services.register_public(
        municipality=municipality, values={**values, "name": "Bent B"}, offer=offer, address="2"
    )
    client = logged_in(coordinator)
    html = client.get(reverse("volunteers-approvals")).content.decode()
    assert "Anne A" in html and "Bent B" in html
    page = client.get(reverse("volunteers-detail", args=[a.pk])).content.decode()
    assert "Godkendt" in page and "Afvist" in page
    ok = client.post(
        reverse("volunteers-decide", args=[a.pk]), {"version": "1", "status": "approved"}
    )
    assert ok.status_code == 302
    no_reason = client.post(
        reverse("volunteers-decide", args=[b.pk]), {"version": "1", "status": "declined"}
    )
    assert no_reason.status_code == 422
    assert 'id="id_reason_error"' in no_reason.content.decode()
    declined = client.post(
        reverse("volunteers-decide", args=[b.pk]),
        {"version": "1", "status": "declined", "reason": "Vi mangler ikke mentorer nu."},
    )
    assert declined.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("approved", "declined")
    html = client.get(reverse("volunteers-approvals")).content.decode()
    assert "Anne A" not in html and "Bent B" not in html
    own = client.get(reverse("volunteers-own-entry", args=[b.token])).content.decode()
    assert "Din tilmelding er afsluttet" in own and 'name="name"' not in own


def test_the_detail_page_shows_why_a_volunteer_may_not_work_with_children(
    logged_in, coordinator, volunteer
):
    # REQ: CIV-3
    today = timezone.localdate()
    with_certificate(
        volunteer, coordinator, received=today - timedelta(days=800), expires=today - timedelta(1)
    )
    client = logged_in(coordinator)
    html = client.get(reverse("volunteers-detail", args=[volunteer.pk])).content.decode()
    assert "Kan ikke matches med børn" in html and "Børneattesten for Karen Frivillig udløb" in html
    assert f"/frivillig/ret/{volunteer.token}/" in html  # the own link, for the coordinator
    tasks = client.get(reverse("my-tasks")).content.decode()
    assert "Børneattest udløbet" in tasks and "Karen Frivillig" in tasks
    start = client.get("/")
    figures = {f.label: f.count for panel in start.context["panels"] for f in panel.figures}
    assert figures["Børneattester udløbet"] == 1


def test_certificate_hours_and_diploma_through_the_page(logged_in, coordinator, volunteer):
    # REQ: CIV-6
    client = logged_in(coordinator)
    detail = reverse("volunteers-detail", args=[volunteer.pk])
    bad = client.post(
        reverse("volunteers-hours", args=[volunteer.pk]),
        {"period_start": "2026-01-01", "period_end": "2025-12-01", "hours": "x"},
    )
    assert bad.status_code == 422
    html = bad.content.decode()
    assert 'id="id_period_end_error"' in html and 'id="id_hours_error"' in html
    ok = client.post(
        reverse("volunteers-hours", args=[volunteer.pk]),
        {
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
            "hours": "6.5",
            "activity": "Mentor",
        },
    )
    assert ok.status_code == 302 and ok.url == detail
    issued = client.post(
        reverse("volunteers-diploma-issue", args=[volunteer.pk]),
        {"period_start": "2026-01-01", "period_end": "2026-06-30"},
    )
    assert issued.status_code == 302
    diploma = volunteer.diplomas.get()
    pdf = client.get(reverse("volunteers-diploma-pdf", args=[diploma.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    cert = client.post(
        reverse("volunteers-certificate", args=[volunteer.pk]),
        {"version": str(volunteer.version), "child_certificate_received_on": "2099-01-01"},
    )
    assert cert.status_code == 422 and "i fremtiden" in cert.content.decode()


def test_a_refugee_volunteer_is_linked_by_cpr_and_reads_are_audited(
    logged_in, coordinator, staff, person
):
    # REQ: CIV-6
    person.cpr = "1403881234"
    person.save(update_fields=["cpr"])
    client = logged_in(coordinator)
    data = {
        "version": "0",
        "kind": "refugee",
        "name": "Amal Haddad",
        "cpr": "140388-9999",
        "phone": "20 30 40 50",
        "languages": ["ar"],
    }
    missing = client.post(reverse("volunteers-create"), data)
    assert missing.status_code == 422 and 'id="id_cpr_error"' in missing.content.decode()
    assert not Volunteer.objects.exists()
    # the coordinator sees the citizen only if their unit may (persons_visible_to)
    coordinator.units.add(*staff["caseworker"].units.all())
    created = client.post(reverse("volunteers-create"), {**data, "cpr": "140388-1234"})
    assert created.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.person == person and volunteer.status == "approved"
    client.get(reverse("volunteers-detail", args=[volunteer.pk]))
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()


def test_roles_and_tenancy_of_the_pages(logged_in, staff, volunteer, other_caseworker):
    # REQ: CIV-1
    manager = logged_in(staff["manager"])
    assert manager.get(reverse("volunteers-bank")).status_code == 200
    html = manager.get(reverse("volunteers-detail", args=[volunteer.pk])).content.decode()
    assert "Karen Frivillig" in html and "Gem afgørelse" not in html
    assert volunteer.token not in html  # the manager reads; the own link is the coordinator's
    assert (
        manager.post(
            reverse("volunteers-hours", args=[volunteer.pk]),
            {"period_start": "2026-01-01", "period_end": "2026-01-31", "hours": "2"},
        ).status_code
        == 403
    )
    caseworker = logged_in(staff["caseworker"])
    assert caseworker.get(reverse("volunteers-bank")).status_code == 403
    other = logged_in(other_caseworker)
    assert other.get(reverse("volunteers-detail", args=[volunteer.pk])).status_code in (403, 404)


def test_offer_pages(logged_in, coordinator, volunteer):
    # REQ: CIV-1
    client = logged_in(coordinator)
    create = reverse("volunteers-offer-create", args=[volunteer.pk])
    assert client.get(create).status_code == 200
    bad = client.post(
        create,
        {
            "version": "0",
            "kind": "transport",
            "capacity": "1",
            "time_from": "10:00",
            "time_to": "09:00",
        },
    )
    assert bad.status_code == 422
    html = bad.content.decode()
    assert 'id="id_audience_error"' in html and 'id="id_time_to_error"' in html
    ok = client.post(
        create,
        {
            "version": "0",
            "kind": "transport",
            "capacity": "3",
            "audience": ["adults"],
            "weekdays": ["5"],
            "active": "on",
        },
    )
    assert ok.status_code == 302
    offer = volunteer.offers.get(kind="transport")
    assert offer.weekdays == [5] and offer.capacity == 3
    edit = reverse("volunteers-offer-edit", args=[offer.pk])
    assert client.get(edit).status_code == 200
