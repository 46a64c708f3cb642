"""Pseudonymised exports for analysis (MI-6): nothing that names a person, pseudonyms random per
export and stable within it, ages banded, rare nationalities grouped, the manager's own
municipality only, the manager only, one audit row."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conftest import member
from velkomst.core.models import AuditAction, AuditEntry

URL = "/insight/exports/"


@pytest.fixture
def manager(staff):
    return staff["manager"]


@pytest.fixture
def cohort(arrive, municipality):
    """Arrivals of 2024: six Syrians in three households, one Eritrean; one household of 2025."""
    first = arrive(
        date(2024, 3, 10),
        [
            member(
                first_name="Amal",
                last_name="Haddad",
                cpr="1403881234",
                birth_date=date(1988, 3, 14),
            ),
            member(
                first_name="Omar",
                last_name="Haddad",
                cpr="0101851235",
                sex="M",
                birth_date=date(1985, 1, 1),
                relation="spouse",
            ),
            member(
                first_name="Lina",
                last_name="Haddad",
                cpr="0505151236",
                birth_date=date(2015, 5, 5),
                relation="child",
            ),
        ],
    )
    second = arrive(
        date(2024, 6, 1),
        [
            member(
                first_name="Rami",
                last_name="Nasser",
                cpr="0202901237",
                sex="M",
                birth_date=date(1990, 2, 2),
            ),
            member(
                first_name="Huda",
                last_name="Nasser",
                cpr="0303921238",
                birth_date=date(1992, 3, 3),
                relation="spouse",
            ),
        ],
    )
    third = arrive(
        date(2024, 9, 1),
        [
            member(
                first_name="Yonas",
                last_name="Tesfay",
                cpr="0404801239",
                sex="M",
                nationality="ER",
                birth_date=date(1980, 4, 4),
            ),
            member(
                first_name="Sara",
                last_name="Khalil",
                cpr="0606701240",
                birth_date=date(1957, 6, 6),
                relation="other",
                residence_basis="family_reunified",
            ),
        ],
    )
    later = arrive(date(2025, 2, 1), [member(first_name="Noor", last_name="Ali", cpr="0707951241")])
    return first, second, third, later


def download(client, user, **data):
    client.force_login(user)
    response = client.post(URL, {"format": "csv", **data})
    assert response.status_code == 200, response.content[:500]
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def xlsx_sheets(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook
    }


IDENTIFYING = (
    "Amal", "Omar", "Lina", "Rami", "Huda", "Yonas", "Sara", "Haddad", "Nasser", "Tesfay",
    "Khalil", "1403881234", "140388", "0101851235", "1988", "14.03", "03-14", "Familie 1",
)  # fmt: skip


def test_no_name_cpr_address_or_birth_date_is_in_the_file(client, manager, cohort):
    # REQ: MI-6
    csv_content = download(client, manager, cohort="2024")
    xlsx_content = download(client, manager, cohort="2024", format="xlsx")
    csv_text = csv_content.decode("utf-8-sig")
    cells = " ".join(
        str(value) for rows in xlsx_sheets(xlsx_content).values() for row in rows for value in row
    )
    for text in (csv_text, cells):
        for word in IDENTIFYING:
            assert word not in text, word
    rows = csv_rows(csv_content)
    assert len(rows) == 7  # the 2025 household is not of the cohort
    assert set(rows[0]) == set(xlsx_sheets(xlsx_content)["Data"][0])
    for column in ("Fornavn", "Efternavn", "CPR-nummer", "Adresse", "Fødselsdato"):
        assert column not in rows[0]


def test_the_workbook_explains_every_column(client, manager, cohort):
    # REQ: MI-6
    sheets = xlsx_sheets(download(client, manager, cohort="2024", format="xlsx"))
    header = sheets["Data"][0]
    explained = [row[0] for row in sheets["Definitioner"][1:]]
    assert list(header) == explained
    assert all(row[1] for row in sheets["Definitioner"][1:])


def test_pseudonyms_are_stable_within_an_export_and_different_in_the_next(client, manager, cohort):
    # REQ: MI-6
    first = csv_rows(download(client, manager, cohort="2024"))
    second = csv_rows(download(client, manager, cohort="2024"))
    persons = [row["Pseudonym"] for row in first]
    assert len(set(persons)) == 7
    households: dict[str, list[dict[str, str]]] = {}
    for row in first:
        households.setdefault(row["Husstand"], []).append(row)
    # three households: 3 + 2 + 2 members, grouped by their household pseudonym
    assert sorted(len(rows) for rows in households.values()) == [2, 2, 3]
    assert not set(persons) & {row["Pseudonym"] for row in second}
    assert not set(households) & {row["Husstand"] for row in second}
    # never the id nor derived from it
    from velkomst.people.models import Person

    ids = {str(pk) for pk in Person.objects.values_list("pk", flat=True)}
    assert not any(p.split("-")[1] in ids for p in persons)


def test_ages_are_banded_on_arrival(client, manager, cohort):
    # REQ: MI-6
    rows = csv_rows(download(client, manager, cohort="2024"))
    bands = sorted(row["Alder ved ankomst"] for row in rows)
    # Amal 35, Omar 39, Lina 8, Rami 34, Huda 32, Yonas 44, Sara 67 on their arrival days
    assert bands == ["30-39", "30-39", "30-39", "30-39", "40-49", "6-16", "67+"]
    assert {row["Ankomstår"] for row in rows} == {"2024"}
    assert sorted({row["Ankomstmåned"] for row in rows}) == ["3", "6", "9"]


def test_a_nationality_fewer_than_the_threshold_share_is_other(client, manager, cohort):
    # REQ: MI-6
    rows = csv_rows(download(client, manager, cohort="2024"))
    nationalities = sorted(row["Nationalitet"] for row in rows)
    # six Syrians (>= 5) by name, the one Eritrean as "Andet"
    assert nationalities == ["Andet"] + ["Syrien"] * 6


def test_the_threshold_is_the_municipality_configuration(client, manager, cohort, municipality):
    # REQ: MI-6
    from velkomst.core.config import config_value
    from velkomst.core.services import municipality_configure

    assert config_value(municipality, "small_count_threshold") == 5
    municipality_configure(
        municipality=municipality,
        effective_from=date(2020, 1, 1),
        values={"small_count_threshold": 7},
    )
    rows = csv_rows(download(client, manager, cohort="2024"))
    assert {row["Nationalitet"] for row in rows} == {"Andet"}


def test_a_period_selects_by_arrival_date(client, manager, cohort):
    # REQ: MI-6
    rows = csv_rows(download(client, manager, arrived_from="2024-06-01", arrived_to="2025-12-31"))
    assert len(rows) == 5  # the Nassers, the two of September and Noor


def test_another_municipalitys_persons_are_absent(
    client, manager, cohort, arrive, other_caseworker
):
    # REQ: MI-6
    arrive(
        date(2024, 4, 1), [member(first_name="Fremmed", cpr="0808881242")], user=other_caseworker
    )
    rows = csv_rows(download(client, manager, cohort="2024"))
    assert len(rows) == 7


def test_outcomes_are_read_from_the_records(client, manager, cohort, municipality):
    # REQ: MI-6
    from velkomst.danish.models import DanishExam
    from velkomst.outcomes.models import Employment, SelfSupporting
    from velkomst.programme.models import Activity, IntegrationPlan

    omar = cohort[0].members.get(first_name="Omar")  # arrived 10 March 2024
    Employment.objects.create(
        municipality=municipality,
        person=omar,
        employer_name="Netto",
        cvr="",
        start_date=date(2025, 1, 15),  # 10 whole months after arrival
        end_date=None,
        hours_per_week=Decimal("30"),
        subsidy="none",
    )
    Employment.objects.create(  # subsidised: not the first unsupported job
        municipality=municipality,
        person=omar,
        employer_name="Føtex",
        cvr="",
        start_date=date(2024, 6, 1),
        end_date=date(2024, 12, 31),
        hours_per_week=Decimal("20"),
        subsidy="loentilskud",
    )
    DanishExam.objects.create(
        municipality=municipality,
        person=omar,
        exam="PD2",
        term="S25",
        taken_on=date(2025, 6, 1),
        result="passed",
    )
    plan = IntegrationPlan.objects.create(municipality=municipality, person=omar, direction="job")
    Activity.objects.create(
        municipality=municipality,
        plan=plan,
        category="enterprise",
        kind="internship",
        start=date(2024, 5, 20),  # 2 whole months after arrival
        hours_per_week=Decimal("20"),
        provider_kind="company",
    )
    SelfSupporting.objects.create(
        municipality=municipality, person=omar, from_date=date(2025, 3, 1), source="work"
    )
    rows = csv_rows(download(client, manager, cohort="2024"))
    employed = [row for row in rows if row["Måneder til første ustøttede job"]]
    assert len(employed) == 1
    row = employed[0]
    assert row["Køn"] == "Mand" and row["Alder ved ankomst"] == "30-39"
    assert row["Måneder til første ustøttede job"] == "10"
    assert row["I arbejde efter 12 måneder"] == "Ja"  # March 2025
    assert row["I arbejde efter 24 måneder"] == "Ja"  # March 2026
    reached = date.today() >= date(2027, 3, 10)  # the month 36 months after arrival
    assert row["I arbejde efter 36 måneder"] == ("Ja" if reached else "")
    assert row["Danskprøver bestået"] == "Prøve i Dansk 2"
    assert row["Måneder til første virksomhedsrettede aktivitet"] == "2"
    assert row["Selvforsørgende"] == "Ja"
    others = [r for r in rows if r is not row]
    assert {r["Selvforsørgende"] for r in others} == {"Nej"}
    assert {r["I arbejde efter 12 måneder"] for r in others} == {"Nej"}
    assert {r["Måneder til første ustøttede job"] for r in others} == {""}


def test_only_the_manager_may_export(client, staff, cohort):
    # REQ: MI-6
    for role, user in staff.items():
        client.force_login(user)
        expected = 200 if role == "manager" else 403
        assert client.get(URL).status_code == expected, role
        assert client.post(URL, {"cohort": "2024", "format": "csv"}).status_code == expected, role


def test_the_export_is_one_audit_row_with_the_selection_and_count(client, manager, cohort):
    # REQ: MI-6
    before = AuditEntry.objects.count()
    download(client, manager, cohort="2024", format="xlsx")
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert len(entries) == 1
    entry = entries[0]
    assert entry.action == AuditAction.EXPORT and entry.actor_id == manager.pk
    assert entry.person_id is None
    assert entry.changes == {"cohort": [None, 2024], "persons": [None, 7], "format": [None, "xlsx"]}
    assert "pseudonymiseret" in entry.reason


def test_the_form_names_what_is_missing(client, manager, cohort):
    client.force_login(manager)
    response = client.post(URL, {"format": "csv"})
    assert response.status_code == 400
    assert "Vælg et ankomstår eller en periode." in response.content.decode()
    response = client.post(URL, {"format": "csv", "arrived_from": "2024-05-01"})
    assert "Angiv både fra- og til-datoen" in response.content.decode()


def test_the_page_lists_the_columns_in_english_too(client, manager):
    client.force_login(manager)
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    html = client.get(URL).content.decode()
    assert "Exports for analysis" in html and "Age on arrival" in html
