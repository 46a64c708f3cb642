"""The one code list for nationality and languages (REC-1): codes and names in, stored codes out;
names in Danish and English."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from velkomst.people import codes


# REQ: REC-1
@pytest.mark.parametrize(
    ("value", "code"),
    [
        # Danish and English names
        ("Eritrea", "ER"),
        ("Syrien", "SY"),
        ("Syria", "SY"),
        ("Afghanistan", "AF"),
        ("Ukraine", "UA"),
        ("Irak", "IQ"),
        ("Iraq", "IQ"),
        ("Rusland", "RU"),
        ("Tyrkiet", "TR"),
        ("Türkiye", "TR"),
        ("Den Demokratiske Republik Congo", "CD"),
        ("Congo-Kinshasa", "CD"),
        ("Elfenbenskysten", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Palæstina", "PS"),
        # Danish adjectives and English demonyms
        ("syrisk", "SY"),
        ("syriske", "SY"),
        ("eritreisk", "ER"),
        ("afghansk", "AF"),
        ("somalisk", "SO"),
        ("ukrainsk", "UA"),
        ("irakisk", "IQ"),
        ("iransk", "IR"),
        ("Eritrean", "ER"),
        ("Afghan", "AF"),
        # alpha-2 and alpha-3
        ("SY", "SY"),
        ("sy", "SY"),
        ("SYR", "SY"),
        ("eri", "ER"),
        (" AFG ", "AF"),
        # stateless and unknown are values of their own
        ("Statsløs", "XXA"),
        ("stateless", "XXA"),
        ("XXA", "XXA"),
        ("Ukendt", "XXX"),
        ("unknown", "XXX"),
        ("uoplyst", "XXX"),
        ("XXX", "XXX"),
        ("XX", "XXX"),  # the old "stateless or unknown"
        ("Kosovo", "XK"),
        # case, diacritics, spaces, Danish letters written without them
        ("SYRIEN", "SY"),
        ("  syrien ", "SY"),
        ("statslos", "XXA"),
        ("STATSLØSE", "XXA"),
        ("Statsloes", "XXA"),
        ("Cote d Ivoire", "CI"),
        ("Palaestina", "PS"),
    ],
)
def test_nationality_from_names_adjectives_and_codes(value, code):
    assert codes.nationality_code(value) == code


# REQ: REC-1
@pytest.mark.parametrize(
    ("value", "code"),
    [
        # Danish and English names
        ("arabisk", "ar"),
        ("Arabic", "ar"),
        ("tigrinya", "ti"),
        ("Tigrinja", "ti"),
        ("dari", "prs"),
        ("farsi", "fa"),
        ("persisk", "fa"),
        ("Persian", "fa"),
        ("pashto", "ps"),
        ("pashtu", "ps"),
        ("kurdisk", "ku"),
        ("kurdisk (sorani)", "ckb"),
        ("Sorani", "ckb"),
        ("kurmanji", "kmr"),
        ("somalisk", "so"),
        ("ukrainsk", "uk"),
        ("amharisk", "am"),
        ("engelsk", "en"),
        ("DANSK", "da"),
        ("rohingya", "rhg"),
        # ISO 639-1, 639-2/B and 639-3: stored as 639-1 where the language has one
        ("ar", "ar"),
        ("AR", "ar"),
        ("ara", "ar"),
        ("per", "fa"),
        ("fas", "fa"),
        ("ger", "de"),
        ("prs", "prs"),
        ("ckb", "ckb"),
        ("aii", "aii"),
    ],
)
def test_language_from_names_and_codes(value, code):
    assert codes.language_code(value) == code


def test_what_matches_nothing_is_none():
    # REQ: REC-1
    for value in ("Eritria", "Atlantis", "", "S", "QQ", "ZZZ"):
        assert codes.nationality_code(value) is None, value
    for value in ("arabsk", "xyzisk", "", "qq"):
        assert codes.language_code(value) is None, value


def test_the_nearest_names_are_suggested_in_the_readers_language():
    # REQ: REC-1
    assert codes.nationality_suggestions("Eritria") == ("Eritrea",)
    assert codes.nationality_suggestions("Syrein", "da")[0] == "Syrien"
    assert codes.nationality_suggestions("Syrein", "en")[0] == "Syria"
    assert codes.nationality_suggestions("Afganistan")[0] == "Afghanistan"
    assert codes.language_suggestions("arabsk")[0] == "arabisk"
    assert codes.language_suggestions("arabsk", "en")[0] == "Arabic"
    assert codes.nationality_suggestions("xyzzyplugh") == ()


def test_names_in_danish_and_english():
    # REQ: REC-1
    assert codes.country_name("SY") == "Syrien" and codes.country_name("SY", "en") == "Syria"
    assert codes.country_name("IQ", "da") == "Irak" and codes.country_name("IQ", "en-gb") == "Iraq"
    assert (
        codes.country_name("XXA") == "Statsløs" and codes.country_name("XXA", "en") == "Stateless"
    )
    assert codes.country_name("XXX") == "Ukendt" and codes.country_name("XXX", "en") == "Unknown"
    assert codes.country_name("SYR") == "Syrien"  # alpha-3 read as alpha-2
    assert codes.language_name("ar") == "arabisk" and codes.language_name("ar", "en") == "Arabic"
    assert codes.language_name("ara") == "arabisk"
    assert codes.language_name("prs") == "dari" and codes.language_name("prs", "en") == "Dari"
    assert codes.language_name("ti") == "tigrinya"
    assert codes.language_name("kmr") == "kurdisk (kurmanji)"
    assert codes.language_name("kmr", "en") == "Northern Kurdish"
    assert codes.country_name("QQ") == "QQ" and codes.language_name("qqq") == "qqq"


def test_the_lists_are_the_packages_not_a_hand_kept_copy():
    # REQ: REC-1
    import pycountry

    assert len(codes.NATIONALITIES) == len(pycountry.countries) + 3  # XXA, XXX, XK
    assert {"SY", "ER", "AF", "UA", "DK", "XXA", "XXX"} <= codes.NATIONALITIES
    assert all(len(code) == 2 or code in ("XXA", "XXX") for code in codes.NATIONALITIES)
    assert {"ar", "ara", "ti", "tir", "prs", "ckb", "per", "ger"} <= codes.LANGUAGES
    assert len(codes.LANGUAGES) > 7900


@given(st.sampled_from(sorted(codes.NATIONALITIES)), st.sampled_from(["da", "en"]))
def test_every_nationality_name_reads_back_as_its_code(code, language):
    # REQ: REC-1
    assert codes.nationality_code(codes.country_name(code, language)) == code


@given(
    st.sampled_from(sorted(codes.STORED_LANGUAGES)),
    st.sampled_from(["da", "en"]),
)
def test_every_language_name_reads_back_as_a_language(code, language):
    # REQ: REC-1
    # (names are not unique among 7,900 languages, so not always as the same code)
    assert codes.language_code(codes.language_name(code, language)) is not None


@given(st.text(max_size=30))
def test_folding_ignores_case_and_keeps_only_letters_and_digits(text):
    folded = codes.fold(text)
    assert folded == codes.fold(text.casefold())
    assert all(c.isalnum() for c in folded)


# --- the person forms read names too -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"), [("syrisk", "SY"), ("Statsløs", "XXA"), ("ukendt", "XXX"), ("ERI", "ER")]
)
def test_the_person_form_takes_a_country_name_or_code(logged_in, caseworker, person, typed, stored):
    # REQ: REC-1
    from django.urls import reverse

    client = logged_in(caseworker)
    data = {
        "version": person.version,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.sex,
        "nationality": typed,
        "cpr": "",
        "residence_basis": person.residence_basis,
        "relation": person.relation,
    }
    response = client.post(reverse("person-edit", args=[person.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.nationality == stored


@pytest.mark.django_db
def test_a_new_member_language_by_name_is_stored_as_its_code(logged_in, caseworker):
    # REQ: REC-1
    from django.urls import reverse

    from velkomst.people.models import Household

    client = logged_in(caseworker)
    data = {
        "name": "Familien Tesfay",
        "visitation_date": "2026-09-15",
        "expected_arrival_date": "2026-11-01",
        "arrival_date": "",
        "asylum_centre": "",
        "member-TOTAL_FORMS": "1",
        "member-INITIAL_FORMS": "0",
        "member-MIN_NUM_FORMS": "1",
        "member-MAX_NUM_FORMS": "15",
        "member-0-first_name": "Selam",
        "member-0-last_name": "Tesfay",
        "member-0-birth_date": "1990-02-01",
        "member-0-sex": "M",
        "member-0-nationality": "Eritrea",
        "member-0-residence_basis": "refugee",
        "member-0-relation": "head",
        "member-0-language": "tigrinja",
    }
    bad = client.post(reverse("household-create"), {**data, "member-0-language": "tigrinyaa"})
    assert bad.status_code == 422
    assert "Mente du: tigrinya?" in bad.content.decode()
    assert client.post(reverse("household-create"), data).status_code == 302
    selam = Household.objects.get(name="Familien Tesfay").members.get()
    assert selam.nationality == "ER" and selam.languages.get().language == "ti"


@pytest.mark.django_db
def test_the_old_xx_for_stateless_or_unknown_becomes_unknown(person):
    # REQ: REC-1
    from importlib import import_module

    from django.apps import apps

    from velkomst.people.models import Person

    migration = import_module("velkomst.people.migrations.0002_nationality_icao_stateless_unknown")
    Person.objects.filter(pk=person.pk).update(nationality="XX")
    migration.xx_to_unknown(apps, None)
    person.refresh_from_db()
    assert person.nationality == "XXX"
    migration.unknown_to_xx(apps, None)
    person.refresh_from_db()
    assert person.nationality == "XX"


def test_the_western_countries_are_countries_and_the_rest_is_non_western():
    """Danmarks Statistik's Western countries: 27 EU members and 13 others, every code one of
    pycountry's; Syria, Ukraine, stateless and unknown are non-Western. REQ: MI-5"""
    import pycountry

    assert len(codes.WESTERN_COUNTRIES) == 40
    assert all(pycountry.countries.get(alpha_2=code) for code in codes.WESTERN_COUNTRIES)
    assert not codes.non_western("DK") and not codes.non_western("GB")
    assert all(codes.non_western(code) for code in ("SY", "UA", "AF", "ER", "XXA", "XXX"))
