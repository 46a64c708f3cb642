"""Every row is validated before anything is written; each problem names line and column
(REC-1, SEC-5). Household rules and likely duplicates."""

from datetime import date

from velkomst.visitation.parsing import parse_file
from velkomst.visitation.validation import ExistingPerson, find_duplicates, validate_file

from .files import csv_bytes, family, person

TODAY = date(2026, 6, 1)


def _messages(rows, **kwargs):
    check = validate_file(parse_file(csv_bytes(rows, **kwargs)), today=TODAY)
    return [f"Linje {p.line}, kolonne {p.column}: {p.message}" for p in check.problems], check


def test_errors_in_several_rows_are_each_reported_with_line_and_column():
    # REQ: REC-1
    # REQ: SEC-5
    rows = [
        *family("H1"),  # lines 2-4
        person(husstand="H2", fødselsdato="31-02-1990"),  # line 5
        person(husstand="H3", fornavn="Hana", nationalitet="Eritria", køn="?"),  # line 6
        person(husstand="H4", fornavn="Ida", relation="fætter", opholdsgrundlag="turist"),  # 7
        person(husstand="H5", fornavn="", visitationsdato="2026-13-01"),  # line 8
        person(husstand="H6", fornavn="Jon", cpr="1403881234", fødselsdato="15-03-1988"),  # 9
        person(husstand="H7", fornavn="Kai", forventet_ankomst="01-05-2026"),  # line 10
    ]
    messages, check = _messages(rows)
    assert messages == [
        "Linje 5, kolonne fødselsdato: '31-02-1990' er ikke en gyldig dato.",
        "Linje 6, kolonne køn: '?' er ikke en gyldig værdi. Brug K, M eller X.",
        "Linje 6, kolonne nationalitet: 'Eritria' er ikke et kendt land. Mente du: Eritrea?",
        "Linje 7, kolonne relation: 'fætter' er ikke en gyldig værdi. Brug hovedperson, "
        "ægtefælle, barn, forælder, søskende eller anden.",
        "Linje 7, kolonne opholdsgrundlag: 'turist' er ikke en gyldig værdi. Brug flygtning, "
        "kvoteflygtning eller familiesammenført.",
        "Linje 8, kolonne fornavn: Feltet skal udfyldes.",
        "Linje 8, kolonne visitationsdato: '2026-13-01' er ikke en gyldig dato.",
        "Linje 9, kolonne cpr: CPR-nummeret passer ikke med fødselsdatoen 15-03-1988.",
        "Linje 10, kolonne forventet_ankomst: Forventet ankomst (01-05-2026) ligger før "
        "visitationsdatoen (15-05-2026).",
    ]
    assert check.rows == []  # nothing is handed on when anything is wrong


def test_the_column_is_named_as_the_file_names_it():
    headers = ["Household", "First name", "Last name", "Date of birth", "Sex", "Nationality"]
    headers += ["Languages", "Relation", "Residence basis", "Asylum centre"]
    headers += ["Visitation date", "Expected arrival", "CPR"]
    messages, _ = _messages([person(fødselsdato="1-1-1")], headers=headers)
    assert messages == [
        "Linje 2, kolonne Date of birth: '1-1-1' er ikke en dato. Skriv datoen som dd-mm-åååå, "
        "fx 14-03-1988."
    ]


def test_cpr_must_be_valid_and_match_the_birth_date():
    # REQ: REC-1
    rows = [
        person(husstand="A", cpr="140388-1234"),  # fine, with a hyphen
        person(husstand="B", fornavn="Bo", cpr="12345"),
        person(husstand="C", fornavn="Cai", cpr="3213881234"),
    ]
    messages, _ = _messages(rows)
    assert messages == [
        "Linje 3, kolonne cpr: '12345': CPR-nummeret skal være 10 cifre.",
        "Linje 4, kolonne cpr: '3213881234': CPR-nummerets første seks cifre er ikke en "
        "gyldig dato (DDMMÅÅ).",
    ]


def test_a_household_needs_exactly_one_head():
    # REQ: REC-1
    rows = [
        person(husstand="H1", relation="ægtefælle"),
        person(husstand="H1", fornavn="B", relation="barn", fødselsdato="01-01-2015"),
        person(husstand="H2", fornavn="Dina"),
        person(husstand="H2", fornavn="Anden"),
    ]
    messages, _ = _messages(rows)
    assert messages == [
        "Linje 2, kolonne relation: Husstand 'H1' (linje 2, 3) har ingen hovedperson. Angiv "
        "relationen 'hovedperson' for én af dem.",
        "Linje 5, kolonne relation: Husstand 'H2' har mere end én hovedperson (også linje 4). "
        "Der skal være præcis én.",
    ]


