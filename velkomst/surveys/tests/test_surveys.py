"""Surveys (CIT-2): sent at set moments to adults (idempotent), answered from a paper form or
declined by the caseworker, unanswered after the answer period, answers apart from the case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.surveys import services
from velkomst.surveys.models import Answer, Invitation, Response, Status

from .conftest import ARRIVAL, THREE_MONTHS


def test_the_survey_is_sent_once_to_each_adult_at_three_months(arrived):
    # REQ: CIT-2
    assert services.invitations_send(day=THREE_MONTHS - timedelta(days=1))["sent"] == 0
    assert services.invitations_send(day=THREE_MONTHS)["sent"] == 2
    invitations = Invitation.objects.select_related("person", "definition")
    assert sorted(i.person.first_name for i in invitations) == ["Amal", "Omar"]  # not Lina (9)
    for invitation in invitations:
        assert invitation.moment == "three_months"
        assert (invitation.definition.key, invitation.definition.version) == ("own_experience", 1)
        assert invitation.status == Status.SENT
        assert invitation.answer_by == THREE_MONTHS + timedelta(days=30)
    # idempotent: again that day or the next, nothing new
    assert services.invitations_send(day=THREE_MONTHS)["sent"] == 0
    assert services.invitations_send(day=THREE_MONTHS + timedelta(days=1))["sent"] == 0
    created = AuditEntry.objects.filter(object_type="surveys.Invitation", action="create")
    assert created.count() == 2 and {e.channel for e in created} == {"system"}


def test_a_missed_run_catches_up_and_an_old_moment_is_not_asked(arrived):
    # REQ: CIT-2
    assert services.invitations_send(day=THREE_MONTHS + timedelta(days=40))["sent"] == 0
    assert services.invitations_send(day=THREE_MONTHS + timedelta(days=3))["sent"] == 2


def test_the_moments_are_configurable_per_municipality(arrived, municipality):
    # REQ: CIT-2
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=ARRIVAL,
        values={"survey_moments": [{"key": "six_months", "from": "arrival", "months": 6}]},
    )
    assert services.invitations_send(day=THREE_MONTHS)["sent"] == 0
    assert services.invitations_send(day=date(2026, 3, 1))["sent"] == 2
    assert set(Invitation.objects.values_list("moment", flat=True)) == {"six_months"}


def test_an_invitation_not_answered_in_time_is_counted_unanswered(sent):
    # REQ: CIT-2
    last = THREE_MONTHS + timedelta(days=30)
    out = call_command("send_surveys", date=last.isoformat())
    assert out is None
    assert Invitation.objects.filter(status=Status.SENT).count() == 2
    assert services.invitations_send(day=last + timedelta(days=1))["closed"] == 2
    assert set(Invitation.objects.values_list("status", flat=True)) == {Status.UNANSWERED}


def test_staff_type_in_answers_apart_from_the_case(sent, caseworker):
    # REQ: CIT-2
    invitation = sent["Amal"]
    response = services.answer_record(
        actor=caseworker,
        invitation=invitation,
        expected_version=invitation.version,
        answers={"welcome": "4", "know_help": "", "contact_danes": "yes"},
        answered_on=THREE_MONTHS + timedelta(days=5),
        comment="Tak for hjælpen",
    )
    invitation.refresh_from_db()
    assert invitation.status == Status.ANSWERED and invitation.recorded_by == caseworker
    assert dict(response.answers.values_list("question", "value")) == {
        "welcome": "4",
        "contact_danes": "yes",
    }
    # the answer tables hold no person, only the invitation
    assert not {f.name for f in Response._meta.get_fields()} & {"person", "household", "case"}
    assert not {f.name for f in Answer._meta.get_fields()} & {"person", "household", "case"}
    logged = AuditEntry.objects.get(object_type="surveys.Response")
    assert logged.person_id == invitation.person_id and "4" not in str(logged.changes)
    with pytest.raises(ValidationError) as again:
        services.answer_record(
            actor=caseworker,
            invitation=invitation,
            expected_version=invitation.version,
            answers={"welcome": "5"},
        )
    assert "status" in again.value.message_dict


def test_a_bad_answer_names_the_question_and_writes_nothing(sent, caseworker):
    # REQ: CIT-2
    invitation = sent["Omar"]
    with pytest.raises(ValidationError) as bad:
        services.answer_record(
            actor=caseworker,
            invitation=invitation,
            expected_version=invitation.version,
            answers={"welcome": "9"},
        )
    assert "welcome" in bad.value.message_dict
    assert not Response.objects.exists()


def test_a_decline_is_counted_as_declined(sent, caseworker):
    # REQ: CIT-2
    invitation = sent["Omar"]
    services.decline_record(
        actor=caseworker, invitation=invitation, expected_version=invitation.version
    )
    invitation.refresh_from_db()
    assert invitation.status == Status.DECLINED and not Response.objects.exists()
    assert services.invitations_send(day=date(2026, 6, 1))["closed"] == 1  # only Amal's
