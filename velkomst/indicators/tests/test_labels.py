"""Group keys as the reader sees them (labels.group_label), in Danish and in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from velkomst.housing.models import Area
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import all_definitions

pytestmark = pytest.mark.django_db


def test_sex_and_age_keys_read_as_words_in_the_readers_language():
    # REQ: MI-2
    assert group_label("employment_rate", "sex", "F") == "Kvinder"
    assert group_label("employment_rate", "sex", "M") == "Mænd"
    assert group_label("employment_rate", "age", "18-29") == "18–29 år"
    assert group_label("employment_rate", "age", "67+") == "67 år og derover"
    with translation.override("en"):
        assert group_label("employment_rate", "sex", "F") == "Women"
        assert group_label("employment_rate", "age", "30-39") == "30–39 years"
        assert group_label("temporary_housing_days", "status", "moved") == (
            "Moved into permanent housing"
        )
        assert group_label("deadlines_met", "standard", "~none") == "No type"


def test_record_keys_read_as_the_records_names_and_unknown_keys_as_they_are(municipality):
    # REQ: MI-5
    area = Area.objects.create(municipality=municipality, name="Nexø", kind="town")
    assert group_label("households_per_area", "area", str(area.pk)) == "Nexø"
    assert group_label("households_per_area", "area", str(area.pk + 1000)) == str(area.pk + 1000)
    assert group_label("children_per_institution", "institution", "name:Friskolen") == "Friskolen"
    assert group_label("children_per_institution", "institution", "~none") == (
        "Ingen institution angivet"
    )
    assert group_label("deadlines_met", "standard", "own_type") == "Own type"


def test_codes_of_the_programme_breakdowns_read_as_their_labels():
    # REQ: MI-2
    assert group_label("danish_exams_passed", "exam", "PD2") == "Prøve i Dansk 2"
    assert group_label("benefit_recipients", "benefit", "kontanthjaelp") == "Kontanthjælp"
    assert group_label("result_grants_earned", "kind", "job") == "Ordinær beskæftigelse"
    assert group_label("children_per_institution", "kind", "school") != "school"
    assert group_label("cost_activities", "category", "support").startswith("Støtte")
    assert group_label("cost_interpreting", "mode", "video") != "video"
    assert group_label("work_or_education_started", "result", "work") == "Startet i arbejde"
    assert group_label("unpriced_cost_records", "source", "stays") == "Ophold i midlertidig bolig"
    with translation.override("en"):
        assert group_label("work_or_education_started", "result", "education") == "Into education"
        assert group_label("danish_referred_exam_passed", "track", "DU2") == "Danish education 2"


def test_the_names_and_descriptions_have_english_translations():
    # REQ: MI-1
    with translation.override("en"):
        for definition in all_definitions():
            for text in (definition.name, definition.description):
                with translation.override("da"):
                    danish = str(text)
                assert str(text) != danish, f"{definition.key}: {danish[:60]}"
