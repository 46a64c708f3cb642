"""Outcome pages and the result-grants page (PRG-7)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest

from velkomst.core.models import AuditEntry
from velkomst.outcomes import services
from velkomst.outcomes.models import Employment

from .conftest import employment_values

pytestmark = pytest.mark.django_db


def _exam(person, taken_on):
    """A passed exam, as the Danish part records it (its model; its services are its own)."""
    from velkomst.danish.models import DanishExam

    return DanishExam.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        exam="PD2",
        term=f"{taken_on.year}-winter",
        taken_on=taken_on,
        result="passed",
    )


def test_recording_an_employment_on_the_page_and_seeing_the_grant(
    logged_in, caseworker, person, takeover
):
    # REQ: PRG-7
    client = logged_in(caseworker)
    url = f"/persons/{person.pk}/outcomes/employments/new/"
    assert client.get(url).status_code == 200
    data = {**employment_values(), "version": 0}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302
    job = Employment.objects.get()
    page = client.get(f"/persons/{person.pk}/outcomes/").content.decode()
    assert "Netto Rønne" in page and "Ordinær beskæftigelse uden tilskud" in page
    assert "88.817 kr." in page and "31. juli 2025" in page
    grants = client.get("/outcomes/grants/").content.decode()
    assert "Amal Haddad" in grants and "88.817 kr." in grants
    assert "gennemsnitligt 30,0 timer" in grants
    assert AuditEntry.objects.filter(action="view", person_id=person.pk).exists()
    assert AuditEntry.objects.filter(action="search", reason="result grants").exists()
    # the edit page shows the record; a bad CVR is named on its field with a 422
    edit = f"/employments/{job.pk}/edit/"
    assert "Netto Rønne" in client.get(edit).content.decode()
    bad = client.post(edit, {**data, "cvr": "12345678", "version": 1})
    assert bad.status_code == 422 and "modulus 11" in bad.content.decode()


def test_a_concurrent_edit_on_the_page_shows_the_message(logged_in, caseworker, person):
    # REQ: PRG-7
    job = services.employment_create(acting_user=caseworker, person=person, **employment_values())
    services.employment_update(
        acting_user=caseworker, employment=job, expected_version=1, hours_per_week=Decimal("25")
    )
    client = logged_in(caseworker)
    data = {**employment_values(employer_name="Anden"), "version": 1}
    response = client.post(f"/employments/{job.pk}/edit/", data, follow=True)
    assert "En anden har gemt ændringer" in response.content.decode()
    assert Employment.objects.get().employer_name == "Netto Rønne"


def test_the_grants_page_filters_by_year_and_kind_and_totals(
    logged_in, staff, caseworker, person, takeover
):
    # REQ: PRG-7
    services.employment_create(acting_user=caseworker, person=person, **employment_values())
    _exam(person, date(2026, 1, 20))
    client = logged_in(staff["manager"])
    every = client.get("/outcomes/grants/").content.decode()
    assert "2 tilskud, i alt 126.712 kr." in every  # 88,817 + 37,895
    only_2026 = client.get("/outcomes/grants/", {"year": 2026}).content.decode()
    assert "1 tilskud, i alt 37.895 kr." in only_2026 and "Prøve i Dansk 2 bestået" in only_2026
    jobs = client.get("/outcomes/grants/", {"kind": "job"}).content.decode()
    assert "1 tilskud, i alt 88.817 kr." in jobs


def test_the_grants_export_is_xlsx_or_csv_without_cpr_and_audited(
    logged_in, staff, caseworker, person, takeover
):
    # REQ: PRG-7
    from openpyxl import load_workbook

    services.employment_create(acting_user=caseworker, person=person, **employment_values())
    client = logged_in(staff["manager"])
    response = client.get("/outcomes/grants/export/", {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Navn" and rows[1][0] == "Amal Haddad" and rows[1][5] == 88817
    assert person.cpr not in str(rows) if person.cpr else True
    csv = client.get("/outcomes/grants/export/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "Amal Haddad;Ordinær beskæftigelse" in csv
    exports = AuditEntry.objects.filter(action="export", person_id=person.pk)
    first = exports.first()
    assert exports.count() == 2 and first is not None and first.reason.startswith("result grants")


def test_roles_without_grants_view_cannot_see_the_grants(logged_in, staff):
    # REQ: PRG-7
    for role in ("housing_officer", "family_consultant", "health_coordinator"):
        client = logged_in(staff[role])
        assert client.get("/outcomes/grants/").status_code == 403
        assert client.get("/outcomes/grants/export/").status_code == 403


def test_readers_see_the_outcomes_without_edit_links(logged_in, staff, caseworker, person):
    # REQ: PRG-7
    services.employment_create(acting_user=caseworker, person=person, **employment_values())
    client = logged_in(staff["manager"])
    page = client.get(f"/persons/{person.pk}/outcomes/").content.decode()
    assert "Netto Rønne" in page and "/edit/" not in page
    assert client.get(f"/persons/{person.pk}/outcomes/employments/new/").status_code == 403
    assert (
        logged_in(staff["housing_officer"]).get(f"/persons/{person.pk}/outcomes/").status_code
        == 403
    )
