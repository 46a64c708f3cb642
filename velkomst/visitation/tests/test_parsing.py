"""Reading real-world visitation files: encodings, separators, headers, dates (REC-1)."""

from datetime import date

import pytest

from velkomst.visitation.parsing import UnreadableFile, decode_text, parse_file, sniff_delimiter
from velkomst.visitation.validation import parse_date, parse_languages, validate_file

from .files import HEADERS, csv_bytes, family, person, xlsx_bytes

TODAY = date(2026, 6, 1)


def _check(content: bytes):
    return validate_file(parse_file(content), today=TODAY)


def test_semicolon_csv_with_bom_danish_letters_and_danish_dates():
    # REQ: REC-1
    content = csv_bytes(family(), encoding="utf-8-sig")
    assert content.startswith(b"\xef\xbb\xbf")
    parsed = parse_file(content)
    assert parsed.delimiter == ";" and parsed.format == "csv"
    check = validate_file(parsed, today=TODAY)
    assert check.ok, check.problems
    head, spouse, child = check.rows
    assert (head.first_name, head.last_name) == ("Åse", "Østergård")
    assert head.birth_date == date(1988, 3, 14) and spouse.relation == "spouse"
    assert child.relation == "child" and child.languages == [("ar", "native", False)]
    assert head.languages == [("ar", "native", True), ("en", "basic", False)]
    assert [r.line for r in check.rows] == [2, 3, 4]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1", "utf-16"])
def test_encodings_without_bom_and_old_excel(encoding):
    # REQ: REC-1
    check = _check(csv_bytes(family(), encoding=encoding))
    assert check.ok, check.problems
    assert check.rows[2].first_name == "Lærke" and check.rows[0].last_name == "Østergård"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_separator_is_sniffed(delimiter):
    # REQ: REC-1
    parsed = parse_file(csv_bytes(family(), delimiter=delimiter, encoding="utf-8"))
    assert parsed.delimiter == delimiter
    assert validate_file(parsed, today=TODAY).ok


def test_sniffing_prefers_semicolon_and_counts_fields():
    assert sniff_delimiter("a;b;c\n1;2;3") == ";"
    assert sniff_delimiter("\n\na,b,c\n") == ","
    assert sniff_delimiter("a\tb\tc") == "\t"


def test_cp1252_fallback_decodes_danish_letters():
    text, encoding = decode_text("Ærø;Søren".encode("cp1252"))
    assert (text, encoding) == ("Ærø;Søren", "cp1252")


def test_headers_in_other_case_with_spaces_english_names_and_a_title_row():
    # REQ: REC-1
    headers = [
        " Household ",
        "FORNAVN",
        "Last name",
        "Fødsels dato",
        "Gender",
        "nationality",
        "Languages",
        "Relation",
        "Residence basis",
        "Asylum centre",
        "Visitation date",
        "Forventet ankomst",
        "CPR-nummer",
    ]
    content = (b"Visitationsliste maj 2026;;;\r\n\r\n") + csv_bytes(
        family(), headers=headers, encoding="utf-8"
    )
    parsed = parse_file(content)
    assert set(parsed.headers) == {
        "household",
        "first_name",
        "last_name",
        "birth_date",
        "sex",
        "nationality",
        "languages",
        "relation",
        "residence_basis",
        "asylum_centre",
        "visitation_date",
        "expected_arrival_date",
        "cpr",
    }
    check = validate_file(parsed, today=TODAY)
    assert check.ok, check.problems
    assert check.rows[0].line == 4  # the title row and the blank line count as lines


def test_trailing_empty_rows_and_whitespace_are_ignored():
    # REQ: REC-1
    rows = [
        person(fornavn="  Åse  ", efternavn=" Østergård ", køn=" k ", nationalitet=" sy "),
    ]
    content = csv_bytes(rows, trailing_empty=5) + b";;;  ;\r\n\r\n"
    check = _check(content)
    assert check.ok, check.problems
    assert len(check.rows) == 1
    row = check.rows[0]
    assert (row.first_name, row.last_name, row.sex, row.nationality) == (
        "Åse",
        "Østergård",
        "F",
        "SY",
    )


def test_unknown_columns_are_reported_as_ignored_and_missing_ones_as_problems():
    content = b"husstand;fornavn;efternavn;noter\r\nH1;A;B;x\r\n"
    parsed = parse_file(content)
    assert parsed.ignored_headers == ["noter"]
    messages = [p.message for p in parsed.problems]
    assert "Kolonnen 'fødselsdato' mangler i overskriftsrækken." in messages
    assert "Kolonnen 'cpr' mangler i overskriftsrækken." not in messages  # optional