def test_visitation_arrival_and_centre_are_the_same_within_a_household():
    # REQ: REC-1
    rows = family("H1")
    rows[1]["visitationsdato"] = "16-05-2026"
    rows[2]["asylcenter"] = "Center Avnstrup"
    rows[2]["forventet_ankomst"] = ""
    messages, _ = _messages(rows)
    assert messages == [
        "Linje 3, kolonne visitationsdato: '16-05-2026' afviger fra husstandens første række "
        "(linje 2: '15-05-2026'). Værdien skal være ens for hele husstanden.",
        "Linje 4, kolonne asylcenter: 'Center Avnstrup' afviger fra husstandens første række "
        "(linje 2: 'Center Sandholm'). Værdien skal være ens for hele husstanden.",
        "Linje 4, kolonne forventet_ankomst: '' afviger fra husstandens første række "
        "(linje 2: '01-07-2026'). Værdien skal være ens for hele husstanden.",
    ]


def test_children_are_younger_than_parents_and_parents_older_than_the_head():
    # REQ: REC-1
    rows = family("H1")
    rows[2]["fødselsdato"] = "01-01-1986"  # older than the head (1988), younger than the spouse
    rows.append(
        person(husstand="H1", fornavn="Farmor", relation="forælder", fødselsdato="01-01-1990")
    )
    rows.append(person(husstand="H1", fornavn="Ældste", relation="barn", fødselsdato="01-01-1980"))
    messages, _ = _messages(rows)
    assert messages == [
        "Linje 4, kolonne fødselsdato: Barnet er ikke yngre end Åse Østergård (linje 2, født "
        "14-03-1988).",
        "Linje 5, kolonne fødselsdato: Forælderen er ikke ældre end hovedpersonen Åse "
        "Østergård (linje 2, født 14-03-1988).",
        "Linje 6, kolonne fødselsdato: Barnet er ikke yngre end Åse Østergård (linje 2, født "
        "14-03-1988).",
        "Linje 6, kolonne fødselsdato: Barnet er ikke yngre end Jørgen Østergård (linje 3, født "
        "02-01-1985).",
    ]


def test_future_birth_dates_are_refused():
    messages, _ = _messages([person(fødselsdato="01-01-2027")])
    assert messages == ["Linje 2, kolonne fødselsdato: Fødselsdatoen ligger i fremtiden."]


def test_danish_and_english_words_are_accepted():
    # REQ: REC-1
    rows = [
        person(husstand="A", relation="Head", opholdsgrundlag="quota_refugee", køn="female"),
        person(
            husstand="A",
            fornavn="B",
            relation="Ægtefælle",
            opholdsgrundlag="Familiesammenført",
            køn="Mand",
        ),
        person(husstand="A", fornavn="C", relation="SØSKENDE", opholdsgrundlag="Kvoteflygtning"),
        person(husstand="A", fornavn="D", relation="forælder", fødselsdato="01-01-1950"),
        person(husstand="A", fornavn="E", relation="anden", opholdsgrundlag="refugee"),
    ]
    messages, check = _messages(rows)
    assert messages == []
    assert [r.relation for r in check.rows] == ["head", "spouse", "sibling", "parent", "other"]
    assert [r.residence_basis for r in check.rows] == [
        "quota_refugee",
        "family_reunified",
        "quota_refugee",
        "refugee",
        "refugee",
    ]
    assert [r.sex for r in check.rows[:2]] == ["F", "M"]


def test_likely_duplicates_in_the_municipality_and_in_the_file():
    # REQ: REC-1
    rows = [
        person(husstand="A", fornavn="Amal", efternavn="Haddad", cpr="1403881234"),
        # the same name and birth date in the file, but another CPR number: maybe another person
        person(husstand="B", fornavn="AMAL", efternavn="haddad", cpr="1403882678"),
        person(husstand="C", fornavn="Other", fødselsdato="14-03-1988", cpr="1403883777"),
        person(husstand="D", fornavn="Nobody"),
    ]
    check = validate_file(parse_file(csv_bytes(rows)), today=TODAY)
    assert check.ok, check.problems
    existing = [
        ExistingPerson(7, "Amal", "Haddad", date(1988, 3, 14), "", 3, "Familien Haddad"),
        ExistingPerson(8, "Zed", "Q", date(1970, 1, 1), "1403881234", 4, "Zed Q"),
        ExistingPerson(9, "Zoe", "Q", date(1970, 1, 1), "1403883777", 4, "Zed Q"),
    ]
    found = {d["line"]: d["matches"] for d in find_duplicates(check.rows, existing)}
    assert set(found) == {2, 3, 4}
    assert {(m["kind"], m.get("person_id"), m["reason"]) for m in found[2]} == {
        ("person", 7, "name_birth"),
        ("person", 8, "cpr"),
    }
    assert {(m["kind"], m.get("person_id") or m.get("line"), m["reason"]) for m in found[3]} == {
        ("person", 7, "name_birth"),
        ("line", 2, "name_birth"),
    }
    assert {(m["kind"], m.get("person_id") or m.get("line")) for m in found[4]} == {
        ("person", 9),
    }
