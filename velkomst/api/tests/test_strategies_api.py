"""/api/strategy (MI-1): the strategy in force, a version and the hand-entered figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def sonderborg(db):
    from conftest import _make_user
    from velkomst.core.services import municipality_create
    from velkomst.strategies.services import hand_figure_create, install_presets

    municipality = municipality_create(code="540", name="Sønderborg")
    version = install_presets(municipality)
    admin = _make_user(municipality, "administrator", "sb-admin", ())
    manager = _make_user(municipality, "manager", "sb-manager")
    hand_figure_create(
        acting_user=admin,
        values={
            "indicator_key": "ungdomsuddannelse_20_24",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
            "value": Decimal("61.5"),
            "source": "Danmarks Statistik, UDDAKT",
        },
    )
    return {"version": version, "admin": admin, "manager": manager}


def test_the_strategy_in_force_with_guideposts_indicators_and_stepped_targets(api_as, sonderborg):
    # REQ: MI-1
    body = api_as(sonderborg["manager"]).get("/api/strategy").json()
    assert body["reference"] == "540-v1" and body["status"] == "published"
    assert [g["number"] for g in body["guideposts"]] == [1, 2, 3, 4, 5, 6]
    danish = next(
        i for i in body["guideposts"][1]["indicators"] if i["key"] == "danish_referred_exam_passed"
    )
    assert danish["targets"] == [
        {"value": "25", "by": "2017-12-31"},
        {"value": "50", "by": "2018-12-31"},
    ]
    assert danish["target_text"] == "25 % inden 31.12.2017, derefter 50 % inden 31.12.2018"
    grades = body["guideposts"][1]["indicators"][0]
    assert grades["kind"] == "manual" and "afgangsprøve" in grades["no_data_reason"]
    same = api_as(sonderborg["admin"]).get(f"/api/strategy/versions/{sonderborg['version'].pk}")
    assert same.status_code == 200 and same.json()["guideposts"] == body["guideposts"]
    versions = api_as(sonderborg["admin"]).get("/api/strategy/versions").json()
    assert [v["reference"] for v in versions["items"]] == ["540-v1"]


def test_hand_figures_are_listed_marked_as_hand_entered(api_as, sonderborg):
    # REQ: MI-1
    api = api_as(sonderborg["manager"])
    items = api.get("/api/strategy/hand-figures").json()["items"]
    assert len(items) == 1
    assert items[0]["hand_entered"] is True and items[0]["value"] == "61.50"
    assert items[0]["source"] == "Danmarks Statistik, UDDAKT"
    assert api.get("/api/strategy/hand-figures", indicator_key="x").json()["items"] == []


def test_another_municipality_and_other_roles_get_nothing(api_as, sonderborg, caseworker, staff):
    # REQ: MI-1
    version = sonderborg["version"].pk
    assert api_as(caseworker).get("/api/strategy").status_code == 403
    bornholm_manager = staff["manager"]
    assert api_as(bornholm_manager).get(f"/api/strategy/versions/{version}").status_code == 404
    assert api_as(bornholm_manager).get("/api/strategy").status_code == 404  # none published
    assert api_as(bornholm_manager).get("/api/strategy/hand-figures").json()["items"] == []
