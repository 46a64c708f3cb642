from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.competences import occupations, selectors, services
from velkomst.competences.models import TradeInterest, WorkExperience
from velkomst.core.models import AuditEntry


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_occupation_list_reads_the_official_file_form(occupation_codes):
    # REQ: PRG-3
    assert occupations.installed()
    assert occupations.is_occupation("7115")
    assert not occupations.is_occupation("7")  # a major group is no unit group
    assert not occupations.is_occupation("0000")
    assert occupations.occupation_name("7115", "da") == "Tømrere og snedkere"
    assert occupations.occupation_name("7115", "en") == "Carpenters and joiners"
    # no Danish title: the English one
    assert occupations.occupation_name("7212", "da") == "Welders and flamecutters"
    assert occupations.occupation_name("1234", "da") == "1234"
    codes = [code for code, _ in occupations.occupation_choices("en")]
    assert codes == ["5120", "7115", "7212", "8322", "9112"]
    groups = occupations.occupation_groups("da")
    assert [title for title, _ in groups][:2] == [
        "Service- og salgsarbejde",
        "Håndværkspræget arbejde",
    ]
    assert groups[1][1][0] == ("7115", "7115 Tømrere og snedkere")


def test_no_code_list_installed_accepts_no_code(no_code_list, caseworker, person):
    # REQ: PRG-3
    assert occupations.occupation_choices("da") == []
    with pytest.raises(ValidationError) as excinfo:
        services.work_add(
            actor=caseworker,
            person=person,
            title="Tømrer",
            occupation="7115",
            country="SY",
            years=2,
        )
    message = _errors(excinfo)["occupation"][0]
    assert "ikke installeret" in message and "Skriv faget i ord" in message
    assert set(_errors(excinfo)) == {"occupation"}
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(actor=caseworker, person=person, occupation="8322")
    assert "ikke installeret" in _errors(excinfo)["occupation"][0]
    assert not WorkExperience.objects.exists() and not TradeInterest.objects.exists()


def test_work_and_trades_are_recorded_in_words_without_the_code_list(
    no_code_list, caseworker, person
):
    # REQ: PRG-3
    work = services.work_add(
        actor=caseworker,
        person=person,
        title="  Skrædder ",
        employer="Eget værksted i Aleppo",
        country="SY",
        years=8,
        end_year=2022,
    )
    assert (work.title, work.occupation, work.years) == ("Skrædder", "", Decimal(8))
    entry = AuditEntry.objects.get(action="create", object_type="competences.WorkExperience")
    assert entry.changes["title"] == [None, "Skrædder"]
    first = services.trade_interest_add(actor=caseworker, person=person, title="Buschauffør")
    second = services.trade_interest_add(
        actor=caseworker, person=person, title="Social- og sundhedshjælper"
    )
    # two trades without a code: the code's once-per-person rule does not count "" as a code
    assert [(t.title, t.occupation, t.priority) for t in (first, second)] == [
        ("Buschauffør", "", 1),
        ("Social- og sundhedshjælper", "", 2),
    ]
    entry = AuditEntry.objects.get(
        action="create", object_type="competences.TradeInterest", object_id=str(first.pk)
    )
    assert entry.changes["title"] == [None, "Buschauffør"]
    comp = selectors.competences_of(person)
    assert [w.title for w in comp.work] == ["Skrædder"]
    assert [t.title for t in comp.trades] == ["Buschauffør", "Social- og sundhedshjælper"]


def test_neither_words_nor_code_names_the_title(no_code_list, caseworker, person):
    # REQ: PRG-3
    with pytest.raises(ValidationError) as excinfo:
        services.work_add(actor=caseworker, person=person, title="  ", country="SY", years=2)
    assert _errors(excinfo) == {"title": ["Skriv stillingsbetegnelsen."]}
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(actor=caseworker, person=person)
    assert _errors(excinfo) == {"title": ["Skriv det ønskede fag i ord."]}
    assert not WorkExperience.objects.exists() and not TradeInterest.objects.exists()


