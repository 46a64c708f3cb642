"""The pages of citizens' questions (CIT-1): the citizen asks and reads the answer under
/borger/spoergsmaal/, the caseworker answers from the inbox; downloads only through the views
that check the reader, every read audited."""

from __future__ import annotations

import pytest

from velkomst.core.models import AuditEntry
from velkomst.questions import services
from velkomst.questions.models import Question

from .conftest import EXE_BYTES, PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def test_the_citizen_asks_with_a_pdf_and_reads_their_questions(citizen, person):
    # REQ: CIT-1
    response = citizen.get("/borger/spoergsmaal/")
    assert response.status_code == 200
    assert "Du har ikke stillet nogen spørgsmål endnu." in response.content.decode()
    response = citizen.post(
        "/borger/spoergsmaal/",
        {
            "subject": "Sundhedskort",
            "text": "Hvornår kommer det?",
            "attachment": upload("brev.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    page = citizen.get("/borger/spoergsmaal/").content.decode()
    assert "Hvornår kommer det?" in page and "brev.pdf" in page
    views = AuditEntry.objects.filter(channel="citizen", action="view")
    assert views.count() == 2 and {v.person_id for v in views} == {person.pk}
    download = citizen.get(f"/borger/spoergsmaal/bilag/{question.attachments.get().pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_an_unanswered_question_past_its_deadline_promises_no_past_date(citizen, person):
    # REQ: CIT-1 (a question past its answer deadline says the answer is late, not "Du får svar
    # senest" a day that has passed)
    from datetime import timedelta

    from django.utils import timezone

    question = services.question_ask(person=person, text="Hvornår kommer det?")
    Question.objects.filter(pk=question.pk).update(
        answer_due=timezone.localdate() - timedelta(days=3)
    )
    page = citizen.get("/borger/spoergsmaal/").content.decode()
    assert "Vi beklager ventetiden" in page and "Du får svar senest" not in page
    Question.objects.filter(pk=question.pk).update(answer_due=timezone.localdate())
    page = citizen.get("/borger/spoergsmaal/").content.decode()
    assert "Du får svar senest" in page and "Vi beklager ventetiden" not in page


def test_a_file_that_lies_about_its_type_is_refused_naming_the_field(citizen):
    # REQ: CIT-1
    response = citizen.post(
        "/borger/spoergsmaal/",
        {"text": "Se bilag", "attachment": upload("dokument.pdf", EXE_BYTES)},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Bilag" in page and "PDF, PNG eller JPEG" in page
    assert not Question.objects.exists()


def test_the_citizen_pages_need_a_citizen_and_refuse_staff(client, logged_in, caseworker, person):
    # REQ: CIT-1
    from django.test import Client

    services.question_ask(person=person, text="Hvornår kommer det?")
    # nobody signed in: sent to the sign-in page (``citizen-sign-in``, engineer "citizen"'s;
    # until it is merged the redirect cannot be built), never the page
    response = Client(raise_request_exception=False).get("/borger/spoergsmaal/")
    assert response.status_code in (302, 500)
    assert "Hvornår kommer det?" not in response.content.decode()
    logged_in(caseworker)
    assert client.get("/borger/spoergsmaal/").status_code == 403


def test_another_citizens_attachment_is_a_404(client, person, household):
    # REQ: CIT-1
    from velkomst.citizen.tests.sessions import sign_in_client

    question = services.question_ask(
        person=person, text="x", attachment=upload("brev.pdf", PDF_BYTES)
    )
    sign_in_client(client, household.members.get(first_name="Omar"))
    assert (
        client.get(f"/borger/spoergsmaal/bilag/{question.attachments.get().pk}/").status_code == 404
    )


def test_the_caseworker_answers_from_the_inbox(client, logged_in, caseworker, person):
    # REQ: CIT-1
    question = services.question_ask(
        person=person, text="Hvornår kommer det?", attachment=upload("brev.pdf", PDF_BYTES)
    )
    logged_in(caseworker)
    start = client.get("/").content.decode()
    assert "Spørgsmål fra borgere" in start and "/spoergsmaal/?show=open" in start
    inbox = client.get("/spoergsmaal/").content.decode()
    assert "Amal Haddad" in inbox and f"/spoergsmaal/{question.pk}/" in inbox
    page = client.get(f"/spoergsmaal/{question.pk}/")
    assert page.status_code == 200 and "Hvornår kommer det?" in page.content.decode()
    download = client.get(f"/spoergsmaal/bilag/{question.attachments.get().pk}/")
    assert download.status_code == 200
    read = AuditEntry.objects.filter(
        actor_id=caseworker.pk, action="view", object_type="questions.Attachment"
    )
    assert read.count() == 1 and read.get().person_id == person.pk
    response = client.post(
        f"/spoergsmaal/{question.pk}/", {"answer": "I næste uge.", "version": question.version}
    )
    assert response.status_code == 302
    # the same form again (stale): refused with the concurrent-edit message
    again = client.post(
        f"/spoergsmaal/{question.pk}/", {"answer": "Igen", "version": question.version}, follow=True
    )
    assert "En anden har gemt ændringer" in again.content.decode()
    assert Question.objects.get().answer == "I næste uge."
    assert client.get("/spoergsmaal/?show=answered").content.decode().count("Amal Haddad") == 1


def test_the_answer_appears_on_the_citizens_page(client, caseworker, person):
    # REQ: CIT-1
    from velkomst.citizen.tests.sessions import sign_in_client

    question = services.question_ask(person=person, text="Hvornår?")
    services.question_answer(
        actor=caseworker, question=question, answer="I næste uge.", expected_version=1
    )
    page = sign_in_client(client, person).get("/borger/spoergsmaal/").content.decode()
    assert "Svar fra din sagsbehandler" in page and "I næste uge." in page


def test_staff_of_another_municipality_gets_404(client, logged_in, other_caseworker, person):
    # REQ: CIT-1
    question = services.question_ask(
        person=person, text="x", attachment=upload("brev.pdf", PDF_BYTES)
    )
    logged_in(other_caseworker)
    assert client.get(f"/spoergsmaal/{question.pk}/").status_code == 404
    assert client.get(f"/spoergsmaal/bilag/{question.attachments.get().pk}/").status_code == 404
    assert "Amal" not in client.get("/spoergsmaal/?show=all").content.decode()
