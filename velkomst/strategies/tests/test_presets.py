"""The seed municipalities' strategies as presets (MI-1)."""

from __future__ import annotations

import pytest

from velkomst.core.services import municipality_create
from velkomst.indicators.library import all_definitions
from velkomst.strategies import presets, selectors
from velkomst.strategies.models import Kind, Status, StrategyIndicator
from velkomst.strategies.services import install_presets


@pytest.mark.parametrize("key", sorted(presets.library_keys()))
def test_every_preset_key_exists_in_the_library(key):
    # REQ: MI-1
    registry = {d.key for d in all_definitions()}
    assert key in registry, f"preset key {key!r} is not an indicator of the library"


def test_preset_breakdowns_are_the_definitions_own():
    # REQ: MI-1
    registry = {d.key: d for d in all_definitions()}
    for preset in presets.PRESETS.values():
        for post in preset.guideposts:
            for item in post.indicators:
                if item.breakdown and item.key in registry:
                    assert item.breakdown in registry[item.key].breakdowns, item


def test_preset_codes_are_the_seed_municipalities_of_the_config_presets():
    from velkomst.core.config import MUNICIPALITY_PRESETS

    assert set(presets.PRESETS) == set(MUNICIPALITY_PRESETS) == {"400", "540", "440", "851"}


@pytest.mark.django_db
def test_sonderborg_has_its_six_guideposts_with_every_indicator_and_stepped_target():
    # REQ: MI-1
    version = install_presets(municipality_create(code="540", name="Sønderborg"))
    assert version.status == Status.PUBLISHED and version.number == 1
    posts = list(version.guideposts.order_by("number"))
    assert [p.number for p in posts] == [1, 2, 3, 4, 5, 6]
    assert (
        posts[0].title == "Sønderborg Kommune handler proaktivt, når nyankomne skal boligplaceres"
    )
    counts = [p.indicators.count() for p in posts]
    # the status report's indicators as the strategy lists them (2, 3, 2, 4, 1, 1), and the 80 %
    # of guidepost 3 stated in its text
    assert counts == [2, 3, 3, 4, 1, 1]
    danish = StrategyIndicator.objects.get(
        guidepost__strategy=version, key="danish_referred_exam_passed"
    )
    assert danish.targets == [
        {"value": "25", "by": "2017-12-31"},
        {"value": "50", "by": "2018-12-31"},
    ]
    rows = selectors.contents(version)
    item = next(i for i in rows[1].indicators if i.indicator.key == "danish_referred_exam_passed")
    assert item.target == "25 % inden 31.12.2017, derefter 50 % inden 31.12.2018"
    share = StrategyIndicator.objects.get(
        guidepost__strategy=version, key="enterprise_directed_share"
    )
    assert share.targets == [{"value": "80", "by": None}]
    manual = set(
        StrategyIndicator.objects.filter(guidepost__strategy=version, kind=Kind.MANUAL).values_list(
            "key", flat=True
        )
    )
    # 9th-grade grades, the national list, education of those who arrived as children
    assert {
        "afgangsproeve_dansk_mundtlig_retskrivning",
        "afgangsproeve_skriftlig_dansk_matematik",
        "udsatte_boligomraader",
        "ungdomsuddannelse_20_24",
        "videregaaende_uddannelse_25_39",
    } <= manual
    assert all(
        i.no_data_reason
        for i in StrategyIndicator.objects.filter(guidepost__strategy=version, kind=Kind.MANUAL)
    )
    for key in (
        "children_per_institution",
        "benefit_recipients",
        "result_grants_earned",
        "cooperation_agreements",
    ):
        assert StrategyIndicator.objects.filter(guidepost__strategy=version, key=key).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "keys"),
    [
        ("400", {"employment_rate", "danish_referral_within_month", "cost_activities"}),
        (
            "851",
            {
                "permanent_from_start",
                "in_education_or_work",
                "children_days_to_daycare_school",
                "refugees_own_experience",
            },
        ),
        ("440", {"internship_within_3_months", "fixed_caseworker"}),
    ],
)
def test_the_other_seed_presets_hold_their_goals(code, keys):
    # REQ: MI-1
    version = install_presets(municipality_create(code=code, name=code))
    found = set(
        StrategyIndicator.objects.filter(guidepost__strategy=version).values_list("key", flat=True)
    )
    assert keys <= found
    if code == "400":
        employment = StrategyIndicator.objects.get(
            guidepost__strategy=version, key="employment_rate"
        )
        assert employment.targets == [{"value": "60", "by": None}]
    if code == "851":
        # REQ: CIT-2
        survey = StrategyIndicator.objects.get(
            guidepost__strategy=version, key="refugees_own_experience"
        )
        assert survey.kind != Kind.MANUAL and not survey.no_data_reason


@pytest.mark.django_db
def test_a_municipality_without_a_preset_starts_with_an_empty_draft():
    # REQ: MI-1
    version = install_presets(municipality_create(code="101", name="København"))
    assert version.status == Status.DRAFT and not version.guideposts.exists()
    assert install_presets(version.municipality) == version  # idempotent


def test_every_breakdown_of_the_library_has_a_label():
    # REQ: MI-3 (a breakdown is named in words in the status report and on the dashboard, never
    # by its key: the survey indicator's "moment" is "tidspunkt", "time" in English)
    from django.utils import translation

    from velkomst.indicators.library import all_definitions
    from velkomst.strategies.selectors import BREAKDOWN_LABELS, breakdown_label

    names = {name for d in all_definitions() for name in d.breakdowns}
    assert "moment" in names and names <= set(BREAKDOWN_LABELS)
    with translation.override("da"):
        assert breakdown_label("moment") == "tidspunkt"
    with translation.override("en"):
        assert breakdown_label("moment") == "time"
