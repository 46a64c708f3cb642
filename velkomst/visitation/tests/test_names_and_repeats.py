"""Visitation files as they arrive (REC-1): nationality and languages by Danish or English name,
adjective or code through the one code list; a value that matches nothing fails its row only,
naming the column, the line and the nearest names; a person written twice is named as a repeat."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.people.models import Household, Person, PersonLanguage
from velkomst.visitation.models import ImportBatch, ImportStatus

from .files import csv_bytes, person, xlsx_bytes

pytestmark = pytest.mark.django_db

UPLOAD = "/visitation/"


def _upload(client, content, name="visitation.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def _as_they_arrive():
    """Rows as the immigration service and asylum centres write them: words, not codes."""
    common = {"visitationsdato": "15-05-2026", "forventet_ankomst": "01-07-2026"}
    return [
        person(  # line 2
            husstand="H1",
            fornavn="Selam",
            efternavn="Tesfay",
            nationalitet="Eritrea",
            sprog="tigrinya:modersmål:tolk; engelsk:grundlæggende",
            **common,
        ),
        person(  # line 3
            husstand="H1",
            fornavn="Helen",
            efternavn="Tesfay",
            køn="K",
            fødselsdato="02-01-1990",
            nationalitet="eritreisk",
            sprog="Tigrinja",
            relation="ægtefælle",
            **common,
        ),
        person(  # line 4
            husstand="H2",
            fornavn="Omar",
            efternavn="Haddad",
            nationalitet="Syrien",
            sprog="arabisk:modersmål:tolk",
            **common,
        ),
        person(  # line 5
            husstand="H3",
            fornavn="Zahra",
            efternavn="Ahmadi",
            køn="K",
            nationalitet="afghansk",
            sprog="dari; farsi:flydende",
            **common,
        ),
        person(  # line 6
            husstand="H4",
            fornavn="Olena",
            efternavn="Koval",
            køn="K",
            nationalitet="Ukraine",
            sprog="ukrainsk; Russian:fluent",
            **common,
        ),
        person(  # line 7
            husstand="H5",
            fornavn="Rawand",
            efternavn="Karim",
            nationalitet="Statsløs",
            sprog="kurdisk (sorani):modersmål:tolk; ara",
            **common,
        ),
        person(  # line 8
            husstand="H6",
            fornavn="Nimo",
            efternavn="Warsame",
            køn="K",
            nationalitet="Ukendt",
            sprog="somali",
            **common,
        ),
        person(  # line 9
            husstand="H7",
            fornavn="Karim",
            efternavn="Rahimi",
            nationalitet="AFG",
            sprog="pashtu:modersmål:tolk",
            **common,
        ),
    ]


EXPECTED = {
    "Selam": ("ER", {"ti": ("native", True), "en": ("basic", False)}),
    "Helen": ("ER", {"ti": ("native", False)}),
    "Omar": ("SY", {"ar": ("native", True)}),
    "Zahra": ("AF", {"prs": ("native", False), "fa": ("fluent", False)}),
    "Olena": ("UA", {"uk": ("native", False), "ru": ("fluent", False)}),
    "Rawand": ("XXA", {"ckb": ("native", True), "ar": ("native", False)}),
    "Nimo": ("XXX", {"so": ("native", False)}),
    "Karim": ("AF", {"ps": ("native", True)}),
}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_with_danish_country_and_language_names_imports(logged_in, caseworker, kind):
    # REQ: REC-1
    client = logged_in(caseworker)
    rows = _as_they_arrive()
    content = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    response = _upload(client, content, f"visitation.{kind}")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.post(response.url, {}).status_code == 302
    assert Household.objects.count() == 7
    for first_name, (nationality, languages) in EXPECTED.items():
        stored = Person.objects.get(first_name=first_name)
        assert stored.nationality == nationality, first_name
        assert {
            lang.language: (lang.proficiency, lang.interpreter_needed)
            for lang in PersonLanguage.objects.filter(person=stored)
        } == languages, first_name


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_unknown_country_fails_its_row_only_and_nothing_is_imported(logged_in, caseworker, kind):
    # REQ: REC-1
    client = logged_in(caseworker)
    rows = _as_they_arrive()
    rows[4]["nationalitet"] = "Afganistan"  # line 6
    content = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    response = _upload(client, content, f"visitation.{kind}")
    assert response.status_code == 422
    html = response.content.decode()
    assert (
        "Linje 6, kolonne nationalitet: &#x27;Afganistan&#x27; er ikke et kendt land. "
        "Mente du: Afghanistan?" in html
    )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.REJECTED
    assert batch.problems == [
        {
            "line": 6,
            "column": "nationalitet",
            "message": "'Afganistan' er ikke et kendt land. Mente du: Afghanistan?",
        }
    ]
    assert Household.objects.count() == 0 and Person.objects.count() == 0


def test_an_unknown_language_names_the_column_line_and_nearest_names(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    rows = _as_they_arrive()
    rows[2]["sprog"] = "arabsk:modersmål:tolk"  # line 4
    response = _upload(client, csv_bytes(rows))
    assert response.status_code == 422
    assert ImportBatch.objects.get().problems == [
        {
            "line": 4,
            "column": "sprog",
            "message": "'arabsk' er ikke et kendt sprog. Mente du: arabisk?",
        }
    ]
    assert Person.objects.count() == 0


def test_the_nearest_names_are_in_the_uploaders_language(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": UPLOAD})
    rows = _as_they_arrive()
    rows[2]["nationalitet"] = "Syrein"  # line 4
    html = _upload(client, csv_bytes(rows)).content.decode()
    assert "&#x27;Syrein&#x27; is not a known country. Did you mean: Syria?" in html


def test_a_person_repeated_in_the_file_is_named_as_a_repeat(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    rows = _as_they_arrive()  # lines 2-9
    rows += [
        person(husstand=f"H{n}", fornavn=f"Person{chr(64 + n)}", efternavn="Berg")
        for n in range(8, 11)
    ]  # lines 10-12
    rows.append(dict(rows[0]))  # line 13: the head of H1 again, in H1
    rows.append(person(husstand="H11", fornavn="Amal", cpr="1403881234"))  # line 14
    rows.append(person(husstand="H12", fornavn="Anna", cpr="140388-1234"))  # line 15: same CPR
    response = _upload(client, csv_bytes(rows))
    assert response.status_code == 422
    assert ImportBatch.objects.get().problems == [
        {
            "line": 13,
            "column": "fornavn",
            "message": "Gentager linje 2 (samme navn og fødselsdato). Slet den ene af de to "
            "rækker, eller skriv begges CPR-numre, hvis det er to personer.",
        },
        {
            "line": 15,
            "column": "cpr",
            "message": "Gentager linje 14 (samme CPR-nummer). Slet den ene af de to rækker.",
        },
    ]
    html = response.content.decode()
    assert "Linje 13, kolonne fornavn: Gentager linje 2" in html
    assert "mere end én hovedperson" not in html
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    "cprs", [("1403881234", "1403882234"), ("", "")], ids=["other-cpr", "no-cpr-other-household"]
)
def test_the_same_name_and_birth_date_with_other_cpr_numbers_is_not_a_repeat(
    logged_in, caseworker, cprs
):
    # REQ: REC-1
    """Other CPR numbers, or no CPR numbers in two households (many are registered as born 1
    January): perhaps two persons, so the review of likely duplicates, not an error."""
    client = logged_in(caseworker)
    rows = [
        person(husstand="A", fornavn="Ali", cpr=cprs[0]),
        person(husstand="B", fornavn="Ali", cpr=cprs[1]),  # line 3: review, not an error
    ]
    response = _upload(client, csv_bytes(rows))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.REVIEW
    assert [d["line"] for d in batch.duplicates] == [3]


@given(
    count=st.integers(min_value=1, max_value=8),
    data=st.data(),
    same_household=st.booleans(),
    with_cpr=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_any_row_written_again_is_reported_once_as_a_repeat_of_its_first_line(
    count, data, same_household, with_cpr
):
    # REQ: REC-1
    from datetime import date

    from velkomst.visitation.parsing import parse_file
    from velkomst.visitation.validation import validate_file

    names = ["Amal", "Bilal", "Dina", "Faris", "Hana", "Idris", "Jamal", "Karima"]
    rows = [
        person(
            husstand=f"H{n}",
            fornavn=names[n],
            fødselsdato=f"{n + 1:02d}-03-1988",
            cpr=f"{n + 1:02d}03881234" if with_cpr else "",
        )
        for n in range(count)
    ]
    first = data.draw(st.integers(min_value=0, max_value=count - 1))
    again = dict(rows[first])
    if not same_household:
        again["husstand"] = "H-again"
    rows.append(again)
    check = validate_file(parse_file(csv_bytes(rows)), today=date(2026, 6, 1))
    if not (with_cpr or same_household):
        # the same name and birth date in another household, no CPR: perhaps another person,
        # for the review of likely duplicates, not refused
        assert check.problems == [] and len(check.rows) == count + 1
        return
    column = "cpr" if with_cpr else "fornavn"
    assert [(p.line, p.column) for p in check.problems] == [(count + 2, column)]
    assert check.problems[0].message.startswith(f"Gentager linje {first + 2} ")
    assert check.rows == []  # all or nothing
