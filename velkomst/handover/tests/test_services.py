"""Handover when a household moves municipality (COO-5): sending, accepting, returning."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.handover import services
from velkomst.handover.models import Handover, State
from velkomst.handover.services import MoveData
from velkomst.people.models import Case, EndReason, Household, JournalNote, Person, Phase

MOVE = dict(receiving="Aalborg", new_address="Boulevarden 1, 9000 Aalborg")


def _send(caseworker, household, **overrides):
    data = MoveData(**{**MOVE, "moving_date": date(2026, 9, 1), **overrides})
    return services.handover_send(actor=caseworker, household=household, data=data)


def _config(municipality, kinds):
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2000, 1, 1),
        values={"handover_record_kinds": kinds},
    )


@pytest.mark.django_db
def test_handover_to_the_sending_municipality_itself_is_refused(caseworker, household):
    # REQ: COO-5
    for text in ("Bornholm", "400"):
        with pytest.raises(ValidationError) as error:
            _send(caseworker, household, receiving=text)
        assert "Bornholm" in error.value.message_dict["receiving"][0]
    with pytest.raises(ValidationError) as error:
        _send(caseworker, household, receiving="Atlantis", new_address="", moving_date=None)
    assert set(error.value.message_dict) == {"receiving", "new_address", "moving_date"}
    assert not Handover.objects.exists()


@pytest.mark.django_db
def test_snapshot_carries_the_preset_kinds_never_internal_notes_or_health(
    caseworker, moving, other_municipality
):
    # REQ: COO-5
    handover = _send(caseworker, moving)
    content = handover.content
    assert handover.state == State.SENT
    assert content["kinds"] == ["plan", "activities", "danish", "contract", "open_tasks"]
    amal = next(p for p in content["persons"] if p["first_name"] == "Amal")
    assert amal["plan"]["goals"][0]["trade_label"] == "Social- og sundhedshjælper"
    assert amal["plan"]["activities"][0]["provider_name"] == "Plejecenter Nexø"
    assert amal["contract"]["signed_on"] == "2026-07-20"
    assert amal["danish"][0]["modules"][0]["module"] == 1
    assert "notes" not in amal and "health" not in amal
    assert any(t["due_date"] for t in content["open_tasks"])
    # audited in both municipalities
    assert AuditEntry.objects.filter(
        municipality_id=moving.municipality_id, object_type="handover.Handover"
    ).exists()
    assert AuditEntry.objects.filter(
        municipality_id=other_municipality.pk, object_type="handover.Handover", action="create"
    ).exists()


@pytest.mark.django_db
def test_internal_notes_never_sent_and_health_only_with_consent(
    caseworker, staff, moving, municipality, other_municipality
):
    # REQ: COO-5
    from velkomst.consent.models import Consent, Disclosure, Purpose

    _config(municipality, ["plan", "journal_notes", "health"])
    amal = moving.members.get(first_name="Amal")
    preview = services.handover_preview(
        actor=caseworker,
        household=moving,
        data=MoveData(**MOVE, moving_date=date(2026, 9, 1)),
    )[1]
    entry = next(p for p in preview["persons"] if p["ref"] == amal.pk)
    assert [n["text"] for n in entry["notes"]] == ["Møde holdt med Amal."]
    assert entry.get("health_withheld") and "health" not in entry
    consent = Consent.objects.create(
        municipality=municipality,
        person=amal,
        purpose=Purpose.HEALTH_HANDOVER,
        given_on=date(2026, 1, 1),
        recorded_by=staff["health_coordinator"],
    )
    handover = _send(caseworker, moving)
    entry = next(p for p in handover.content["persons"] if p["ref"] == amal.pk)
    assert entry["health"][0]["work_capacity"] == "ordinary"
    assert "INTERN" not in str(handover.content)
    assert Disclosure.objects.get(person=amal).consent == consent


@pytest.mark.django_db
def test_accept_creates_the_household_in_the_receiving_tenant_and_ends_the_sending_cases(
    caseworker, moving, receiving_admin, receiving_caseworker, other_municipality
):
    # REQ: COO-5
    handover = _send(caseworker, moving)
    sent_tasks = handover.content["open_tasks"]
    with pytest.raises(ValidationError) as error:
        services.handover_accept(
            actor=receiving_admin, handover=handover, caseworker=caseworker, expected_version=1
        )
    assert "caseworker" in error.value.message_dict
    services.handover_accept(
        actor=receiving_admin,
        handover=handover,
        caseworker=receiving_caseworker,
        expected_version=1,
    )
    handover.refresh_from_db()
    assert handover.state == State.ACCEPTED
    received = handover.received_household
    assert received.municipality == other_municipality
    assert received.address == MOVE["new_address"]
    persons = Person.objects.filter(household=received)
    assert sorted(p.first_name for p in persons) == ["Amal", "Lina", "Omar"]
    amal = persons.get(first_name="Amal")
    assert amal.case.caseworker == receiving_caseworker
    assert JournalNote.objects.filter(case=amal.case, text__startswith="Fra Bornholm").exists()
    assert amal.integration_plan.activities.get().provider_name == "Plejecenter Nexø"
    assert amal.integration_contract.signed_on == date(2026, 7, 20)
    tasks = list(received.reception_plan.tasks.order_by("order"))
    assert [t.due_date.isoformat() if t.due_date else None for t in tasks] == [
        t["due_date"] for t in sent_tasks
    ]
    # the sending side: cases ended as moved away, the household read-only
    assert set(
        Case.objects.filter(person__household=moving).values_list("phase", "end_reason")
    ) == {(Phase.ENDED, EndReason.MOVED_AWAY)}
    from velkomst.people.services import household_update

    moving.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        household_update(
            household=moving, acting_user=caseworker, expected_version=moving.version, name="X"
        )
    assert "kun læses" in str(error.value)
    # audited on both sides
    for mid in (moving.municipality_id, other_municipality.pk):
        assert AuditEntry.objects.filter(
            municipality_id=mid, object_type="handover.Handover", action="change"
        ).exists()
    assert AuditEntry.objects.filter(
        municipality_id=moving.municipality_id,
        object_type="people.Case",
        reason__contains="Aalborg",
    ).exists()


@pytest.mark.django_db
def test_return_needs_a_reason_and_leaves_the_sender_writable(caseworker, moving, receiving_admin):
    # REQ: COO-5
    handover = _send(caseworker, moving)
    with pytest.raises(ValidationError) as error:
        services.handover_return(
            actor=receiving_admin, handover=handover, reason=" ", expected_version=1
        )
    assert "reason" in error.value.message_dict
    services.handover_return(
        actor=receiving_admin, handover=handover, reason="Flytningen er aflyst", expected_version=1
    )
    handover.refresh_from_db()
    assert handover.state == State.RETURNED
    assert Household.objects.filter(municipality=receiving_admin.municipality).count() == 0
    assert not Case.objects.filter(person__household=moving, phase=Phase.ENDED).exists()
    # a returned handover can be sent again
    assert _send(caseworker, moving).state == State.SENT
