from __future__ import annotations

import random
from datetime import date

from velkomst.competences import demo, occupations, selectors
from velkomst.competences.models import (
    EducationRecord,
    LanguageSkill,
    TradeInterest,
    WorkExperience,
)
from velkomst.people import codes
from velkomst.people.models import Person

REFERENCE = date(2026, 9, 1)


def _snapshot():
    return (
        list(EducationRecord.objects.order_by("pk").values_list("person_id", "level", "field")),
        list(
            WorkExperience.objects.order_by("pk").values_list(
                "person_id", "title", "occupation", "employer", "country", "years"
            )
        ),
        list(LanguageSkill.objects.order_by("pk").values_list("person_id", "language", "level")),
        list(
            TradeInterest.objects.order_by("pk").values_list(
                "person_id", "title", "occupation", "priority"
            )
        ),
    )


def _many_adults(caseworker, n=6):
    """More households of two adults, so the demo's shares show (the fixture's has two)."""
    from conftest import member
    from velkomst.people.services import household_create

    for i in range(n):
        household_create(
            acting_user=caseworker,
            name=f"Familien Demo{i}",
            visitation_date=date(2026, 5, 15),
            expected_arrival_date=date(2026, 7, 1),
            members=[
                member(first_name=f"Rana{i}", birth_date=date(1975 + i, 3, 1)),
                member(
                    first_name=f"Karim{i}",
                    birth_date=date(1972 + i, 6, 1),
                    sex="M",
                    relation="spouse",
                ),
            ],
        )


def _clear():
    from velkomst.competences.models import CompetenceProfile, QualificationRecognition, Skill

    for model in (
        CompetenceProfile,
        EducationRecord,
        LanguageSkill,
        QualificationRecognition,
        Skill,
        TradeInterest,
        WorkExperience,
    ):
        model.objects.all().delete()


def test_demo_profiles_are_deterministic_and_valid(household):
    # REQ: PRG-3
    municipality_id = household.municipality_id
    counts = demo.install_demo(
        municipality_id, random.Random("7-400-competences"), date(2026, 9, 1)
    )
    assert counts["educationrecord"] >= 1 and counts["languageskill"] >= 2
    assert counts["workexperience"] >= 1 and counts["tradeinterest"] >= 1
    first = _snapshot()
    _clear()
    demo.install_demo(municipality_id, random.Random("7-400-competences"), date(2026, 9, 1))
    assert _snapshot() == first
    adults = [p.pk for p in household.members.all() if p.age_on(date(2026, 9, 1)) >= 18]
    profiles = selectors.profiles(municipality_id=municipality_id, person_ids=adults)
    assert any(p.languages for p in profiles.values())
    lina = household.members.get(first_name="Lina")
    assert not EducationRecord.objects.filter(person=lina).exists()  # children get none
    for record in EducationRecord.objects.all():
        assert record.start_year is not None and record.end_year is not None
        assert record.start_year <= record.end_year


def test_demo_work_and_trades_in_words_coded_only_by_the_list(
    household, caseworker, settings, tmp_path
):
    # REQ: PRG-3
    _many_adults(caseworker)
    municipality_id = household.municipality_id
    adults = Person.objects.filter(
        municipality_id=municipality_id, birth_date__lte=date(REFERENCE.year - 22, 1, 1)
    ).count()
    words = {t.words: t for t in demo.WISHED}
    found = {}
    for installed in (True, False):  # the fixture list (a few codes), then none
        if not installed:
            settings.OCCUPATIONS_DIR = tmp_path
        occupations.clear_cache()
        _clear()
        demo.install_demo(municipality_id, random.Random("7-400-trades"), REFERENCE)
        work = list(WorkExperience.objects.order_by("pk"))
        trades = list(TradeInterest.objects.order_by("pk"))
        assert len({w.person_id for w in work}) >= adults // 3  # a good share of the adults
        assert trades
        both: list[WorkExperience | TradeInterest] = [*work, *trades]
        for item in both:
            assert item.title in words  # always in words
            code = words[item.title].code
            # coded only where the installed list has the code
            assert item.occupation == (code if occupations.is_occupation(code) else "")
        for item in work:
            assert item.employer in words[item.title].employers
            assert item.country in codes.NATIONALITIES and item.years > 0
        assert any(i.occupation for i in both) == installed
        for person_id in {t.person_id for t in trades}:
            mine = [t for t in trades if t.person_id == person_id]
            assert sorted(t.priority for t in mine) == list(range(1, len(mine) + 1))
            assert len({t.title.casefold() for t in mine}) == len(mine)
        found[installed] = (
            [(w.person_id, w.title, w.employer, w.country, w.years) for w in work],
            [(t.person_id, t.title, t.priority) for t in trades],
        )
    # the same words whether or not the list is installed: only the codes differ
    assert found[True] == found[False]


def test_family_measures_demo(caseworker):
    from velkomst.families import demo as families_demo
    from velkomst.families.models import FamilyMeasure
    from velkomst.families.tests.conftest import register_family

    for i in range(6):
        register_family(caseworker, name=f"Familien Demo{i}")
    written = families_demo.install_demo(
        caseworker.municipality_id, random.Random("7-400-family-measures"), date(2026, 9, 1)
    )
    assert written == FamilyMeasure.objects.count() >= 1
    for measure in FamilyMeasure.objects.all():
        assert measure.child is None or measure.child.household_id == measure.household_id
