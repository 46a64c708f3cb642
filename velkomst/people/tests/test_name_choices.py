"""Countries and languages are chosen from lists by name in the UI's language, never typed as
codes; the lists submit the code."""

from __future__ import annotations

import re

from django.urls import reverse

from velkomst.people.models import Person


def _select(html: str, name: str) -> str:
    start = html.index(f'<select name="{name}"')
    return html[start : html.index("</select>", start)]


def _options(select: str) -> list[tuple[str, str]]:
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_a_new_members_nationality_and_language_are_chosen_by_name(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    html = client.get(reverse("household-create")).content.decode()
    nationality = _options(_select(html, "member-0-nationality"))
    assert nationality[0] == ("", "Vælg land")
    assert ("SY", "Syrien") in nationality and ("XXA", "Statsløs") in nationality
    language = _select(html, "member-0-language")
    assert _options(language)[0] == ("", "Vælg sprog")
    common = language[language.index('label="Mest brugte sprog"') : language.index("</optgroup>")]
    for code, name in [("ar", "arabisk"), ("ti", "tigrinya"), ("prs", "dari"), ("uk", "ukrainsk")]:
        assert f'<option value="{code}">{name}</option>' in common
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(reverse("household-create")).content.decode()
    assert ("SY", "Syria") in _options(_select(english, "member-0-nationality"))
    assert ("ar", "Arabic") in _options(_select(english, "member-0-language"))


def test_the_person_page_names_the_nationality_and_languages(logged_in, caseworker, person):
    # REQ: REC-1
    html = logged_in(caseworker).get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "<dd>Syrien</dd>" in html and "arabisk (" in html
    edit = logged_in(caseworker).get(reverse("person-edit", args=[person.pk])).content.decode()
    assert '<option value="SY" selected>Syrien</option>' in _select(edit, "nationality")


def test_a_chosen_code_or_a_typed_name_is_stored_as_the_code(logged_in, caseworker, person):
    # REQ: REC-1
    client = logged_in(caseworker)
    data = {
        "version": person.version,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
        "nationality": "ER",
        "residence_basis": person.residence_basis,
        "relation": person.relation,
    }
    assert client.post(reverse("person-edit", args=[person.pk]), data).status_code == 302
    assert Person.objects.get(pk=person.pk).nationality == "ER"
    person.refresh_from_db()
    data |= {"version": person.version, "nationality": "Ukraine"}  # an old link's typed name
    assert client.post(reverse("person-edit", args=[person.pk]), data).status_code == 302
    assert Person.objects.get(pk=person.pk).nationality == "UA"


def test_the_interpreter_language_and_the_hosts_languages_are_lists_of_names(
    logged_in, caseworker, staff, household
):
    # REQ: REC-8, HOU-6
    page = logged_in(caseworker).get(reverse("household-appointments", args=[household.pk]))
    interpreter = _select(page.content.decode(), "language")
    assert _options(interpreter)[0] == ("", "Husstandens sprog, der kræver tolk")
    assert '<option value="ti">tigrinya</option>' in interpreter
    from velkomst.hosts.services import host_create
    from velkomst.housing.services import area_create

    officer = staff["housing_officer"]
    area = area_create(acting_user=officer, name="Nexø", kind="district")
    host = host_create(
        acting_user=officer,
        name="Jens Vært",
        phone="",
        email="",
        address="Havnen 1",
        area=area,
        note="",
    )
    offer = logged_in(officer).get(reverse("hosts-offer-create", args=[host.pk])).content.decode()
    languages = offer[
        offer.index('name="languages"') - 200 : offer.index(
            "</select>", offer.index('name="languages"')
        )
    ]
    assert "multiple" in languages and '<option value="so">somali</option>' in languages
