"""Survey answers as a record kind of the erasure job (SEC-4): anonymised by its own rule (the
comment removed) with the results and the indicator unchanged; deleted by a delete rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from velkomst.indicators.library import REGISTRY, Scope
from velkomst.retention import kinds
from velkomst.retention import services as retention
from velkomst.retention.tests.conftest import close_case, rules, run_job
from velkomst.surveys import selectors, services
from velkomst.surveys.models import Answer, Response

from .conftest import THREE_MONTHS

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(sent, caseworker):
    """Amal's and Omar's answers (with a comment each), their cases then closed."""
    for name, welcome in (("Amal", "5"), ("Omar", "2")):
        invitation = sent[name]
        services.answer_record(
            actor=caseworker,
            invitation=invitation,
            expected_version=invitation.version,
            answers={"welcome": welcome, "know_help": "4", "contact_danes": "no"},
            answered_on=THREE_MONTHS + timedelta(days=3),
            comment=f"{name} Haddad, Storegade 1: tak for hjælpen",
        )
        close_case(invitation.person.case, caseworker, day=date(2026, 1, 10))
    return sent


def _figures(user, municipality):
    results = selectors.results(user=user, start=THREE_MONTHS, end=date(2026, 12, 31))
    indicator = REGISTRY["refugees_own_experience"].compute(
        municipality, Scope(start=THREE_MONTHS, end=date(2026, 12, 31))
    )
    return results, (indicator.total, indicator.groups)


def test_survey_answers_are_a_kind_with_their_own_rule(answered, staff, municipality):
    # REQ: SEC-4, CIT-2
    admin, manager = staff["administrator"], staff["manager"]
    assert kinds.handled("survey_answer")
    before = _figures(manager, municipality)
    assert before[1][0].population == 2
    retention.rule_set_create(
        acting_user=admin,
        effective_from=date(2026, 1, 1),
        values=rules(survey_answer=(12, "case_closed", "anonymise")),
    )

    run = run_job(admin, as_of=date(2027, 2, 1))

    assert {k.split(":")[0]: n for k, n in run.done.items()} == {"survey_answer": 2}
    assert set(Response.objects.values_list("comment", flat=True)) == {""}
    assert Answer.objects.count() == 6
    assert _figures(manager, municipality) == before  # results and indicator unchanged
    # the person and the case are another kind's: untouched by the survey answers' rule
    assert answered["Amal"].person.__class__.objects.get(pk=answered["Amal"].person_id).first_name
    # anonymised once: the next dry run finds nothing
    again = retention.request_dry_run(
        acting_user=admin, municipality_id=admin.municipality_id, as_of=date(2027, 2, 1)
    )
    assert again.progress_total == 0


def test_a_delete_rule_removes_the_answers_and_keeps_the_invitation(answered, staff):
    # REQ: SEC-4, CIT-2
    admin = staff["administrator"]
    retention.rule_set_create(
        acting_user=admin,
        effective_from=date(2026, 1, 1),
        values=rules(survey_answer=(0, "created", "delete")),
    )
    run_job(admin, as_of=date(2027, 2, 1))
    assert not Response.objects.exists() and not Answer.objects.exists()
    invitation = answered["Amal"]
    invitation.refresh_from_db()
    assert invitation.status == "answered"
