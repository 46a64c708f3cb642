"""Importing dwellings from CSV and XLSX: all rows or none, problems by line and column."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.housing import importing
from velkomst.housing.models import Area, Dwelling

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMNS)


def csv_bytes(rows, header=HEADER, sep=";"):
    lines = [sep.join(header)] + [sep.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def row(**changes):
    values = dict(zip(HEADER, importing.EXAMPLE, strict=True))
    values.update(changes)
    return [values[h] for h in HEADER]


def upload(client, content, name="boliger.csv"):
    return client.post(
        reverse("housing-dwelling-import"), {"file": SimpleUploadedFile(name, content)}
    )


@pytest.fixture
def importer(client, officer, area):
    from velkomst.housing.services import area_create

    area_create(acting_user=officer, name="Nexø", kind="town")
    client.force_login(officer)
    return client


def test_a_good_csv_imports_every_dwelling_with_audit(importer):
    # REQ: HOU-1
    rows = [
        row(),
        row(
            **{
                "adresse": "Havnegade 3",
                "område": "nexø",
                "type": "Midlertidig",
                "husleje": "4.800",
                "forbrug": "",
                "udlejertype": "kommune",
                "ledig_fra": "2026-07-15",
                "niveaufri": "nej",
                "min_skole": "",
            }
        ),
    ]
    response = upload(importer, csv_bytes(rows))
    assert response.status_code == 302
    first, second = Dwelling.objects.order_by("address")
    assert (second.address, second.type, second.rent, second.utilities) == (
        "Storegade 12, 1. tv., 3700 Rønne",
        "permanent",
        5200,
        650,
    )
    assert second.step_free and second.travel_minutes == {
        "school": 10,
        "daycare": 5,
        "transport": 3,
        "shops": 8,
    }
    assert (first.area.name, first.type, first.rent, first.utilities) == (
        "Nexø",
        "temporary",
        4800,
        0,
    )
    assert first.available_from == date(2026, 7, 15) and first.minutes_to_school is None
    assert first.landlord_kind == "municipality" and not first.step_free
    entries = AuditEntry.objects.filter(object_type="housing.Dwelling", action="create")
    assert entries.count() == 2 and set(entries.values_list("channel", flat=True)) == {"import"}


def test_one_bad_row_imports_nothing_and_each_problem_has_line_and_column(importer, officer):
    # REQ: HOU-1
    rows = [
        row(),
        row(**{"værelser": "to", "område": "Atlantis"}),
        row(),
        row(**{"ledig_fra": "31-02-2026", "type": "slot", "adresse": ""}),
    ]
    response = upload(importer, csv_bytes(rows))
    assert response.status_code == 422
    assert (
        not Dwelling.objects.exists()
        and not AuditEntry.objects.filter(action="create")
        .exclude(object_type="housing.Area")
        .exists()
    )
    check = importing.check_file(
        csv_bytes(rows),
        areas=Area.objects.all(),
        municipality_id=officer.municipality_id,
    )
    where = {(p.line, p.column) for p in check.problems}
    assert where == {(3, "værelser"), (3, "område"), (5, "ledig_fra"), (5, "type"), (5, "adresse")}
    html = response.content.decode()
    assert "Ingen boliger er importeret" in html and "Atlantis" in html


def test_a_missing_column_is_reported(importer):
    # REQ: HOU-1
    header = [h for h in HEADER if h != "husleje"]
    response = upload(importer, csv_bytes([], header=header))
    assert response.status_code == 422 and "husleje" in response.content.decode()
    assert not Dwelling.objects.exists()


def test_an_xlsx_file_imports_and_the_template_round_trips(importer):
    # REQ: HOU-1
    template = importer.get(reverse("housing-dwelling-import-template"), {"format": "xlsx"})
    assert template.status_code == 200
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    sheet.append(
        ["Åvej 2", "Nexø", "ungdom", 1, 25.0, 2900, 300, None, "privat", date(2026, 10, 1), "x"]
    )
    out = io.BytesIO()
    workbook.save(out)
    assert importer.get(reverse("housing-dwelling-import")).status_code == 200
    assert upload(importer, out.getvalue(), "boliger.xlsx").status_code == 302
    assert Dwelling.objects.count() == 2
    youth = Dwelling.objects.get(address="Åvej 2")
    assert (youth.type, youth.size_m2, youth.available_from) == ("youth", 25, date(2026, 10, 1))
    csv_template = importer.get(reverse("housing-dwelling-import-template"))
    assert csv_template.content.decode("utf-8-sig").splitlines()[0] == ";".join(HEADER)
    assert upload(importer, csv_template.content).status_code == 302
    assert Dwelling.objects.count() == 3


def test_an_unreadable_file_is_refused(importer):
    # REQ: HOU-1
    response = upload(importer, b"\xd0\xcf\x11\xe0 old excel", "boliger.xls")
    assert response.status_code == 422 and ".xls" in response.content.decode()


def test_only_housing_officers_import(client, staff):
    # REQ: SEC-2
    client.force_login(staff["caseworker"])
    assert client.get(reverse("housing-dwelling-import")).status_code == 403
    assert client.get(reverse("housing-dwelling-import-template")).status_code == 403
    assert upload(client, csv_bytes([row()])).status_code == 403
