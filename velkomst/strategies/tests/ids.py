"""A strategy to walk (the shared page walks): the municipality's preset, a draft with a
hand-entered indicator (the draft's version is then 2), and a figure for it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

FIGURE_SOURCE = "Spørgeskema Fjernøen 2025"
GUIDEPOST_SECRET = "Modtagelsesperioden"


def strategy_ids(municipality: Any, staff: Any) -> dict[str, int]:
    from velkomst.strategies import services

    admin = staff["administrator"]
    services.install_presets(municipality)
    draft = services.draft_create(acting_user=admin, source=services.install_presets(municipality))
    guidepost = draft.guideposts.get(number=1)
    indicator = services.indicator_add(
        acting_user=admin,
        guidepost=guidepost,
        expected_version=draft.version,
        values={
            "kind": "manual",
            "key": "oplevelse",
            "title": "Flygtningenes egen oplevelse",
            "no_data_reason": "Spørgeskemaer findes ikke endnu",
            "unit": "share",
        },
    )
    figure = services.hand_figure_create(
        acting_user=admin,
        values={
            "indicator_key": "oplevelse",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
            "value": Decimal("72"),
            "source": FIGURE_SOURCE,
        },
    )
    return {
        "strategy_version": draft.pk,
        "strategy_guidepost": guidepost.pk,
        "strategy_indicator": indicator.pk,
        "strategy_figure": figure.pk,
    }
