"""The downloadable visitation templates (CSV and XLSX), built from the column definitions.

CSV is written as Danish Excel writes it: UTF-8 with BOM, semicolons, dd-mm-yyyy dates. XLSX has
real date cells, CPR as text, and a second sheet describing each column. Both hold a fictitious
example household and a single person, so they parse back cleanly and show the format by example:
nationality and languages by name (Syrien, syrisk, arabisk) and by code (SY, ar).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from velkomst.core import exports

from .columns import COLUMNS

DATE_KEYS = frozenset({"birth_date", "visitation_date", "expected_arrival_date"})

# Fictitious persons: the names say so.
EXAMPLE_ROWS: list[dict[str, str | date]] = [
    {
        "household": "H1",
        "first_name": "Amira",
        "last_name": "Eksempel",
        "birth_date": date(1988, 3, 14),
        "sex": "K",
        "nationality": "Syrien",
        "languages": "arabisk:modersmål:tolk; engelsk:grundlæggende",
        "relation": "hovedperson",
        "residence_basis": "flygtning",
        "asylum_centre": "Center Sandholm",
        "visitation_date": date(2026, 5, 15),
        "expected_arrival_date": date(2026, 7, 1),
        "cpr": "",
    },
    {
        "household": "H1",
        "first_name": "Karim",
        "last_name": "Eksempel",
        "birth_date": date(1985, 1, 2),
        "sex": "M",
        "nationality": "syrisk",
        "languages": "arabisk:modersmål:tolk",
        "relation": "ægtefælle",
        "residence_basis": "flygtning",
        "asylum_centre": "Center Sandholm",
        "visitation_date": date(2026, 5, 15),
        "expected_arrival_date": date(2026, 7, 1),
        "cpr": "",
    },
    {
        "household": "H1",
        "first_name": "Lina",
        "last_name": "Eksempel",
        "birth_date": date(2016, 9, 9),
        "sex": "K",
        "nationality": "SY",
        "languages": "ar:native; da:basic",
        "relation": "barn",
        "residence_basis": "flygtning",
        "asylum_centre": "Center Sandholm",
        "visitation_date": date(2026, 5, 15),
        "expected_arrival_date": date(2026, 7, 1),
        "cpr": "",
    },
    {
        "household": "H2",
        "first_name": "Selam",
        "last_name": "Prøvesen",
        "birth_date": date(1999, 11, 30),
        "sex": "M",
        "nationality": "Eritrea",
        "languages": "tigrinya:modersmål:tolk",
        "relation": "hovedperson",
        "residence_basis": "kvoteflygtning",
        "asylum_centre": "",
        "visitation_date": date(2026, 5, 20),
        "expected_arrival_date": date(2026, 6, 15),
        "cpr": "",
    },
]


def template_csv() -> bytes:
    return exports.csv_bytes(
        [
            [column.header for column in COLUMNS],
            *([row[column.key] for column in COLUMNS] for row in EXAMPLE_ROWS),
        ]
    )


def template_xlsx() -> bytes:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = exports.new_workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Visitation")
    exports.append_row(sheet, [column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLE_ROWS:
        exports.append_row(sheet, [row[column.key] or None for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
        for cell in sheet[letter][1:]:
            if column.key in DATE_KEYS:
                cell.number_format = "DD-MM-YYYY"
            else:
                cell.number_format = "@"  # text: CPR keeps its leading zero
    sheet.column_dimensions[get_column_letter(7)].width = 28
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Vejledning"))
    exports.append_row(guide, [_("Kolonne"), _("Påkrævet"), _("Indhold")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        exports.append_row(
            guide,
            [column.header, _("ja") if column.required else _("nej"), str(column.description)],
        )
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["C"].width = 100
    return exports.workbook_bytes(workbook)
