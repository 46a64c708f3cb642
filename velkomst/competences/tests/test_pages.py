from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from velkomst.competences import cv, selectors, services
from velkomst.competences.models import Skill, TradeInterest, WorkExperience
from velkomst.core.models import AuditEntry


def test_person_page_links_to_competences(logged_in, caseworker, person):
    response = logged_in(caseworker).get(reverse("person-detail", args=[person.pk]))
    assert reverse("competences", args=[person.pk]) in response.content.decode()


def test_page_shows_sections_and_logs_a_read(logged_in, caseworker, person):
    # REQ: PRG-3
    services.work_add(
        actor=caseworker, person=person, occupation="7115", country="SY", years=3, employer="Bina"
    )
    services.language_add(actor=caseworker, person=person, language="ar", level="C2")
    response = logged_in(caseworker).get(reverse("competences", args=[person.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tømrere og snedkere" in html
    assert "Syrien" in html
    assert "C2 – mesterniveau" in html
    assert "Tilføj erhvervserfaring" in html
    assert '<optgroup label="Håndværkspræget arbejde">' in html
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()


def test_reader_without_edit_sees_no_forms(logged_in, staff, person):
    family = staff["family_consultant"]
    family.units.add(*person.household.units.all())
    response = logged_in(family).get(reverse("competences", args=[person.pk]))
    assert response.status_code == 200
    assert "Tilføj" not in response.content.decode()
    response = logged_in(family).post(
        reverse("competences-add", args=[person.pk]), {"section": "skill", "skill-tag": "Truck"}
    )
    assert response.status_code == 403


def test_roles_without_programme_view_get_403(logged_in, staff, person):
    response = logged_in(staff["housing_officer"]).get(reverse("competences", args=[person.pk]))
    assert response.status_code == 403


def test_another_municipality_gets_404(logged_in, other_caseworker, person):
    response = logged_in(other_caseworker).get(reverse("competences", args=[person.pk]))
    assert response.status_code == 404


def test_htmx_add_swaps_the_section(logged_in, caseworker, person):
    # REQ: PRG-3
    client = logged_in(caseworker)
    response = client.post(
        reverse("competences-add", args=[person.pk]),
        {
            "section": "work",
            "work-occupation": "5120",
            "work-country": "SY",
            "work-years": "2,5",
            "work-employer": "Restaurant Sham",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="work"')
    assert "Kokke" in html and "Restaurant Sham" in html
    assert WorkExperience.objects.get().years == 2.5


def test_bad_input_shows_the_field_message(logged_in, caseworker, person):
    # REQ: PRG-3
    client = logged_in(caseworker)
    response = client.post(
        reverse("competences-add", args=[person.pk]),
        {"section": "work", "work-occupation": "5120", "work-country": "SY", "work-years": "45"},
    )
    assert response.status_code == 422
    assert "alder minus" in response.content.decode()
    response = client.post(
        reverse("competences-add", args=[person.pk]),
        {"section": "work", "work-occupation": "9999", "work-country": "SY", "work-years": "1"},
    )
    assert response.status_code == 422
    assert (
        "Vælg et gyldigt valg" in response.content.decode() or "Ukendt" in response.content.decode()
    )
    assert not WorkExperience.objects.exists()


def test_remove_and_profile(logged_in, caseworker, person):
    client = logged_in(caseworker)
    skill = services.skill_add(actor=caseworker, person=person, tag="Svejsning")
    response = client.post(
        reverse("competences-remove", args=[person.pk]),
        {"section": "skill", "item": skill.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert not Skill.objects.exists()
    response = client.post(
        reverse("competences-profile", args=[person.pk]),
        {"driving_licences": ["B", "C"], "it_level": "good", "version": ""},
    )
    assert response.status_code == 302
    comp = selectors.competences_of(person)
    assert comp.driving_licences == ["B", "C"] and comp.it_level == "good"


def test_remove_of_another_persons_item_is_404(logged_in, caseworker, person, household):
    other = household.members.get(first_name="Omar")
    skill = services.skill_add(actor=caseworker, person=other, tag="Svejsning")
    response = logged_in(caseworker).post(
        reverse("competences-remove", args=[person.pk]), {"section": "skill", "item": skill.pk}
    )
    assert response.status_code == 404
    assert Skill.objects.exists()


def _full_profile(caseworker, person):
    services.trade_interest_add(actor=caseworker, person=person, occupation="7115")
    for i in range(4):
        services.work_add(
            actor=caseworker,
            person=person,
            occupation="7115",
            title="Tømrer",
            employer=f"Arbejdsgiver {i}",
            country="SY",
            years=2,
            end_year=2010 + 3 * i,
        )
    for level, name in (("3", "Gymnasium"), ("6", "Byggeteknik"), ("4", "Kursus")):
        services.education_add(
            actor=caseworker,
            person=person,
            level=level,
            field=name,
            institution="Damaskus Universitet",
            country="SY",
            start_year=2004,
            end_year=2008,
            diploma_held=True,
        )
    services.recognition_add(
        actor=caseworker,
        person=person,
        qualification="Bachelor i byggeteknik",
        authority="Uddannelses- og Forskningsstyrelsen",
        applied_on=date(2026, 1, 5),
        result="partly",
        decided_on=date(2026, 3, 1),
    )
    for language, level in (("ar", "C2"), ("en", "B1"), ("da", "A2")):
        services.language_add(actor=caseworker, person=person, language=language, level=level)
    for tag in ("Svejsning", "Truckcertifikat", "Kundeservice"):
        services.skill_add(actor=caseworker, person=person, tag=tag)
    services.profile_update(
        actor=caseworker,
        person=person,
        expected_version=None,
        driving_licences=["B"],
        it_level="basic",
    )


def test_cv_pdf_danish_one_page_no_cpr_audited_as_export(logged_in, caseworker, person):
    # REQ: PRG-3
    _full_profile(caseworker, person)
    person.cpr = "1403881234"
    person.save(update_fields=["cpr"])
    comp = selectors.competences_of(person)
    html = cv.cv_html(comp, language="da")
    assert "Erhvervserfaring" in html and "Tømrere og snedkere" in html
    assert "1403881234" not in html and "140388-1234" not in html
    assert cv.page_count(html) == 1
    response = logged_in(caseworker).get(reverse("competences-cv", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="export", person_id=person.pk)
    assert entry.reason == "CV som PDF (da)"


def test_cv_in_english_on_request(logged_in, caseworker, person):
    # REQ: PRG-3
    _full_profile(caseworker, person)
    html = cv.cv_html(selectors.competences_of(person), language="en")
    assert "Work experience" in html and "Carpenters and joiners" in html and "Syria" in html
    response = logged_in(caseworker).get(reverse("competences-cv", args=[person.pk]) + "?lang=en")
    assert response.status_code == 200
    assert AuditEntry.objects.get(action="export").reason == "CV som PDF (en)"


@pytest.mark.parametrize("role", ["housing_officer", "volunteer_coordinator", "administrator"])
def test_cv_needs_programme_view(logged_in, staff, person, role):
    response = logged_in(staff[role]).get(reverse("competences-cv", args=[person.pk]))
    assert response.status_code == 403


def test_without_the_code_list_both_forms_are_shown_in_words(
    logged_in, caseworker, person, no_code_list
):
    # REQ: PRG-3
    html = logged_in(caseworker).get(reverse("competences", args=[person.pk])).content.decode()
    assert "Tilføj erhvervserfaring" in html and "Tilføj ønsket fag" in html
    assert 'data-testid="codes-note"' in html
    assert "registreres i ord. De kan kodes, når fagkodelisten (DISCO-08) er installeret." in html
    assert "kan først registreres" not in html
    assert 'name="work-title"' in html and 'name="trade-title"' in html
    assert ">Stillingsbetegnelse" in html and ">Fag eller job i ord" in html
    assert 'name="work-occupation"' not in html and 'name="trade-occupation"' not in html
    assert "<select" in html  # the other sections' selects are there
    assert "---------" not in html


def test_with_the_code_list_the_select_is_optional(logged_in, caseworker, person):
    # REQ: PRG-3
    html = logged_in(caseworker).get(reverse("competences", args=[person.pk])).content.decode()
    assert 'data-testid="codes-note"' not in html
    for kind in ("work", "trade"):
        select = html.split(f'name="{kind}-occupation"', 1)[1].split("</select>", 1)[0]
        first = select.split("<option", 2)[1]
        assert 'value=""' in first and ">Ikke angivet</option>" in first
        assert 'value="7115"' in select
        assert f'name="{kind}-title"' in html
    assert "---------" not in html


def test_work_and_trade_added_in_words_show_not_coded(logged_in, caseworker, person, no_code_list):
    # REQ: PRG-3
    client = logged_in(caseworker)
    url = reverse("competences-add", args=[person.pk])
    response = client.post(
        url,
        {
            "section": "work",
            "work-title": "Skrædder",
            "work-employer": "Eget værksted i Aleppo",
            "work-country": "SY",
            "work-years": "8",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skrædder" in html and "Eget værksted i Aleppo" in html and "ikke kodet" in html
    response = client.post(
        url, {"section": "trade", "trade-title": "Buschauffør"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="trade"')
    assert "Buschauffør" in html and "(ikke kodet)" in html
    assert TradeInterest.objects.get().title == "Buschauffør"
    # neither: the words are asked for at their field
    response = client.post(url, {"section": "trade", "trade-title": " "})
    assert response.status_code == 422
    assert "Skriv det ønskede fag i ord." in response.content.decode()
    # the form has no code field without the list: a code posted anyway is never stored
    client.post(url, {"section": "trade", "trade-title": "Kok", "trade-occupation": "5120"})
    assert TradeInterest.objects.get(title="Kok").occupation == ""


def test_coded_items_show_code_title_and_words(logged_in, caseworker, person):
    # REQ: PRG-3
    services.work_add(
        actor=caseworker, person=person, occupation="5120", title="Kok", country="SY", years=2
    )
    services.trade_interest_add(actor=caseworker, person=person, occupation="8322")
    services.trade_interest_add(actor=caseworker, person=person, occupation="7115", title="Tømrer")
    html = logged_in(caseworker).get(reverse("competences", args=[person.pk])).content.decode()
    assert "<td>Kok</td><td>5120 Kokke</td>" in html
    assert "8322 Car taxi and van drivers" in html
    assert 'Tømrer <span class="velkomst-muted">(7115 Tømrere og snedkere)</span>' in html
    assert "ikke kodet" not in html


def test_cv_uses_the_words_without_a_code(caseworker, person, no_code_list):
    # REQ: PRG-3
    services.work_add(
        actor=caseworker,
        person=person,
        title="Skrædder",
        employer="Eget værksted",
        country="SY",
        years=8,
    )
    services.trade_interest_add(actor=caseworker, person=person, title="Buschauffør")
    comp = selectors.competences_of(person)
    for language, heading in (("da", "Ønsker at arbejde som"), ("en", "Work experience")):
        html = cv.cv_html(comp, language=language)
        assert heading in html
        assert '<span class="cv-what">Skrædder</span><br>' in html
        assert "Buschauffør" in html and "()" not in html
