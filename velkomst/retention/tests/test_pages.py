"""The administrator's pages of retention and erasure (SEC-4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import PASSWORD
from velkomst.core.models import AuditEntry
from velkomst.retention import services
from velkomst.retention.models import LegalHold, RuleSet, Run, RunState

from .conftest import AS_OF, rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_admin(client, admin):
    client.login(username=admin.username, password=PASSWORD)
    return client


def test_the_rules_page_says_plainly_that_nothing_is_deleted_until_rules_are_entered(
    client_admin, admin
):
    # REQ: SEC-4
    page = client_admin.get(reverse("retention-rules")).content.decode()
    assert "Intet slettes eller anonymiseres" in page
    assert "Bevares til arkivering" in page  # by label, never code
    home = client_admin.get("/").content.decode()
    assert "Intet slettes, før kommunen har indtastet reglerne" in home
    services.rule_set_create(
        acting_user=admin,
        effective_from=date(2020, 1, 1),
        values=rules(case=(60, "case_closed", "delete")),
    )
    page = client_admin.get(reverse("retention-rules")).content.decode()
    assert "Intet slettes eller anonymiseres" not in page
    assert "Slettes" in page


def test_a_new_version_with_a_negative_period_names_the_field(client_admin):
    # REQ: SEC-4, SEC-5
    data: dict[str, object] = {"effective_from": "2027-01-01", "note": "Journalplan 2027"}
    for kind, values in rules(person=(-1, "case_closed", "delete")).items():
        for part, value in values.items():
            data[f"{kind}-{part}"] = value
    page = client_admin.post(reverse("retention-rules-new"), data).content.decode()
    assert "Opbevaringstiden for Person kan ikke være negativ" in page
    assert 'href="#id_person-months"' in page
    assert not RuleSet.objects.exists()
    data["person-months"] = 60
    response = client_admin.post(reverse("retention-rules-new"), data)
    assert response.status_code == 302
    assert RuleSet.objects.get().rules.get(kind="person").months == 60


def test_holds_are_placed_and_lifted_with_reason_who_and_when(client_admin, admin, haddad):
    # REQ: SEC-4
    amal = haddad["Amal"]
    client_admin.post(reverse("retention-holds"), {"person_id": amal.pk, "reason": "Retssag"})
    hold = LegalHold.objects.get()
    assert (hold.person_id, hold.placed_by, hold.lifted_at) == (amal.pk, admin, None)
    page = client_admin.get(reverse("retention-holds") + "?active=1").content.decode()
    assert "Retssag" in page
    client_admin.post(reverse("retention-hold-lift", args=[hold.pk]), {"lift_reason": "Afgjort"})
    hold.refresh_from_db()
    assert hold.lifted_by == admin and hold.lifted_at is not None


def test_a_run_is_reviewed_downloaded_approved_and_counted(client_admin, admin, haddad):
    # REQ: SEC-4
    services.rule_set_create(
        acting_user=admin,
        effective_from=date(2020, 1, 1),
        values=rules(journal_note=(60, "case_closed", "anonymise")),
    )
    run = services.request_dry_run(
        acting_user=admin, municipality_id=admin.municipality_id, as_of=AS_OF
    )
    page = client_admin.get(reverse("retention-run", args=[run.pk])).content.decode()
    assert "Venter på godkendelse" in page and "Journalnotat" in page and "Anonymiseres" in page
    csv = client_admin.get(reverse("retention-run-download", args=[run.pk, "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3 and "Haddad" not in csv.content.decode()
    xlsx = client_admin.get(reverse("retention-run-download", args=[run.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="export", object_type="retention.Run").count() == 2
    client_admin.post(reverse("retention-run-approve", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.approved_by == admin
    page = client_admin.get(reverse("retention-run", args=[run.pk])).content.decode()
    assert "Udført" in page
    # progress of a finished run: the page reloads
    progress = client_admin.get(reverse("retention-run-progress", args=[run.pk]))
    assert progress.status_code == 204 and progress["HX-Refresh"] == "true"


def test_the_pages_are_the_administrators_alone(client, caseworker, admin):
    # REQ: SEC-4, SEC-2
    client.login(username=caseworker.username, password=PASSWORD)
    assert client.get(reverse("retention-rules")).status_code == 403
    assert client.post(reverse("retention-runs")).status_code == 403
    assert not Run.objects.exists()