def test_a_column_given_twice_is_a_problem():
    content = ";".join([*HEADERS, "first name"]).encode() + b"\r\n"
    problems = parse_file(content).problems
    assert any("findes to gange" in p.message for p in problems)


def test_a_file_without_a_header_or_without_rows():
    assert (
        "Overskriftsrækken blev ikke fundet"
        in parse_file(b"1;2;3\r\n4;5;6\r\n").problems[0].message
    )
    assert parse_file(csv_bytes([])).problems[0].message == "Filen indeholder ingen personer."


def test_xlsx_with_date_cells_numbers_and_trailing_rows():
    # REQ: REC-1
    rows = family()
    rows[0]["cpr"] = 1403881234  # a number cell
    rows[0]["husstand"] = 7.0  # Excel stores numbers as floats
    for row in rows[1:]:
        row["husstand"] = 7
    content = xlsx_bytes(rows, trailing_empty=3)
    parsed = parse_file(content)
    assert parsed.format == "xlsx"
    assert isinstance(parsed.rows[0].values["birth_date"], date)
    check = validate_file(parsed, today=TODAY)
    assert check.ok, check.problems
    assert check.rows[0].household == "7" and check.rows[1].household == "7"
    assert check.rows[0].cpr == "1403881234"
    assert check.rows[2].birth_date == date(2016, 9, 9)


def test_xlsx_cpr_that_lost_its_leading_zero_is_restored():
    rows = [person(fødselsdato="01-02-1990", cpr=102901234)]  # 0102901234 as a number
    check = _check(xlsx_bytes(rows))
    assert check.ok, check.problems
    assert check.rows[0].cpr == "0102901234"


def test_old_xls_files_are_refused_with_advice():
    with pytest.raises(UnreadableFile, match=r"\.xlsx"):
        parse_file(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)


def test_a_broken_xlsx_is_refused():
    with pytest.raises(UnreadableFile):
        parse_file(b"PK\x03\x04 not really a zip")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14-03-1988", date(1988, 3, 14)),
        ("14.03.1988", date(1988, 3, 14)),
        ("14/3/1988", date(1988, 3, 14)),
        ("1988-03-14", date(1988, 3, 14)),
        ("4-3-1988", date(1988, 3, 4)),
        ("1988-03-14 00:00:00", date(1988, 3, 14)),
        (32216, date(1988, 3, 14)),  # an Excel serial number
    ],
)
def test_danish_and_iso_dates(text, expected):
    # REQ: REC-1
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-1990", "'31-02-1990' er ikke en gyldig dato."),
        ("14-03-88", "'14-03-88': skriv året med fire cifre (dd-mm-åååå)."),
        ("marts 1988", "'marts 1988' er ikke en dato. Skriv datoen som dd-mm-åååå, fx 14-03-1988."),
    ],
)
def test_bad_dates_say_why(text, message):
    from velkomst.visitation.validation import CellError

    with pytest.raises(CellError) as error:
        parse_date(text)
    assert str(error.value) == message


def test_languages():
    # REQ: REC-1
    assert parse_languages("ar:native:tolk; en:basic") == [
        ("ar", "native", True),
        ("en", "basic", False),
    ]
    assert parse_languages("Arabisk:modersmål:tolk, dari:flydende") == [
        ("ar", "native", True),
        ("prs", "fluent", False),
    ]
    assert parse_languages("ti") == [("ti", "native", False)]
    assert parse_languages("") == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("xq:native", "'xq' er ikke et kendt sprog eller en sprogkode"),
        ("ar:expert", "'expert' er ikke et sprogniveau"),
        ("ar:native:måske", "skriv 'tolk'"),
        ("ar; ar:basic", "Sproget 'ar' står der to gange."),
    ],
)
def test_bad_languages_say_why(text, fragment):
    from velkomst.visitation.validation import CellError

    with pytest.raises(CellError, match=fragment):
        parse_languages(text)


def test_reading_stops_after_a_long_run_of_empty_rows():
    from velkomst.visitation.parsing import MAX_EMPTY_RUN

    content = csv_bytes(family(), trailing_empty=MAX_EMPTY_RUN + 5)
    content += csv_bytes([person(husstand="late")]).split(b"\r\n", 1)[1]
    check = _check(content)
    assert check.ok and [r.household for r in check.rows] == ["H1", "H1", "H1"]
