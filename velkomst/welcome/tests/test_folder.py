"""The welcome folder per household (REC-7): PDF and preview, language choice, audit, tenancy."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.welcome.models import WelcomeText
from velkomst.welcome.selectors import welcome_folder

from .conftest import register

pytestmark = pytest.mark.django_db


def _preview(client, household, **params):
    response = client.get(reverse("welcome-preview", args=[household.pk]), params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_pdf_is_produced_and_audited_as_an_export_per_member(logged_in, caseworker, family):
    # REQ: REC-7, SEC-3
    client = logged_in(caseworker)
    response = client.get(reverse("welcome-pdf", args=[family.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
    exports = AuditEntry.objects.filter(action="export")
    assert set(exports.values_list("person_id", flat=True)) == set(
        family.members.values_list("pk", flat=True)
    )
    assert exports.count() == family.members.count()
    assert all(e.object_type == "people.Person" for e in exports)
    assert all(e.reason == "welcome folder PDF (ar)" for e in exports)


def test_the_folder_shows_municipality_contacts_meetings_documents_and_own_tasks(
    logged_in, caseworker, staff, family
):
    # REQ: REC-7
    from velkomst.people.services import case_add_contact_person

    amal = family.members.get(first_name="Amal")
    case_add_contact_person(
        case=amal.case, staff=staff["family_consultant"], acting_user=caseworker
    )
    client = logged_in(caseworker)
    response, html = _preview(client, family, lang="da")
    folder = response.context["folder"]
    assert folder.language == "da" and folder.household == family
    assert "Velkommen til Bornholm Kommune" in html and "Familien Haddad" in html
    assert caseworker.get_full_name() in html and staff["family_consultant"].get_full_name() in html
    assert "Fast sagsbehandler" in html and "Kontaktperson" in html
    # first meetings from the reception plan, with the date they are due by
    assert "Velkomstmøde" in html and "Senest" in html
    assert "Opholdstilladelse" in html and "Pas eller rejsedokument" in html
    assert "Børnenes vaccinationskort" in html
    assert "MitID" in html and "NemKonto" in html and "Digital Post" in html
    # the children's places (CHI-2)
    assert "Lina" in html and "Skole" in html and "Kommunen finder en plads" in html
    views = AuditEntry.objects.filter(action="view", reason__startswith="welcome folder")
    assert views.count() == family.members.count()


def test_a_language_without_translation_falls_back_to_danish(logged_in, caseworker):
    # REQ: REC-7: Tigrinya has no text, so the folder is Danish
    household = register(caseworker, language="ti", name="Familien Tesfay")
    client = logged_in(caseworker)
    response, html = _preview(client, household)
    folder = response.context["folder"]
    assert folder.language == "da" and folder.direction == "ltr" and folder.head_language == "ti"
    assert 'lang="da" dir="ltr"' in html and "Velkommen til" in html
    assert "ingen oversættelse til hovedpersonens sprog (tigrinya)" in html


def test_english_for_an_english_speaking_head(logged_in, caseworker):
    # REQ: REC-7
    household = register(caseworker, language="en", name="Familien Smith")
    client = logged_in(caseworker)
    response, html = _preview(client, household)
    assert response.context["folder"].language == "en"
    assert "Welcome to Bornholm Municipality" in html and "Residence permit" in html
    assert "What you must do yourselves" in html and "Velkommen til" not in html


def test_arabic_is_right_to_left_and_renders_as_pdf(logged_in, caseworker, family):
    # REQ: REC-7: right-to-left languages
    client = logged_in(caseworker)
    response, html = _preview(client, family)
    folder = response.context["folder"]
    assert folder.language == "ar" and folder.direction == "rtl"
    assert 'lang="ar" dir="rtl"' in html
    assert "مرحبًا بكم في بلدية Bornholm" in html and "ما يجب أن تحضروه معكم" in html
    # the sample has only the headings: the body is Danish, and marked as such
    assert '<p lang="da" dir="ltr">Vi glæder os' in html
    document = render_to_string("welcome/folder_pdf.html", {"folder": folder, "css": ""})
    assert '<html lang="ar" dir="rtl">' in document
    pdf = client.get(reverse("welcome-pdf", args=[family.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_lang_parameter_overrides_and_the_page_lists_the_languages(
    logged_in, caseworker, family
):
    # REQ: REC-7
    client = logged_in(caseworker)
    response, html = _preview(client, family, lang="en")
    assert response.context["folder"].language == "en"
    for code in ("da", "en", "ar"):
        assert f'href="?lang={code}"' in html
        assert f"{reverse('welcome-pdf', args=[family.pk])}?lang={code}" in html
    response, _html = _preview(client, family, lang="ti")
    assert response.context["folder"].language == "da"
    pdf = client.get(reverse("welcome-pdf", args=[family.pk]), {"lang": "en"})
    assert pdf["Content-Disposition"].endswith('-en.pdf"')


def test_a_municipalitys_own_translation_is_used_and_stays_its_own(
    logged_in, caseworker, other_caseworker
):
    # REQ: REC-7, SEC-1: more languages as data; another municipality's texts never show
    household = register(caseworker, language="ti", name="Familien Tesfay")
    WelcomeText.objects.create(
        municipality=caseworker.municipality, language="ti", key="title", text="እንቋዕ ብደሓን መጻእኩም"
    )
    WelcomeText.objects.create(
        municipality=other_caseworker.municipality,
        language="so",
        key="title",
        text="Ku soo dhawaada",
    )
    WelcomeText.objects.create(
        municipality=caseworker.municipality, language="da", key="intro", text="Vores egen intro."
    )
    WelcomeText.objects.create(
        municipality=None, language="da", key="intro", text="Platformens intro."
    )
    client = logged_in(caseworker)
    response, html = _preview(client, household)
    folder = response.context["folder"]
    assert folder.language == "ti" and "እንቋዕ ብደሓን መጻእኩም" in html
    codes = [language.code for language in folder.available]
    assert codes[0] == "da" and "ti" in codes and "so" not in codes
    # untranslated keys fall back to the municipality's Danish text before the platform's
    assert '<p lang="da" dir="ltr">Vores egen intro.</p>' in html
    assert "Platformens intro." not in html


def test_platform_text_wins_over_the_shipped_one(caseworker, family):
    # REQ: REC-7
    WelcomeText.objects.create(
        municipality=None, language="en", key="heading_bring", text="Bring these"
    )
    folder = welcome_folder(user=caseworker, household=family, requested_language="en")
    assert str(folder.texts["heading_bring"]) == "Bring these"
    assert str(folder.texts["heading_own_tasks"]) == "What you must do yourselves"


def test_booked_appointments_are_listed_with_time_and_place(caseworker, family):
    # REQ: REC-7: first appointments from the appointments app, when it is installed
    if not apps.is_installed("velkomst.appointments"):
        pytest.skip("the appointments app is not installed")
    Appointment = apps.get_model("appointments", "Appointment")
    welcome_task = family.reception_plan.tasks.get(category="welcome_meeting")
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=20), datetime.min.time())
    ) + timedelta(hours=10)
    Appointment.objects.create(
        municipality=family.municipality,
        household=family,
        kind="welcome_meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="Rådhuset, Rønne",
        plan_task=welcome_task,
        created_by=caseworker,
    )
    folder = welcome_folder(user=caseworker, household=family, requested_language="en")
    titles = [str(m.title) for m in folder.meetings]
    assert titles.count("Welcome meeting") == 1  # the booked one, not the plan's task again
    booked = next(m for m in folder.meetings if m.starts_at)
    assert booked.place == "Rådhuset, Rønne"
    html = render_to_string("welcome/_folder.html", {"folder": folder})
    assert "Rådhuset, Rønne" in html and "10:00" in html


def test_the_household_page_links_to_the_folder(logged_in, caseworker, family):
    # REQ: REC-7
    html = logged_in(caseworker).get(reverse("household-detail", args=[family.pk])).content.decode()
    assert reverse("welcome-pdf", args=[family.pk]) in html and "Velkomstmappe (PDF)" in html


def test_another_municipality_and_roles_without_access_get_nothing(
    logged_in, staff, family, other_caseworker
):
    # REQ: SEC-1, SEC-2
    for user, status in (
        (other_caseworker, 404),
        (staff["administrator"], 403),
        (staff["volunteer_coordinator"], 404),
    ):
        client = logged_in(user)
        for name in ("welcome-preview", "welcome-pdf"):
            response = client.get(reverse(name, args=[family.pk]))
            assert response.status_code == status, (user.role, name)
            assert "Haddad" not in response.content.decode(errors="ignore")
    assert not AuditEntry.objects.filter(action="export").exists()
    # roles that see the household read the folder (person.view)
    assert (
        logged_in(staff["family_consultant"])
        .get(reverse("welcome-preview", args=[family.pk]))
        .status_code
        == 200
    )


def test_a_text_needs_a_known_key_and_a_language_code(municipality):
    # REQ: SEC-5
    from django.core.exceptions import ValidationError

    text = WelcomeText(municipality=municipality, language="TIR", key="title", text="x")
    text.full_clean()
    assert text.language == "ti"
    with pytest.raises(ValidationError):
        WelcomeText(municipality=municipality, language="ti", key="nope", text="x").full_clean()
    with pytest.raises(ValidationError):
        WelcomeText(municipality=municipality, language="t1", key="title", text="x").full_clean()


def test_the_folder_gives_the_caseworkers_phone_email_address_and_opening_hours(
    logged_in, caseworker, family
):
    # REQ: REC-7
    caseworker.phone = "56 92 00 00"
    caseworker.email = "sagsbehandler@brk.dk"
    caseworker.save(update_fields=["phone", "email"])
    unit = caseworker.units.first()
    unit.address = "Ullasvej 23, 3700 Rønne"
    unit.opening_hours = "Man.–tors. 9–15, fre. 9–12"
    unit.save(update_fields=["address", "opening_hours"])
    client = logged_in(caseworker)
    _, html = _preview(client, family, lang="da")
    assert 'Telefon: <bdi dir="ltr">56 92 00 00</bdi>' in html
    assert 'E-mail: <bdi dir="ltr">sagsbehandler@brk.dk</bdi>' in html
    assert "Adresse: <bdi>Ullasvej 23, 3700 Rønne</bdi>" in html
    assert "Åbningstider: <bdi>Man.–tors. 9–15, fre. 9–12</bdi>" in html
    _, english = _preview(client, family, lang="en")
    assert "Phone:" in english and "Opening hours:" in english and "Address:" in english
    pdf = client.get(reverse("welcome-pdf", args=[family.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_without_a_phone_or_a_units_address_the_lines_are_left_out(logged_in, caseworker, family):
    # REQ: REC-7
    client = logged_in(caseworker)
    _, html = _preview(client, family, lang="da")
    assert caseworker.get_full_name() in html
    assert "Telefon:" not in html and "Åbningstider:" not in html and "Adresse:" not in html


def test_a_household_whose_head_speaks_ukrainian_gets_the_ukrainian_folder(logged_in, caseworker):
    # REQ: REC-7
    from velkomst.welcome.texts import KEYS, SHIPPED

    assert set(SHIPPED["uk"]) == set(KEYS)  # complete: nothing falls back to Danish
    household = register(caseworker, language="uk", name="Familien Kovalenko")
    client = logged_in(caseworker)
    response, html = _preview(client, household)
    folder = response.context["folder"]
    assert folder.language == "uk" and folder.direction == "ltr"
    assert 'lang="uk" dir="ltr"' in html
    assert "Ласкаво просимо до муніципалітету Bornholm" in html
    assert "Дозвіл на проживання" in html and "Що ви маєте зробити самі" in html
    assert "Працівник, який веде вашу справу" in html
    assert "Vi glæder os" not in html and "Opholdstilladelse" not in html
    assert "Українська" in html  # the language choice names it in Ukrainian
    pdf = client.get(reverse("welcome-pdf", args=[household.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    exports = AuditEntry.objects.filter(action="export", reason="welcome folder PDF (uk)")
    assert exports.count() == household.members.count()
