"""A finished status report and a commentary to walk (the shared page walks, MI-3): the
municipality's strategy must be installed first (``strategies.tests.ids.strategy_ids``)."""

from __future__ import annotations

from typing import Any

COMMENTARY_SECRET = "Byrådet bør se på Fjernøens boliger"
YEAR = 2025


def report_ids(municipality: Any, staff: Any) -> dict[str, int]:
    from velkomst.insight import report_services

    commentary = report_services.commentary_save(
        acting_user=staff["manager"],
        year=YEAR,
        guidepost_number=1,
        text=COMMENTARY_SECRET,
        expected_version=0,
    )
    # made by the task (the test backend runs it at once): the PDF and the XLSX are real
    report = report_services.request_report(acting_user=staff["manager"], year=YEAR)
    assert report.state == "done", report.error
    return {"status_report": report.pk, "report_commentary": commentary.pk}
