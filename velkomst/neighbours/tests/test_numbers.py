"""Reports arriving at the same moment get different case numbers (HOU-8)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from velkomst.neighbours.models import NeighbourReport
from velkomst.neighbours.services import report_submit

from .conftest import local, report_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite writes one transaction at a time anyway"
)
def test_simultaneous_reports_never_share_a_number(channel):
    # REQ: HOU-8
    from django.db import connections

    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def send() -> None:
        try:
            barrier.wait()
            report_submit(channel=channel, data=report_data(), now=local(2026, 4, 1, 10, 0))
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(NeighbourReport.objects.values_list("number", flat=True))
    assert numbers == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
