"""Demo data of the status report (MI-3): the manager's commentary on the first guidepost and a
finished report of the last whole year before the reference day, made by the task as a manager
would (after every other app's demo data, so its figures are real)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation

from velkomst.core.models import Municipality, Role

from . import report_services

DEMO_COMMENTARY = (
    "Tallene viser udviklingen i året. Ledelsen følger især op på de indikatorer, der ikke når "
    "målet, og drøfter dem med byrådet."
)


def install_demo(
    municipality: Municipality, by_role: dict[str, Any], reference_date: date
) -> Counter[str]:
    counts: Counter[str] = Counter()
    manager = by_role.get(Role.MANAGER)
    if manager is None:
        return counts
    year = reference_date.year - 1
    with translation.override("da"):
        report_services.commentary_save(
            acting_user=manager,
            year=year,
            guidepost_number=1,
            text=DEMO_COMMENTARY,
            expected_version=0,
        )
        counts["insight.reportcommentary"] += 1
        try:
            report_services.request_report(acting_user=manager, year=year)
        except ValidationError:  # no published strategy for the year: the page says so
            return counts
    counts["insight.statusreport"] += 1
    return counts
