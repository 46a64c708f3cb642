"""/api/citizen-questions (CIT-1): the caseworker lists, reads and answers citizens' questions;
a second answer with the version read before is a 409; every read logs a view of the person."""

from __future__ import annotations

import pytest

from velkomst.api.tests.conftest import api_as, contract  # noqa: F401 (the API's fixtures)
from velkomst.core.models import AuditEntry
from velkomst.questions import services

from .conftest import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def test_the_caseworker_reads_and_answers_through_the_api(api_as, caseworker, person):  # noqa: F811
    # REQ: CIT-1
    question = services.question_ask(
        person=person, subject="Kort", text="Hvornår?", attachment=upload("brev.pdf", PDF_BYTES)
    )
    api = api_as(caseworker)
    listed = api.get("/api/citizen-questions?status=open")
    assert listed.status_code == 200
    assert [q["id"] for q in listed.json()["items"]] == [question.pk]
    detail = api.get(f"/api/citizen-questions/{question.pk}").json()
    assert detail["text"] == "Hvornår?" and detail["deadline_state"] in ("upcoming", "due_soon")
    assert detail["attachments"][0]["content_type"] == "application/pdf"
    views = AuditEntry.objects.filter(actor_id=caseworker.pk, action="view", channel="api")
    assert person.pk in set(views.values_list("person_id", flat=True))
    answered = api.post(
        f"/api/citizen-questions/{question.pk}/answer", {"version": 1, "answer": "I morgen."}
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    again = api.post(
        f"/api/citizen-questions/{question.pk}/answer", {"version": 1, "answer": "Igen."}
    )
    assert again.status_code == 409


def test_another_municipalitys_question_is_a_404(api_as, other_caseworker, person):  # noqa: F811
    # REQ: CIT-1
    question = services.question_ask(person=person, text="Hvornår?")
    api = api_as(other_caseworker)
    assert api.get(f"/api/citizen-questions/{question.pk}").status_code == 404
    assert api.get("/api/citizen-questions").json()["items"] == []
