"""The audit log: append-only, complete, and producible for an access request (SEC-3)."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from velkomst.core import audit
from velkomst.core.models import AppendOnlyError, AuditEntry
from velkomst.people import services

pytestmark = pytest.mark.django_db


def test_changes_are_logged_with_old_and_new_values(person, caseworker):
    # REQ: SEC-3
    services.person_update(
        person=person,
        acting_user=caseworker,
        expected_version=1,
        first_name="Amaal",
        cpr="140388-1234",
    )
    entry = AuditEntry.objects.filter(person_id=person.pk, action="change").get()
    assert entry.changes == {"first_name": ["Amal", "Amaal"], "cpr": ["", "1403881234"]}
    assert entry.actor_id == caseworker.pk and entry.municipality_id == caseworker.municipality_id


def test_the_application_cannot_change_or_delete_the_log(person, caseworker):
    # REQ: SEC-3
    entry = audit.log(actor=caseworker, action="view", obj=person, person_id=person.pk)
    entry.reason = "tamper"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_on_the_log(person, caseworker):
    # REQ: SEC-3
    from django.db import DatabaseError

    entry = audit.log(actor=caseworker, action="view", obj=person, person_id=person.pk)
    for sql in (
        "UPDATE core_auditentry SET reason = 'x' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()


def test_a_citizens_log_can_be_produced_for_an_access_request(logged_in, staff, caseworker, person):
    # REQ: SEC-3
    logged_in(caseworker).get(reverse("person-detail", args=[person.pk]))
    client = logged_in(staff["administrator"])
    found = client.get(reverse("audit-search"), {"q": "Amal Haddad"}).content.decode()
    assert reverse("audit-person", args=[person.pk]) in found
    page = client.get(reverse("audit-person", args=[person.pk])).content.decode()
    assert "bh-caseworker" in page and "Visning" in page
    csv = client.get(reverse("audit-person", args=[person.pk]), {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Tidspunkt;") and any("bh-caseworker" in r for r in rows[1:])
    assert AuditEntry.objects.filter(action="export", person_id=person.pk).exists()


def test_an_error_rolls_back_the_change_and_its_audit_together(person, caseworker):
    # REQ: SEC-5
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.person_update(
            person=person, acting_user=caseworker, expected_version=1, first_name="X"
        )
        raise RuntimeError("boom")
    person.refresh_from_db()
    assert person.first_name == "Amal" and AuditEntry.objects.count() == before
