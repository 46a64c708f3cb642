"""Private lodging's pages (HOU-6): roles, tenant isolation, forms with field messages, the
offer's candidates with reasons, meetings and decisions through the test client."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.hosts import services
from velkomst.hosts.models import Host, HostOffer, Lease, LodgingProfile, Meeting, OfferStatus
from velkomst.housing.models import Placement

from .conftest import host_values, offer_values

pytestmark = pytest.mark.django_db

# role -> (host list, offer page, new host, lodging profile of the household)
MATRIX = {
    "housing_officer": (200, 200, 200, 200),
    "caseworker": (200, 200, 403, 200),
    "manager": (200, 200, 403, 200),
    "job_consultant": (403, 403, 403, 403),
    "administrator": (403, 403, 403, 403),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix(client, staff, offer, household, role):
    # REQ: HOU-6, SEC-2
    client.force_login(staff[role])
    urls = [
        reverse("hosts-host-list"),
        reverse("hosts-offer-detail", args=[offer.pk]),
        reverse("hosts-host-create"),
        reverse("household-lodging-profile", args=[household.pk]),
    ]
    assert tuple(client.get(url).status_code for url in urls) == MATRIX[role]


def test_readers_cannot_write(client, staff, offer, household, need):
    # REQ: HOU-6, SEC-2
    client.force_login(staff["caseworker"])
    meeting_url = reverse("hosts-meeting-propose", args=[offer.pk])
    data = {"household": household.pk, "meeting_at": "2026-06-20T14:00", "place": "Hos værten"}
    assert client.post(f"{meeting_url}?household={household.pk}", data).status_code == 403
    assert client.post(reverse("hosts-host-create"), {"name": "x"}).status_code == 403
    assert not Meeting.objects.exists()
    html = client.get(reverse("hosts-offer-detail", args=[offer.pk])).content.decode()
    assert "Foreslå møde" not in html and "Ret tilbud" not in html


def test_another_municipalitys_objects_are_404(client, officer, other_household):
    # REQ: HOU-6, SEC-1
    from conftest import _make_user

    outsider = _make_user(other_household.municipality, "housing_officer", "ab-housing")
    host = services.host_create(acting_user=outsider, **host_values(None, name="Ole Fremmed"))
    offer = services.offer_create(acting_user=outsider, host=host, **offer_values())
    client.force_login(officer)
    for url in (
        reverse("hosts-host-detail", args=[host.pk]),
        reverse("hosts-host-edit", args=[host.pk]),
        reverse("hosts-offer-create", args=[host.pk]),
        reverse("hosts-offer-detail", args=[offer.pk]),
        reverse("hosts-offer-edit", args=[offer.pk]),
        reverse("hosts-meeting-propose", args=[offer.pk]) + f"?household={other_household.pk}",
        reverse("household-lodging-profile", args=[other_household.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code in (404, 405), url
    assert "Ole Fremmed" not in client.get(reverse("hosts-host-list")).content.decode()


def test_hosts_and_offers_are_made_through_the_pages(client, officer, area):
    # REQ: HOU-6
    client.force_login(officer)
    data = {"version": 0, "name": "Jens Holm", "address": "Stavnsholtvej 3", "area": area.pk}
    bad = client.post(reverse("hosts-host-create"), data | {"name": "", "email": "nej"})
    assert bad.status_code == 422 and 'id="id_email_error"' in bad.content.decode()
    response = client.post(reverse("hosts-host-create"), data)
    host = Host.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "hosts-host-detail", args=[host.pk]
    )
    offer_data = {
        "version": 0,
        "kind": "room",
        "rooms": 1,
        "size_m2": 14,
        "rent": 3000,
        "utilities": 300,
        "available_from": "2026-06-01",
        "max_persons": 1,
        "household_types": ["single"],
        "languages": "da, en",
        "status": "open",
    }
    create = reverse("hosts-offer-create", args=[host.pk])
    bad = client.post(create, offer_data | {"languages": "xqzwv", "household_types": []})
    body = bad.content.decode()
    assert bad.status_code == 422 and "xqzwv&#x27; er ikke et kendt sprog" in body
    assert 'id="id_household_types_error"' in body and "<fieldset" in body
    assert client.post(create, offer_data).status_code == 302
    offer = HostOffer.objects.get()
    assert offer.languages == ["da", "en"] and offer.household_types == ["single"]
    edit = reverse("hosts-offer-edit", args=[offer.pk])
    assert client.post(edit, offer_data | {"version": 1, "rent": 3100}).status_code == 302
    stale = client.post(edit, offer_data | {"version": 1, "rent": 3200})
    assert "En anden har gemt" in stale.content.decode()
    matched = client.post(edit, offer_data | {"version": 2, "status": "matched"})
    assert matched.status_code == 422
    offer.refresh_from_db()
    assert (offer.rent, offer.status) == (3100, OfferStatus.OPEN)


def test_the_host_list_filters_by_offer_status_in_few_queries(client, officer, area, offer):
    # REQ: HOU-6
    for i in range(5):
        host = services.host_create(acting_user=officer, **host_values(area, name=f"Vært {i}"))
        services.offer_create(acting_user=officer, host=host, **offer_values())
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("hosts-host-list")).content.decode()
    assert "6 værter" in html and len(queries) <= 8
    services.offer_update(
        offer=offer, acting_user=officer, expected_version=1, status=OfferStatus.WITHDRAWN
    )
    html = client.get(reverse("hosts-host-list"), {"status": "withdrawn"}).content.decode()
    assert "1 vært" in html and "Karen Vestergaard" in html


def test_the_offer_page_ranks_candidates_with_reasons_and_logs_the_reads(
    client, officer, offer, household, need, caseworker
):
    # REQ: HOU-6, SEC-3
    from conftest import member
    from velkomst.housing.services import NeedData, housing_need_save
    from velkomst.people.services import household_create

    big = household_create(
        acting_user=caseworker,
        name="Familien Mehari",
        visitation_date=date(2026, 5, 1),
        expected_arrival_date=date(2026, 6, 1),
        members=[member(first_name=f"M{i}", last_name="Mehari") for i in range(5)],
    )
    housing_need_save(household=big, acting_user=officer, data=NeedData())
    client.force_login(officer)
    before = AuditEntry.objects.filter(action="view").count()
    html = client.get(reverse("hosts-offer-detail", args=[offer.pk])).content.decode()
    assert "Familien Haddad" in html and "Fælles sprog med værten: arabisk" in html
    assert "Familien Mehari" in html and "5 personer; værten har kun plads til 4" in html
    assert f"?household={household.pk}" in html and f"?household={big.pk}" not in html
    assert AuditEntry.objects.filter(action="view").count() - before == 3 + 5


def test_the_lodging_profile_page(client, officer, household, staff):
    # REQ: HOU-6
    client.force_login(officer)
    url = reverse("household-lodging-profile", args=[household.pk])
    data = {"version": 0, "has_pets": "on", "wants_private_lodging": "on"}
    assert client.post(url, data).status_code == 302
    profile = LodgingProfile.objects.get()
    assert profile.has_pets and profile.wants_private_lodging and not profile.smokes
    stale = client.post(url, data | {"smokes": "on"})
    assert "En anden har gemt" in stale.content.decode()
    client.force_login(staff["caseworker"])
    html = client.get(url).content.decode()
    assert 'name="has_pets"' not in html and "Husstanden har kæledyr" in html
    assert client.post(url, data | {"version": 1}).status_code == 403


def test_propose_meet_and_both_yes_places_the_household(client, officer, offer, household, need):
    # REQ: HOU-6
    client.force_login(officer)
    url = reverse("hosts-meeting-propose", args=[offer.pk]) + f"?household={household.pk}"
    page = client.get(url).content.decode()
    assert "Fælles sprog med værten: arabisk" in page
    bad = client.post(url, {"household": household.pk, "meeting_at": "", "place": ""})
    assert bad.status_code == 422
    response = client.post(
        url, {"household": household.pk, "meeting_at": "2026-06-20T14:00", "place": "Hos værten"}
    )
    meeting = Meeting.objects.get()
    detail = reverse("hosts-meeting-detail", args=[meeting.pk])
    assert response["Location"] == detail
    decision = {
        "version": 1,
        "host_decision": "yes",
        "household_decision": "yes",
        "start_date": "2026-07-01",
        "end_date": "2028-07-02",
        "monthly_rent": 4500,
    }
    too_long = client.post(detail, decision)
    assert too_long.status_code == 422
    assert 'id="id_end_date_error"' in too_long.content.decode()
    assert not Placement.objects.exists()
    assert client.post(detail, decision | {"end_date": "2028-06-30"}).status_code == 302
    html = client.get(detail).content.decode()
    assert "er placeret på Bregnerødvej 12" in html and "Registrér beslutninger" not in html
    assert Lease.objects.get().placement == Placement.objects.get(household=household)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.MATCHED


def test_a_no_keeps_the_offer_open_on_the_pages(client, officer, offer, household, need):
    # REQ: HOU-6
    meeting = services.meeting_propose(
        acting_user=officer,
        offer=offer,
        household=household,
        meeting_at=datetime(2026, 6, 20, 10, tzinfo=UTC),
        place="Rådhuset",
    )
    client.force_login(officer)
    detail = reverse("hosts-meeting-detail", args=[meeting.pk])
    data = {"version": 1, "host_decision": "no", "household_decision": "pending", "note": "Nej"}
    assert client.post(detail, data).status_code == 302
    stale = client.post(detail, data, follow=True)  # told that someone saved first
    assert "En anden har gemt" in stale.content.decode()
    meeting.refresh_from_db()
    assert meeting.outcome == "declined" and meeting.outcome_note == "Nej"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN and not Placement.objects.exists()
    html = client.get(reverse("hosts-offer-detail", args=[offer.pk])).content.decode()
    assert "Intet match" in html


def test_the_menu_links_to_the_hosts(client, officer):
    client.force_login(officer)
    html = client.get(reverse("housing-dwelling-list")).content.decode()
    assert reverse("hosts-host-list") in html and "Private værter" in html


def test_the_offer_page_reads_in_a_constant_number_of_queries(
    client, officer, offer, household, need, caseworker
):
    # REQ: HOU-6
    from conftest import member
    from velkomst.housing.services import NeedData, housing_need_save
    from velkomst.people.services import household_create

    def add(n):
        for i in range(n):
            h = household_create(
                acting_user=caseworker,
                name=f"Husstand {n}-{i}",
                visitation_date=date(2026, 5, 1),
                expected_arrival_date=date(2026, 6, 1),
                members=[member(first_name=f"P{i}", last_name=f"H{n}"), member(relation="child")],
            )
            housing_need_save(household=h, acting_user=officer, data=NeedData())
            services.meeting_propose(
                acting_user=officer,
                offer=offer,
                household=h,
                meeting_at=datetime(2026, 6, 20, 10, tzinfo=UTC),
                place="Hos værten",
            )

    client.force_login(officer)
    url = reverse("hosts-offer-detail", args=[offer.pk])
    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(4)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Husstand 4-3" in html
    assert len(many) == len(few) <= 20
