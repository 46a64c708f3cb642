"""A citizen's questions with their attachments as the erasure job's "document" kind (SEC-4):
anonymised (texts replaced, files removed from the private storage, the question's dates kept)
or deleted with their files, by the municipality's rule."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.questions import services
from velkomst.questions.models import Attachment, Question
from velkomst.retention import kinds
from velkomst.retention import services as retention
from velkomst.retention.freetext import ANONYMISED_TEXT
from velkomst.retention.tests.conftest import rules, run_job

from .conftest import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(person, private_files):
    question = services.question_ask(
        person=person,
        subject="Sundhedskort",
        text="Hvornår kommer mit sundhedskort? Jeg bor på Storegade 1.",
        attachment=upload("brev.pdf", PDF_BYTES),
    )
    stored = private_files / question.attachments.get().stored_name
    assert stored.exists()
    return question, stored


@pytest.mark.parametrize("action", ["anonymise", "delete"])
def test_questions_and_their_files_are_erased_by_the_document_rule(
    asked, staff, action, django_capture_on_commit_callbacks
):
    # REQ: SEC-4, CIT-1
    question, stored = asked
    admin = staff["administrator"]
    assert kinds.handled("document")
    retention.rule_set_create(
        acting_user=admin,
        effective_from=date(2020, 1, 1),
        values=rules(document=(0, "created", action)),
    )
    with django_capture_on_commit_callbacks(execute=True):  # files go once a batch commits
        run = run_job(admin, as_of=date.today())
    assert run.state == "done"
    assert not stored.exists()  # the file has left the private storage
    assert not Attachment.objects.filter(question_id=question.pk).exists()
    if action == "delete":
        assert not Question.objects.filter(pk=question.pk).exists()
    else:
        kept = Question.objects.get(pk=question.pk)
        assert (kept.subject, kept.text) == (ANONYMISED_TEXT, ANONYMISED_TEXT)
        assert (kept.asked_at, kept.answer_due) == (question.asked_at, question.answer_due)


def test_anonymising_the_person_removes_their_questions_files(
    asked, staff, django_capture_on_commit_callbacks
):
    # REQ: SEC-4
    question, stored = asked
    admin = staff["administrator"]
    retention.rule_set_create(
        acting_user=admin,
        effective_from=date(2020, 1, 1),
        values=rules(person=(0, "created", "anonymise")),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_job(admin, as_of=date.today())
    assert not stored.exists()
    assert Question.objects.get(pk=question.pk).text == ANONYMISED_TEXT
