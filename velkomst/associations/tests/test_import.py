"""Importing move-outs from CSV or XLSX: all rows or none, problems by line and column (HOU-5)."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from velkomst.associations import importing, services
from velkomst.associations.models import MoveOutCount
from velkomst.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def fjordbo(officer):
    return services.association_create(acting_user=officer, name="Fjordbo")


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_a_good_csv_is_read_with_danish_month_forms(fjordbo):
    # REQ: HOU-5
    check = importing.check_file(
        _csv("Boligforening;Måned;Fraflytninger\nfjordbo;2026-01;4\nFjordbo;02-2026;0\n"),
        associations=[fjordbo],
    )
    assert check.ok and check.format == "csv"
    assert [(r.period, r.move_outs) for r in check.rows] == [
        (date(2026, 1, 1), 4),
        (date(2026, 2, 1), 0),
    ]


def test_every_problem_is_named_by_line_and_column(fjordbo):
    # REQ: HOU-5
    check = importing.check_file(
        _csv(
            "boligforening;måned;fraflytninger\n"
            "Ukendt;2026-01;4\n"
            "Fjordbo;13-2026;x\n"
            "Fjordbo;2026-03;-1\n"
            "Fjordbo;2026-04;2\n"
            "Fjordbo;04.2026;3\n"
            ";2026-05;1\n"
        ),
        associations=[fjordbo],
    )
    assert not check.ok
    assert [(p.line, p.column) for p in check.problems] == [
        (2, "boligforening"),
        (3, "måned"),
        (3, "fraflytninger"),
        (4, "fraflytninger"),
        (6, "måned"),
        (7, "boligforening"),
    ]
    missing = importing.check_file(_csv("boligforening;antal\nFjordbo;1\n"), associations=[])
    assert [(p.column, p.message) for p in missing.problems] == [
        ("måned", "Kolonnen 'måned' mangler."),
        ("fraflytninger", "Kolonnen 'fraflytninger' mangler."),
    ]


def test_an_xlsx_with_date_cells_is_read(fjordbo):
    # REQ: HOU-5
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["boligforening", "måned", "fraflytninger"])
    sheet.append(["Fjordbo", datetime(2026, 3, 1), 5])
    out = io.BytesIO()
    book.save(out)
    check = importing.check_file(out.getvalue(), associations=[fjordbo])
    assert check.ok and check.rows[0].period == date(2026, 3, 1) and check.rows[0].move_outs == 5


def test_importing_replaces_the_months_and_audits_them(client, officer, fjordbo):
    # REQ: HOU-5
    services.move_outs_save(
        acting_user=officer,
        association=fjordbo,
        entries=[services.MoveOutEntry(date(2026, 1, 1), 9)],
    )
    client.force_login(officer)
    url = reverse("associations-move-outs-import")
    upload = SimpleUploadedFile(
        "fraflytninger.csv",
        _csv("boligforening;måned;fraflytninger\nFjordbo;2026-01;4\nFjordbo;2026-02;3\n"),
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert dict(MoveOutCount.objects.values_list("period", "move_outs")) == {
        date(2026, 1, 1): 4,
        date(2026, 2, 1): 3,
    }
    imported = AuditEntry.objects.filter(object_type="associations.MoveOutCount", channel="import")
    assert imported.count() == 2 and imported[0].reason == "fraflytninger.csv"


def test_a_file_with_a_problem_imports_nothing(client, officer, fjordbo):
    # REQ: HOU-5
    client.force_login(officer)
    upload = SimpleUploadedFile(
        "f.csv",
        _csv("boligforening;måned;fraflytninger\nFjordbo;2026-01;4\nFjordbo;2026-02;mange\n"),
    )
    response = client.post(reverse("associations-move-outs-import"), {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Ingen fraflytninger er importeret" in html and "mange" in html
    assert not MoveOutCount.objects.exists()
    template = client.get(reverse("associations-move-outs-import-template"))
    assert template.content.decode("utf-8-sig").startswith("boligforening;måned;fraflytninger")


def test_only_housing_officers_import(client, staff):
    # REQ: SEC-2
    client.force_login(staff["manager"])
    assert client.get(reverse("associations-move-outs-import")).status_code == 403
    assert client.post(reverse("associations-move-outs-import"), {}).status_code == 403