def test_neither_words_nor_code_with_the_list_says_either_will_do(caseworker, person):
    # REQ: PRG-3
    with pytest.raises(ValidationError) as excinfo:
        services.work_add(actor=caseworker, person=person, country="SY", years=2)
    assert "eller vælg et fag fra listen" in _errors(excinfo)["title"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(actor=caseworker, person=person, title="")
    assert "eller vælg det fra listen" in _errors(excinfo)["title"][0]


def test_the_same_words_are_not_added_twice(no_code_list, caseworker, person, household):
    # REQ: PRG-3
    services.trade_interest_add(actor=caseworker, person=person, title="Social- og sundhedshjælper")
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(
            actor=caseworker, person=person, title=" SOCIAL-  OG SUNDHEDSHJÆLPER"
        )
    assert "allerede" in _errors(excinfo)["title"][0]
    assert TradeInterest.objects.filter(person=person).count() == 1
    # another person may wish the same
    other = household.members.get(first_name="Omar")
    services.trade_interest_add(actor=caseworker, person=other, title="Social- og sundhedshjælper")


def test_with_the_code_list_a_code_alone_or_with_words(caseworker, person):
    # REQ: PRG-3
    coded = services.work_add(
        actor=caseworker, person=person, occupation="7115", country="SY", years=3
    )
    both = services.work_add(
        actor=caseworker,
        person=person,
        occupation="5120",
        title="Kok på hotel",
        country="SY",
        years=2,
    )
    assert (coded.occupation, coded.title) == ("7115", "")
    assert (both.occupation, both.title) == ("5120", "Kok på hotel")
    trade = services.trade_interest_add(actor=caseworker, person=person, occupation="8322")
    words = services.trade_interest_add(
        actor=caseworker, person=person, occupation="5120", title="Kok"
    )
    assert (trade.occupation, trade.title, trade.priority) == ("8322", "", 1)
    assert (words.occupation, words.title, words.priority) == ("5120", "Kok", 2)
    # the same code again, in other words: refused on the code
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(
            actor=caseworker, person=person, occupation="5120", title="Kok i kantine"
        )
    assert "allerede" in _errors(excinfo)["occupation"][0]
    # the same words with a code: refused on the words
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(actor=caseworker, person=person, occupation="7115", title="kok")
    assert "allerede" in _errors(excinfo)["title"][0]
    # an unknown code: refused, with words or without
    for title in ("", "Bager"):
        with pytest.raises(ValidationError) as excinfo:
            services.trade_interest_add(
                actor=caseworker, person=person, occupation="1234", title=title
            )
        assert "Ukendt fagkode" in _errors(excinfo)["occupation"][0]
    assert TradeInterest.objects.filter(person=person).count() == 2


def test_a_row_without_words_or_code_is_refused_by_the_database(person):
    # REQ: PRG-3
    from django.db import IntegrityError, transaction

    common = {"municipality_id": person.municipality_id, "person": person}
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkExperience.objects.create(**common, country="SY", years=Decimal(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        TradeInterest.objects.create(**common)
    TradeInterest.objects.create(**common, title="Kok")
    TradeInterest.objects.create(**common, title="Bager")  # two uncoded: allowed
    TradeInterest.objects.create(**common, occupation="5120")
    with pytest.raises(IntegrityError), transaction.atomic():
        TradeInterest.objects.create(**common, occupation="5120", title="Kok")


def test_work_experience_is_added_and_audited(caseworker, person):
    # REQ: PRG-3
    record = services.work_add(
        actor=caseworker,
        person=person,
        occupation="7115",
        title="Tømrer",
        employer="Al-Bina",
        country="SY",
        years="4.5",
        end_year=2022,
    )
    assert record.years == Decimal("4.5")
    entry = AuditEntry.objects.get(action="create", object_type="competences.WorkExperience")
    assert entry.person_id == person.pk
    assert entry.changes["occupation"] == [None, "7115"]


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"occupation": "1234"}, "occupation", "Ukendt fagkode"),
        ({"years": "-1"}, "years", "mere end 0"),
        ({"years": "60"}, "years", "alder minus"),
        ({"country": "ZZ"}, "country", "land"),
        ({"end_year": 1950}, "end_year", "fødselsår"),
        ({"end_year": 2005, "years": "10"}, "years", "før personen var"),
    ],
)
def test_bad_work_experience_names_the_field(caseworker, person, values, field, words):
    # REQ: PRG-3
    data = {"occupation": "7115", "country": "SY", "years": "2", **values}
    with pytest.raises(ValidationError) as excinfo:
        services.work_add(actor=caseworker, person=person, **data)
    assert words in " ".join(_errors(excinfo)[field])
    assert not WorkExperience.objects.exists()


