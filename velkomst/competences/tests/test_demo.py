from __future__ import annotations

import random
from datetime import date

from velkomst.competences import demo, selectors
from velkomst.competences.models import EducationRecord, LanguageSkill, WorkExperience


def _snapshot():
    return (
        list(EducationRecord.objects.order_by("pk").values_list("person_id", "level", "field")),
        list(WorkExperience.objects.order_by("pk").values_list("person_id", "occupation", "years")),
        list(LanguageSkill.objects.order_by("pk").values_list("person_id", "language", "level")),
    )


def test_demo_profiles_are_deterministic_and_valid(household):
    # REQ: PRG-3
    municipality_id = household.municipality_id
    counts = demo.install_demo(
        municipality_id, random.Random("7-400-competences"), date(2026, 9, 1)
    )
    assert counts["educationrecord"] >= 1 and counts["languageskill"] >= 2
    first = _snapshot()
    EducationRecord.objects.all().delete()
    WorkExperience.objects.all().delete()
    LanguageSkill.objects.all().delete()
    from velkomst.competences.models import (
        CompetenceProfile,
        QualificationRecognition,
        Skill,
        TradeInterest,
    )

    CompetenceProfile.objects.all().delete()
    QualificationRecognition.objects.all().delete()
    Skill.objects.all().delete()
    TradeInterest.objects.all().delete()
    demo.install_demo(municipality_id, random.Random("7-400-competences"), date(2026, 9, 1))
    assert _snapshot()[0] == first[0] and _snapshot()[2] == first[2]
    assert [row[:2] for row in _snapshot()[1]] == [row[:2] for row in first[1]]
    adults = [p.pk for p in household.members.all() if p.age_on(date(2026, 9, 1)) >= 18]
    profiles = selectors.profiles(municipality_id=municipality_id, person_ids=adults)
    assert any(p.languages for p in profiles.values())
    lina = household.members.get(first_name="Lina")
    assert not EducationRecord.objects.filter(person=lina).exists()  # children get none
    for record in EducationRecord.objects.all():
        assert record.start_year is not None and record.end_year is not None
        assert record.start_year <= record.end_year


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
