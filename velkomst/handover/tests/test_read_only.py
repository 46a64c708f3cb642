"""COO-5 after the handover: the sending municipality's pages and services refuse every write
about the household with "moved to X on date", reading keeps working with the mark; a journal
note marked internal in the form is shown as such and never handed over."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.handover import services
from velkomst.handover.services import MoveData
from velkomst.people.models import JournalNote

pytestmark = pytest.mark.django_db

MOVE = MoveData("Aalborg", "Boulevarden 1, 9000 Aalborg", date(2026, 9, 1))


@pytest.fixture
def handed_over(caseworker, moving, receiving_admin, receiving_caseworker):
    handover = services.handover_send(actor=caseworker, household=moving, data=MOVE)
    services.handover_accept(
        actor=receiving_admin,
        handover=handover,
        caseworker=receiving_caseworker,
        expected_version=handover.version,
    )
    return moving


def _writes(household) -> int:
    return AuditEntry.objects.filter(
        person_id__in=list(household.members.values_list("pk", flat=True)),
        action__in=["create", "change", "delete"],
    ).count()


def test_a_note_marked_internal_in_the_form_is_labelled_and_never_handed_over(
    logged_in, caseworker, moving, other_municipality
):
    # REQ: COO-5
    client = logged_in(caseworker)
    case = moving.members.get(first_name="Amal").case
    page = client.get(reverse("person-detail", args=[case.person_id])).content.decode()
    assert 'name="internal"' in page
    client.post(
        reverse("note-add", args=[case.pk]), {"text": "Fortroligt: klage", "internal": "on"}
    )
    client.post(reverse("note-add", args=[case.pk]), {"text": "Almindeligt notat"})
    note = JournalNote.objects.get(text="Fortroligt: klage")
    assert note.internal and not JournalNote.objects.get(text="Almindeligt notat").internal
    assert AuditEntry.objects.get(
        object_type="people.JournalNote", object_id=str(note.pk)
    ).changes == {"internal": [None, True]}
    page = client.get(reverse("person-detail", args=[case.person_id])).content.decode()
    assert page.count('data-testid="note-internal"') == 2  # this note and the fixture's
    # a correction can mark the note internal as well
    client.post(
        reverse("note-add", args=[case.pk]),
        {
            "text": "Rettet: almindeligt",
            "corrects": JournalNote.objects.get(text="Almindeligt notat").pk,
            "internal": "on",
        },
    )
    assert JournalNote.objects.get(text="Rettet: almindeligt").internal
    # journal notes configured to pass: the internal ones stay behind
    from velkomst.core.models import MunicipalityConfig

    MunicipalityConfig.objects.create(
        municipality=moving.municipality,
        effective_from=date(2000, 1, 1),
        values={"handover_record_kinds": ["plan", "journal_notes"]},
    )
    preview = services.handover_preview(actor=caseworker, household=moving, data=MOVE)
    sent = str(preview)
    assert "Almindeligt notat" in sent
    assert "Fortroligt" not in sent and "Rettet: almindeligt" not in sent and "INTERN" not in sent


def test_pages_refuse_writes_with_the_move_and_keep_reading(logged_in, caseworker, handed_over):
    # REQ: COO-5
    client = logged_in(caseworker)
    amal = handed_over.members.get(first_name="Amal")
    before = _writes(handed_over)
    refused = client.post(reverse("note-add", args=[amal.case.pk]), {"text": "Efter flytningen"})
    text = refused.content.decode()
    assert refused.status_code in (409, 422)
    assert "Husstanden flyttede til Aalborg den 1. september 2026" in text
    assert not JournalNote.objects.filter(text="Efter flytningen").exists()
    edit = client.post(
        reverse("household-edit", args=[handed_over.pk]),
        {"version": handed_over.version, "name": "Ny", "visitation_date": "2026-05-15"},
    )
    assert "flyttede til Aalborg" in edit.content.decode()
    assert _writes(handed_over) == before
    # reading works and shows the mark
    page = client.get(reverse("household-detail", args=[handed_over.pk]))
    assert page.status_code == 200 and 'data-testid="moved-mark"' in page.content.decode()
    assert client.get(reverse("person-detail", args=[amal.pk])).status_code == 200


def test_every_apps_services_refuse_a_handed_over_household(caseworker, staff, handed_over):
    # REQ: COO-5
    from velkomst.appointments.services import ContactData, contact_record
    from velkomst.consent.services import consent_record
    from velkomst.programme.services import activity_add
    from velkomst.reception.models import PlanTask
    from velkomst.reception.services import task_complete

    amal = handed_over.members.get(first_name="Amal")
    task = PlanTask.objects.filter(plan__household=handed_over, done_on__isnull=True)[0]
    before = _writes(handed_over)
    calls = {
        "reception": lambda: task_complete(
            task=task, acting_user=caseworker, expected_version=task.version
        ),
        "programme": lambda: activity_add(
            actor=caseworker,
            person=amal,
            category="other",
            kind="mentor",
            start=date(2026, 10, 1),
            end=None,
            hours_per_week=2,
            provider_kind="other",
            provider_name="",
        ),
        "consent": lambda: consent_record(
            actor=caseworker,
            person=amal,
            purposes=["contact.volunteer"],
            given_on=date(2026, 10, 1),
        ),
        "appointments": lambda: contact_record(
            acting_user=caseworker,
            data=ContactData(
                kind="phone",
                topic="letters",
                date=date(2026, 10, 1),
                household=handed_over,
                persons=[amal],
            ),
        ),
    }
    for app, call in calls.items():
        with pytest.raises(ValidationError) as refused:
            call()
        assert "flyttede til Aalborg den 1. september 2026" in str(refused.value), app
    assert _writes(handed_over) == before


def test_legal_holds_and_the_retention_job_still_reach_the_household(handed_over, staff):
    # REQ: COO-5, SEC-4
    from velkomst.retention import services as retention

    amal = handed_over.members.get(first_name="Amal")
    hold = retention.hold_place(acting_user=staff["administrator"], person_id=amal.pk, reason="Sag")
    assert hold.person_id == amal.pk