def test_education_years_in_order_and_within_a_life(caseworker, person):
    # REQ: PRG-3
    with pytest.raises(ValidationError) as excinfo:
        services.education_add(
            actor=caseworker,
            person=person,
            level="6",
            field="Byggeteknik",
            country="SY",
            start_year=2012,
            end_year=2008,
        )
    assert "før startåret" in _errors(excinfo)["end_year"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.education_add(
            actor=caseworker, person=person, level="6", field="X", country="SY", start_year=1980
        )
    assert "fødselsår" in _errors(excinfo)["start_year"][0]
    record = services.education_add(
        actor=caseworker,
        person=person,
        level="6",
        field="Byggeteknik",
        country="SY",
        start_year=2006,
        end_year=2010,
        diploma_held=True,
    )
    assert record.get_level_display().startswith("Bachelor")


def test_recognition_dates_in_order(caseworker, person):
    # REQ: PRG-3
    with pytest.raises(ValidationError) as excinfo:
        services.recognition_add(
            actor=caseworker,
            person=person,
            qualification="Bachelor i byggeteknik",
            authority="Uddannelses- og Forskningsstyrelsen",
            applied_on=date(2026, 3, 1),
            result="recognised",
            decided_on=date(2026, 2, 1),
        )
    assert "før ansøgningen" in _errors(excinfo)["decided_on"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.recognition_add(
            actor=caseworker,
            person=person,
            qualification="Bachelor",
            authority="UFS",
            applied_on=date(2026, 3, 1),
            result="refused",
        )
    assert "decided_on" in _errors(excinfo)
    services.recognition_add(
        actor=caseworker,
        person=person,
        qualification="Bachelor",
        authority="UFS",
        applied_on=date(2026, 3, 1),
        result="partly",
        decided_on=date(2026, 4, 1),
    )


def test_duplicates_are_refused(caseworker, person):
    services.trade_interest_add(actor=caseworker, person=person, occupation="5120")
    with pytest.raises(ValidationError) as excinfo:
        services.trade_interest_add(actor=caseworker, person=person, occupation="5120")
    assert "allerede" in _errors(excinfo)["occupation"][0]
    services.language_add(actor=caseworker, person=person, language="ar", level="C2")
    with pytest.raises(ValidationError):
        services.language_add(actor=caseworker, person=person, language="arabisk", level="B1")
    services.skill_add(actor=caseworker, person=person, tag="Svejsning")
    with pytest.raises(ValidationError):
        services.skill_add(actor=caseworker, person=person, tag="svejsning")


def test_only_programme_edit_writes(staff, person):
    with pytest.raises(PermissionDenied):
        services.skill_add(actor=staff["family_consultant"], person=person, tag="Truck")
    with pytest.raises(PermissionDenied):
        services.skill_add(actor=staff["housing_officer"], person=person, tag="Truck")


def test_another_municipality_can_not_write(other_caseworker, person):
    with pytest.raises(PermissionDenied):
        services.skill_add(actor=other_caseworker, person=person, tag="Truck")


def test_profiles_for_matching(caseworker, person, household):
    # REQ: PRG-3
    services.trade_interest_add(actor=caseworker, person=person, occupation="5120")
    services.trade_interest_add(actor=caseworker, person=person, occupation="7115")
    services.work_add(actor=caseworker, person=person, occupation="7115", country="SY", years=3)
    services.work_add(actor=caseworker, person=person, occupation="7115", country="TR", years="1.5")
    # recorded only in words: no code for matching, so not in the profile's codes
    services.trade_interest_add(actor=caseworker, person=person, title="Buschauffør")
    services.work_add(actor=caseworker, person=person, title="Skrædder", country="SY", years=2)
    services.skill_add(actor=caseworker, person=person, tag="Truckcertifikat")
    services.language_add(actor=caseworker, person=person, language="da", level="A2")
    services.profile_update(
        actor=caseworker,
        person=person,
        expected_version=None,
        driving_licences=["C", "B"],
        it_level="basic",
    )
    services.education_add(actor=caseworker, person=person, level="3", field="X", country="SY")
    services.education_add(actor=caseworker, person=person, level="6", field="Y", country="SY")
    other = household.members.get(first_name="Omar")
    found = selectors.profiles(
        municipality_id=person.municipality_id, person_ids=[person.pk, other.pk]
    )
    mine = found[person.pk]
    assert mine.trades_of_interest == ("5120", "7115")
    assert mine.experience_years == {"7115": 4.5}
    assert mine.skills == frozenset({"truckcertifikat"})
    assert mine.languages == {"da": "A2"}
    assert mine.driving_licences == ("B", "C")
    assert mine.it_level == "basic"
    assert mine.education_level == "6"
    assert found[other.pk] == selectors.Profile(person_id=other.pk)
    # another municipality's id asks for nothing of this one
    assert selectors.profiles(municipality_id=person.municipality_id + 1, person_ids=[person.pk])[
        person.pk
    ] == selectors.Profile(person_id=person.pk)


def test_profile_update_detects_a_concurrent_edit(caseworker, person):
    from velkomst.core.errors import ConcurrentEditError

    profile = services.profile_update(
        actor=caseworker, person=person, expected_version=None, driving_licences=["B"], it_level=""
    )
    services.profile_update(
        actor=caseworker,
        person=person,
        expected_version=profile.version,
        driving_licences=["B", "C"],
        it_level="",
    )
    with pytest.raises(ConcurrentEditError):
        services.profile_update(
            actor=caseworker,
            person=person,
            expected_version=profile.version,
            driving_licences=["A"],
            it_level="good",
        )


def test_remove_is_audited_with_what_it_said(caseworker, person):
    skill = services.skill_add(actor=caseworker, person=person, tag="Svejsning")
    services.item_remove(actor=caseworker, item=skill)
    entry = AuditEntry.objects.get(action="delete")
    assert entry.person_id == person.pk
    assert entry.changes["tag"] == ["Svejsning", None]


def test_the_audit_log_names_trades_by_words_or_code(caseworker, person):
    # REQ: PRG-3
    from velkomst.core import audit_log

    work = services.work_add(
        actor=caseworker, person=person, title="Skrædder", employer="Bina", country="SY", years=2
    )
    coded = services.trade_interest_add(actor=caseworker, person=person, occupation="7115")
    words = services.trade_interest_add(actor=caseworker, person=person, title="Buschauffør")
    assert audit_log._name("competences.WorkExperience", work) == "Skrædder, Bina"
    assert audit_log._name("competences.TradeInterest", coded) == "Tømrere og snedkere"
    assert audit_log._name("competences.TradeInterest", words) == "Buschauffør"
    assert audit_log.CODE_NAMES["occupation"]("7115", "da") == "7115 Tømrere og snedkere"
    assert audit_log._label(TradeInterest, "title") == "Fag eller job i ord"
