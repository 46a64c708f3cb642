"""Demo data of strategies (MI-1): the municipality's preset strategy (a seed municipality's own,
else an empty draft) and, for each hand-entered indicator, figures for the two whole years
before the reference day, entered by the administrator with a named source."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from velkomst.core.models import Municipality, Role

from . import services
from .models import Kind, StrategyIndicator, Unit

DEMO_SOURCE = "Demodata: %s"


def install_demo(
    municipality: Municipality, by_role: dict[str, Any], rng: random.Random, reference_date: date
) -> Counter[str]:
    counts: Counter[str] = Counter()
    version = services.install_presets(municipality)
    counts["strategies.strategyversion"] += 1
    counts["strategies.guidepost"] += version.guideposts.count()
    counts["strategies.strategyindicator"] += StrategyIndicator.objects.filter(
        guidepost__strategy=version
    ).count()
    admin = by_role.get(Role.ADMINISTRATOR)
    if admin is None:
        return counts
    manual = StrategyIndicator.objects.filter(guidepost__strategy=version, kind=Kind.MANUAL)
    for indicator in manual.order_by("guidepost__number", "order"):
        for year in (reference_date.year - 2, reference_date.year - 1):
            if indicator.unit == Unit.SHARE:
                value = Decimal(rng.randrange(300, 850)) / 10
            else:
                value = Decimal(rng.randrange(0, 6))
            services.hand_figure_create(
                acting_user=admin,
                values={
                    "indicator_key": indicator.key,
                    "period_start": date(year, 1, 1),
                    "period_end": date(year, 12, 31),
                    "value": value,
                    "source": DEMO_SOURCE % indicator.no_data_reason.split(";")[0][:120],
                    "note": "",
                },
            )
            counts["strategies.handfigure"] += 1
    return counts
