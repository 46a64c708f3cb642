"""The visitation import through the real views and database: upload, review, confirm
(REC-1), all or nothing (SEC-5)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from velkomst.core.models import AuditEntry, UnitKind
from velkomst.people.models import Case, Household, Person, PersonLanguage
from velkomst.visitation import services
from velkomst.visitation.models import ImportBatch, ImportStatus

from .files import csv_bytes, family, person, xlsx_bytes

pytestmark = pytest.mark.django_db

UPLOAD = "/visitation/"


def _upload(client, content, name="visitation.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def _review_url(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def test_a_valid_semicolon_csv_with_bom_and_danish_letters_imports(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    rows = [*family("H1"), person(husstand="H2", fornavn="Ødis", efternavn="Blå")]
    response = _upload(client, csv_bytes(rows, encoding="utf-8-sig"))
    url = _review_url(response)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Familien Østergård" in html and "Ødis Blå" in html and "Lærke Østergård" in html
    assert Household.objects.count() == 0  # nothing written before the confirmation

    done = client.post(url, {})
    assert done.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.IMPORTED and batch.rows == []
    assert batch.decided_by == caseworker and len(batch.sha256) == 64

    family_household = Household.objects.get(name="Familien Østergård")
    assert family_household.asylum_centre == "Center Sandholm"
    assert family_household.expected_arrival_date == date(2026, 7, 1)
    assert sorted(family_household.members.values_list("first_name", flat=True)) == [
        "Jørgen",
        "Lærke",
        "Åse",
    ]
    single = Household.objects.get(name="Ødis Blå")
    assert single.members.get().relation == "head"
    # household_register: the reception side ran too (children-and-family unit for the child)
    assert family_household.units.filter(kind=UnitKind.CHILDREN_FAMILY).exists()
    # adults get a case with the visitation date; the child does not
    assert Case.objects.filter(person__household=family_household).count() == 2
    assert set(Case.objects.values_list("visitation_date", flat=True)) == {date(2026, 5, 15)}
    head = Person.objects.get(first_name="Åse")
    assert set(head.languages.values_list("language", "proficiency", "interpreter_needed")) == {
        ("ar", "native", True),
        ("en", "basic", False),
    }
    # audited: every write through the services with channel "import", plus the import itself
    entries = AuditEntry.objects.filter(municipality_id=caseworker.municipality_id)
    assert entries.filter(object_type="people.Person", channel="import").count() == 4
    batch_entry = entries.get(object_type="visitation.ImportBatch")
    assert batch_entry.changes["households"] == [None, 2]
    assert batch_entry.changes["persons"] == [None, 4]

    result = client.get(url).content.decode()
    assert "Importeret" in result and "Familien Østergård" in result


def test_a_valid_xlsx_with_date_cells_imports(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    url = _review_url(_upload(client, xlsx_bytes(family("7")), "visitation.xlsx"))
    batch = ImportBatch.objects.get()
    assert batch.file_format == "xlsx" and batch.household_count == 1
    assert client.post(url, {}).status_code == 302
    household = Household.objects.get()
    assert household.name == "Familien Østergård"
    assert household.members.get(first_name="Lærke").birth_date == date(2016, 9, 9)


def test_errors_in_several_rows_are_listed_and_nothing_is_written(logged_in, caseworker):
    # REQ: REC-1
    # REQ: SEC-5
    client = logged_in(caseworker)
    rows = [
        *family("H1"),
        person(husstand="H2", fødselsdato="31-02-1990"),
        *family("H3", last="Berg"),
        person(husstand="H4", fornavn="Ida", relation="nabo"),
        person(husstand="H5", fornavn="Jon", cpr="0101901234"),
    ]
    audit_before = AuditEntry.objects.count()
    response = _upload(client, csv_bytes(rows))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="alert alert-error"' in html
    assert "Linje 5, kolonne fødselsdato: &#x27;31-02-1990&#x27; er ikke en gyldig dato." in html
    assert "Linje 9, kolonne relation: &#x27;nabo&#x27; er ikke en gyldig værdi." in html
    assert "Linje 10, kolonne cpr: CPR-nummeret passer ikke med fødselsdatoen" in html
    assert "Intet er gemt" in html
    assert Household.objects.count() == 0 and Person.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.REJECTED and batch.rows == []
    assert batch.row_count == 9 and len(batch.problems) == 3


def test_a_failure_in_household_n_during_the_import_leaves_nothing_behind(
    logged_in, caseworker, monkeypatch
):
    # REQ: SEC-5
    client = logged_in(caseworker)
    rows = [*family("H1"), *family("H2", last="Berg"), *family("H3", last="Dal")]
    url = _review_url(_upload(client, csv_bytes(rows)))
    import velkomst.reception.services as reception

    real = reception.placements_create_for_households
    seen: list[str] = []

    def failing(**kwargs):
        # the last step of registration: households, persons, cases and plans are written by now
        seen.extend(h.name for h in kwargs["households"])
        raise RuntimeError("the database went away")

    monkeypatch.setattr(reception, "placements_create_for_households", failing)
    audit_before = AuditEntry.objects.count()
    # the import runs as a background task: the request returns, the task fails
    assert client.post(url, {}).status_code == 302
    assert seen == ["Familien Østergård", "Familien Berg", "Familien Dal"]
    assert Household.objects.count() == 0
    assert Person.objects.count() == 0 and PersonLanguage.objects.count() == 0
    assert Case.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.REVIEW and len(batch.rows) == 9
    assert batch.import_error == "failed"
    assert "Importen fejlede, og intet er gemt." in client.get(url).content.decode()

    monkeypatch.setattr(reception, "placements_create_for_households", real)
    assert client.post(url, {}).status_code == 302
    assert Household.objects.count() == 3


def test_duplicates_go_to_review_and_the_decisions_are_respected(logged_in, caseworker, household):
    # REQ: REC-1
    client = logged_in(caseworker)
    rows = [
        person(husstand="A", fornavn="Amal", efternavn="Haddad", køn="K"),  # line 2: registered
        person(husstand="B", fornavn="Omar", efternavn="Haddad", fødselsdato="02-01-1985"),
        person(husstand="C", fornavn="Ny", efternavn="Person", cpr="1403881234"),  # line 4: new
        # line 5: the same name and birth date in the file, another CPR number
        person(husstand="D", fornavn="Ny", efternavn="Person", cpr="1403882678"),
    ]
    url = _review_url(_upload(client, csv_bytes(rows)))
    html = client.get(url).content.decode()
    assert "Mulige dubletter" in html
    assert "allerede registreret i husstanden Familien Haddad" in html
    assert "Ligner linje 4 i samme fil" in html
    assert f'href="/persons/{household.members.get(first_name="Amal").pk}/"' in html
    batch = ImportBatch.objects.get()
    assert [d["line"] for d in batch.duplicates] == [2, 3, 5]

    # no decision: nothing happens, and the page says which rows lack one
    missing = client.post(url, {"line-2": "skip"})
    assert missing.status_code == 422
    assert "vælg, om personen skal importeres som ny person eller springes over" in (
        missing.content.decode().lower()
    )
    assert Person.objects.count() == 3

    done = client.post(url, {"line-2": "skip", "line-3": "import", "line-5": "skip"})
    assert done.status_code == 302
    assert Person.objects.filter(first_name="Amal").count() == 1  # skipped, never merged
    assert Person.objects.filter(first_name="Omar").count() == 2  # imported as a new person
    assert Person.objects.filter(first_name="Ny").count() == 1
    batch.refresh_from_db()
    assert batch.result["skipped_lines"] == [2, 5]
    assert Household.objects.filter(name="Omar Haddad").exists()


def test_one_choice_for_all_duplicates(logged_in, caseworker, household):
    client = logged_in(caseworker)
    rows = [
        person(husstand="A", fornavn="Amal", efternavn="Haddad", køn="K"),
        person(husstand="B", fornavn="Omar", efternavn="Haddad", fødselsdato="02-01-1985"),
        person(husstand="C", fornavn="Ny", efternavn="Person"),
    ]
    url = _review_url(_upload(client, csv_bytes(rows)))
    assert client.post(url, {"all": "skip", "line-3": "import"}).status_code == 302
    assert Person.objects.filter(first_name="Amal").count() == 1
    assert Person.objects.filter(first_name="Omar").count() == 2
    assert Person.objects.filter(first_name="Ny").count() == 1


def test_skipping_a_head_but_keeping_the_family_is_refused(logged_in, caseworker, household):
    client = logged_in(caseworker)
    rows = family("H1", last="Haddad")
    rows[0].update(fornavn="Amal", køn="K")  # the head is already registered
    url = _review_url(_upload(client, csv_bytes(rows)))
    response = client.post(url, {"line-2": "skip"})
    assert response.status_code == 422
    assert "hovedpersonen på linje 2 springes over" in response.content.decode()
    assert Person.objects.count() == 3


def test_new_duplicates_since_the_review_send_the_user_back(logged_in, caseworker):
    # REQ: SEC-5
    from conftest import member
    from velkomst.people.services import household_create

    client = logged_in(caseworker)
    url = _review_url(_upload(client, csv_bytes(family("H1"))))
    assert ImportBatch.objects.get().duplicates == []
    household_create(  # registered through the form meanwhile
        acting_user=caseworker,
        name="Åse Østergård",
        visitation_date=date(2026, 5, 15),
        members=[member(first_name="Åse", last_name="Østergård", birth_date=date(1988, 3, 14))],
    )
    response = client.post(url, {})
    assert response.status_code == 302 and response.url == url
    assert Household.objects.count() == 1
    batch = ImportBatch.objects.get()
    assert [d["line"] for d in batch.duplicates] == [2]
    html = client.get(url).content.decode()
    assert "nogle af personerne blevet registreret" in html
    assert client.post(url, {"line-2": "import"}).status_code == 302
    assert Household.objects.count() == 2


def test_confirming_twice_imports_once(logged_in, caseworker):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = _review_url(_upload(client, csv_bytes(family("H1"))))
    batch = ImportBatch.objects.get()
    assert client.post(url, {}).status_code == 302
    assert client.post(url, {}).status_code == 302
    assert Household.objects.count() == 1
    with pytest.raises(services.BatchNotInReview):
        services.batch_confirm(batch=batch, acting_user=caseworker, decisions={})


def test_cancel_drops_the_rows_and_writes_nothing(logged_in, caseworker):
    client = logged_in(caseworker)
    url = _review_url(_upload(client, csv_bytes(family("H1"))))
    batch = ImportBatch.objects.get()
    response = client.post(reverse("visitation-cancel", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and batch.rows == []
    assert Household.objects.count() == 0
    assert client.post(url, {}).status_code == 302 and Household.objects.count() == 0


def test_the_same_file_again_is_flagged(logged_in, caseworker):
    client = logged_in(caseworker)
    content = csv_bytes(family("H1"))
    client.post(_review_url(_upload(client, content)), {})
    url = _review_url(_upload(client, content))
    html = client.get(url).content.decode()
    assert "Præcis den samme fil blev importeret" in html
    assert ImportBatch.objects.get(pk=url.strip("/").split("/")[-1]).duplicates  # all three


def test_template_downloads_parse_back_cleanly(logged_in, caseworker):
    # REQ: REC-1
    client = logged_in(caseworker)
    for name, kind in (("visitation-template-csv", "csv"), ("visitation-template-xlsx", "xlsx")):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert f"visitation-skabelon.{kind}" in response["Content-Disposition"]
        content = response.content
        if kind == "csv":
            assert content.startswith(b"\xef\xbb\xbf") and b"f\xc3\xb8dselsdato" in content
        url = _review_url(_upload(client, content, f"skabelon.{kind}"))
        batch = ImportBatch.objects.get(pk=url.strip("/").split("/")[-1])
        assert batch.status == ImportStatus.REVIEW and batch.problems == []
        assert batch.row_count == 4 and batch.household_count == 2
        assert batch.ignored_headers == []


def test_the_format_page_documents_every_column(logged_in, caseworker):
    # REQ: REC-1
    from velkomst.visitation.columns import COLUMNS

    html = logged_in(caseworker).get(reverse("visitation-format")).content.decode()
    for column in COLUMNS:
        assert f"<code>{column.header}</code>" in html
    assert "ar:native:tolk; en:basic" in html


def test_the_upload_page_is_accessible_markup(logged_in, caseworker):
    html = logged_in(caseworker).get(UPLOAD).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert '<label class="form-label" for="id_file">' in html
    assert 'type="file"' in html and 'aria-describedby="id_file_helptext"' in html
    assert 'class="form-hint"' in html
    assert 'href="/visitation/format/"' in html


def test_the_duplicate_lookup_is_one_query_whatever_the_file_size(caseworker, household):
    # REQ: REC-1
    def queries(count):
        rows = [
            person(
                husstand=f"H{i}",
                fornavn=f"Navn{chr(65 + i % 26)}",
                fødselsdato=f"{1 + i % 28:02d}-03-1980",
            )
            for i in range(count)
        ]
        with CaptureQueriesContext(connection) as ctx:
            batch = services.batch_upload(
                acting_user=caseworker, file_name="x.csv", content=csv_bytes(rows)
            )
        assert batch.status == ImportStatus.REVIEW, batch.problems[:3]
        return len(ctx.captured_queries)

    assert queries(5) == queries(300)


def test_without_a_reception_plan_template_in_force_nothing_is_imported(logged_in, caseworker):
    # REQ: SEC-5
    from velkomst.reception.models import PlanTemplate
    from velkomst.reception.services import install_presets

    install_presets(caseworker.municipality)
    PlanTemplate.objects.filter(municipality=caseworker.municipality).update(is_active=False)
    client = logged_in(caseworker)
    url = _review_url(_upload(client, csv_bytes(family("H1"))))
    assert client.post(url, {}).status_code == 302  # the background import finds none
    assert "ingen gældende skabelon for modtageplaner" in client.get(url).content.decode()
    assert Household.objects.count() == 0 and Person.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportStatus.REVIEW


def test_batches_left_in_review_are_purged_by_the_scheduled_job(caseworker):
    import io
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old = services.batch_upload(
        acting_user=caseworker, file_name="old.csv", content=csv_bytes(family("H1"))
    )
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    new = services.batch_upload(
        acting_user=caseworker, file_name="new.csv", content=csv_bytes(family("H1"))
    )
    out = io.StringIO()
    call_command("visitation_purge", "--days", "30", stdout=out)
    assert "1 visitation import(s) purged" in out.getvalue()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == ImportStatus.CANCELLED and old.rows == []
    assert new.status == ImportStatus.REVIEW and len(new.rows) == 3


def test_household_names_are_danish_whatever_the_uploaders_language(logged_in, caseworker):
    client = logged_in(caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/visitation/"})
    url = _review_url(_upload(client, csv_bytes(family("H1"))))
    assert client.post(url, {}).status_code == 302
    assert Household.objects.get().name == "Familien Østergård"


def test_confirming_queues_the_import_and_the_page_shows_it_working(logged_in, caseworker):
    """The request only queues the import (django-tasks); until the worker has run, the review
    page shows it working (polled with htmx, a link without JavaScript), then the result."""
    # REQ: REC-1
    from django.test import override_settings

    client = logged_in(caseworker)
    url = _review_url(_upload(client, csv_bytes([*family("H1"), *family("H2", last="Berg")])))
    dummy = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    with override_settings(TASKS=dummy):
        from django_tasks import default_task_backend

        response = client.post(url, {})
        assert response.status_code == 302
        batch = ImportBatch.objects.get()
        assert batch.status == ImportStatus.IMPORTING and batch.decided_by == caseworker
        assert Household.objects.count() == 0  # nothing imported inside the request
        page = client.get(url).content.decode()
        assert "bliver importeret" in page and 'hx-trigger="every 1s"' in page
        progress = client.get(url + "?progress=1", headers={"HX-Request": "true"})
        assert 'id="import-progress"' in progress.content.decode()
        assert client.post(url, {}).status_code == 302  # pressed twice: nothing more queued
        assert len(default_task_backend.results) == 1  # type: ignore[attr-defined]
    services.batch_execute(batch.pk)  # what the worker runs
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert Household.objects.count() == 2
    done = client.get(url + "?progress=1", headers={"HX-Request": "true"})
    assert done.headers.get("HX-Refresh") == "true"
    assert "Berg" in client.get(url).content.decode()
