"""The volunteers' public registration and their own secret link: no login, CSRF, every field
checked, consent, a rate limit per address, and nothing told about anyone else (CIV-1)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.volunteers.forms import RegistrationForm
from velkomst.volunteers.models import Offer, Volunteer, VolunteerStatus

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    values = {
        "kind": "private",
        "association_name": "",
        "name": "Mette Hjælper",
        "phone": "+45 20 30 40 50",
        "email": "mette@example.dk",
        "languages": ["da", "ar"],
        "area": "",
        "about": "Har bil.",
        "kinds": ["mentor", "homework_help"],
        "audience": ["children", "families"],
        "weekdays": ["1", "3"],
        "time_from": "16:00",
        "time_to": "18:00",
        "capacity": "2",
        "consent": "on",
    }
    values.update(overrides)
    return values


def url(municipality):
    return reverse("volunteers-public-register", args=[municipality.code])


def test_a_volunteer_registers_without_logging_in(client, municipality, area):
    # REQ: CIV-1
    page = client.get(url(municipality))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bornholm Kommune" in html and 'name="csrfmiddlewaretoken"' in html
    assert "Jeg har læst, hvordan kommunen bruger mine oplysninger" in html  # consent
    assert "Datatilsynet" in html  # the GDPR notice
    response = client.post(url(municipality), form_data(area=str(area.pk)))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert response.url == reverse("volunteers-own-entry", args=[volunteer.token])
    assert volunteer.status == VolunteerStatus.PENDING and volunteer.registered_via == "public"
    assert volunteer.consent_at is not None and volunteer.languages == ["ar", "da"]
    assert volunteer.source_key and "127.0.0.1" not in volunteer.source_key
    offers = Offer.objects.filter(volunteer=volunteer).order_by("kind")
    assert [o.kind for o in offers] == ["homework_help", "mentor"]
    assert offers[0].audience == ["children", "families"] and offers[0].weekdays == [1, 3]
    assert offers[0].area == area and offers[0].capacity == 2
    entry = AuditEntry.objects.get(object_type="volunteers.Volunteer")
    assert entry.action == "create" and entry.actor_id is None and entry.channel == "link"
    own = client.get(response.url)
    assert own.status_code == 200 and "Afventer godkendelse" in own.content.decode()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "Dette felt er påkrævet"),
        ("phone", "12", "Skriv et telefonnummer"),
        ("email", "ikke-en-mail", "gyldig e-mail-adresse"),
        ("kind", "robot", "gyldig valgmulighed"),
        ("languages", [], "Dette felt er påkrævet"),
        ("languages", ["xx-ukendt"], "ikke et kendt sprog"),
        ("kinds", [], "Dette felt er påkrævet"),
        ("kinds", ["astronaut"], "gyldig valgmulighed"),
        ("audience", [], "Dette felt er påkrævet"),
        ("weekdays", ["9"], "gyldig valgmulighed"),
        ("time_from", "kl. 4", "gyldig tid"),
        ("time_to", "15:00", "efter starttidspunktet"),
        ("capacity", "0", "større end eller lig 1"),
        ("area", "999999", "gyldig valgmulighed"),
        ("association_name", "", "Skriv foreningens navn"),
        ("consent", "", "Sæt kryds for at give dit samtykke"),
    ],
)
def test_each_missing_or_malformed_field_is_named_and_nothing_is_written(
    client, municipality, field, value, message
):
    # REQ: CIV-1
    overrides = {field: value}
    if field == "association_name":
        overrides["kind"] = "association"
    response = client.post(url(municipality), form_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in html and message in html
    label = str(RegistrationForm.base_fields[field].label)
    assert f">{label}</a>:" in html  # the summary at the top names the field
    assert not Volunteer.objects.exists() and not Offer.objects.exists()
    assert not AuditEntry.objects.filter(object_type__startswith="volunteers.").exists()


def test_phone_or_email_is_needed(client, municipality):
    # REQ: CIV-1
    response = client.post(url(municipality), form_data(phone="", email=""))
    assert response.status_code == 422
    assert "Skriv telefon eller e-mail" in response.content.decode()
    assert not Volunteer.objects.exists()


def test_an_association_member_registers_for_the_association(client, municipality):
    # REQ: CIV-1
    response = client.post(
        url(municipality), form_data(kind="association", association_name="Røde Kors Rønne")
    )
    assert response.status_code == 302
    assert Volunteer.objects.get().association_name == "Røde Kors Rønne"


def test_the_form_needs_the_csrf_token(municipality):
    # REQ: CIV-1
    client = Client(enforce_csrf_checks=True)
    assert client.post(url(municipality), form_data()).status_code == 403
    page = client.get(url(municipality))
    token = page.cookies["csrftoken"].value
    assert client.post(url(municipality), form_data(csrfmiddlewaretoken=token)).status_code == 302


def test_registrations_from_one_address_are_rate_limited(client, municipality):
    # REQ: CIV-1
    for n in range(5):
        ok = client.post(url(municipality), form_data(name=f"Frivillig {n}"))
        assert ok.status_code == 302
    refused = client.post(url(municipality), form_data(name="Frivillig 6"))
    assert refused.status_code == 429
    assert "mange tilmeldinger" in refused.content.decode()
    assert Volunteer.objects.count() == 5
    other = client.post(url(municipality), form_data(name="Anden adresse"), REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302 and Volunteer.objects.count() == 6


def test_registering_twice_reveals_nothing(client, municipality):
    # REQ: CIV-1
    first = client.post(url(municipality), form_data())
    second = client.post(url(municipality), form_data())
    assert first.status_code == second.status_code == 302
    page1, page2 = client.get(first.url), client.get(second.url)
    assert page1.status_code == page2.status_code == 200
    assert "allerede" not in page2.content.decode()
    assert Volunteer.objects.count() == 2  # the coordinator sees both; the form tells nothing


def test_unknown_municipality_and_token_are_404(client, municipality):
    # REQ: CIV-1
    assert client.get(reverse("volunteers-public-register", args=["999"])).status_code == 404
    assert client.get(reverse("volunteers-own-entry", args=["ukendt"])).status_code == 404
    assert client.post(reverse("volunteers-own-entry", args=["ukendt"]), {}).status_code == 404


def test_the_volunteer_corrects_their_entry_through_the_secret_link(client, municipality):
    # REQ: CIV-1
    client.post(url(municipality), form_data())
    volunteer = Volunteer.objects.get()
    link = reverse("volunteers-own-entry", args=[volunteer.token])
    page = client.get(link).content.decode()
    assert "Mette Hjælper" in page and 'value="mentor"' in page
    data = form_data(phone="+45 99 88 77 66", kinds=["mentor", "sports"], version="1")
    del data["consent"]
    response = client.post(link, data)
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.phone == "+45 99 88 77 66" and volunteer.version == 2
    active = set(volunteer.offers.filter(active=True).values_list("kind", flat=True))
    assert active == {"mentor", "sports"}
    assert not volunteer.offers.get(kind="homework_help").active
    entry = AuditEntry.objects.filter(object_type="volunteers.Volunteer", action="change").get()
    assert entry.actor_id is None and entry.changes["phone"][1] == "+45 99 88 77 66"
    stale = client.post(link, {**data, "phone": "+45 11 22 33 44"})  # version 1 again
    assert stale.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.phone == "+45 99 88 77 66"  # the later edit was refused


def test_a_bad_correction_names_the_field_and_changes_nothing(client, municipality):
    # REQ: CIV-1
    client.post(url(municipality), form_data())
    volunteer = Volunteer.objects.get()
    link = reverse("volunteers-own-entry", args=[volunteer.token])
    data = form_data(name="", version="1")
    response = client.post(link, data)
    assert response.status_code == 422 and 'id="id_name_error"' in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.name == "Mette Hjælper" and volunteer.version == 1


def test_only_the_public_paths_are_open_without_login(client, municipality, volunteer):
    # REQ: CIV-1
    for name, args in (
        ("volunteers-bank", []),
        ("volunteers-approvals", []),
        ("volunteers-detail", [volunteer.pk]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_volunteers_concern_through_their_link_reaches_the_children_and_family_unit(volunteer):
    # REQ: CIV-3
    from velkomst.referrals.models import Referral

    client = Client()
    link = reverse("volunteers-own-concern", args=[volunteer.token])
    assert (
        "bekymring"
        in client.get(reverse("volunteers-own-entry", args=[volunteer.token])).content.decode()
    )
    missing = client.post(link, {"child_description": "", "text": "Virker sulten"})
    assert missing.status_code == 422 and "Hvilket barn" in missing.content.decode()
    assert not Referral.objects.exists()
    sent = client.post(
        link, {"child_description": "Pigen på 7 år i familien på Storegade 3", "text": "Sulten"}
    )
    assert sent.status_code == 302
    concern = Referral.objects.get()
    assert concern.is_concern and concern.to_unit.kind == "children_family"
    assert concern.reporter_name == "Karen Frivillig" and concern.volunteer_id == volunteer.pk
    volunteer.status = VolunteerStatus.DECLINED
    volunteer.save(update_fields=["status"])
    assert client.get(link).status_code == 403
    assert client.get(reverse("volunteers-own-concern", args=["ukendt"])).status_code == 404
