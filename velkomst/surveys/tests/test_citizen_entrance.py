"""Surveys answered in the citizen's own entrance (CIT-2): the citizen sees their open
invitations, answers in their language with Danish as fallback, or declines; stored apart from
the case exactly as a paper form typed in by staff; an invitation already closed cannot be
answered again."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from velkomst.citizen.tests.sessions import sign_in_client
from velkomst.core.models import AuditEntry
from velkomst.surveys import services
from velkomst.surveys.models import Answer, Channel, Invitation, Response, Status

from .conftest import THREE_MONTHS

pytestmark = pytest.mark.django_db


@pytest.fixture
def amal(sent):
    return sent["Amal"]


@pytest.fixture
def on_the_day():
    with time_machine.travel(THREE_MONTHS + timedelta(days=1), tick=False):
        yield


def test_the_citizen_answers_their_survey_in_the_entrance(client, amal, on_the_day):
    # REQ: CIT-2
    sign_in_client(client, amal.person)
    page = client.get("/borger/spoergeskemaer/").content.decode()
    assert "Svar på spørgeskemaet" in page and "Tre måneder efter ankomst" in page
    form = client.get(f"/borger/spoergeskemaer/{amal.pk}/")
    assert form.status_code == 200 and 'type="radio"' in form.content.decode()
    response = client.post(
        f"/borger/spoergeskemaer/{amal.pk}/",
        {"welcome": "4", "version": amal.version, "comment": "Tak"},
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == Channel.ENTRANCE and stored.comment == "Tak"
    assert list(Answer.objects.values_list("question", "value")) == [("welcome", "4")]
    amal.refresh_from_db()
    assert amal.status == Status.ANSWERED and amal.recorded_by is None
    writes = AuditEntry.objects.filter(channel="citizen").exclude(action="view")
    assert {(e.object_type, e.action) for e in writes} == {
        ("surveys.Invitation", "change"),
        ("surveys.Response", "create"),
    }
    assert {e.actor_id for e in writes} == {None}
    # again: a clear message, nothing stored twice
    again = client.get(f"/borger/spoergeskemaer/{amal.pk}/", follow=True).content.decode()
    assert "allerede besvaret og kan ikke besvares igen" in again
    client.post(f"/borger/spoergeskemaer/{amal.pk}/", {"welcome": "2", "version": 2})
    assert Response.objects.count() == 1


def test_the_questions_are_in_the_citizens_language_with_danish_fallback(client, amal, on_the_day):
    # REQ: CIT-2
    sign_in_client(client, amal.person)
    english = client.get(
        f"/borger/spoergeskemaer/{amal.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    danish = client.get(f"/borger/spoergeskemaer/{amal.pk}/").content.decode()
    assert "Strongly agree" in english and "Helt enig" in danish


def test_the_citizen_may_decline(client, amal, on_the_day):
    # REQ: CIT-2
    sign_in_client(client, amal.person)
    response = client.post(
        f"/borger/spoergeskemaer/{amal.pk}/afslaa/", {"version": amal.version}, follow=True
    )
    assert "Du har valgt ikke at svare" in response.content.decode()
    amal.refresh_from_db()
    assert amal.status == Status.DECLINED and not Response.objects.exists()
    again = client.post(
        f"/borger/spoergeskemaer/{amal.pk}/afslaa/", {"version": amal.version}, follow=True
    )
    assert "allerede afslået" in again.content.decode()


def test_another_persons_invitation_is_a_404(client, sent, on_the_day):
    # REQ: CIT-2
    sign_in_client(client, sent["Omar"].person)
    amal = sent["Amal"]
    assert client.get(f"/borger/spoergeskemaer/{amal.pk}/").status_code == 404
    assert (
        client.post(f"/borger/spoergeskemaer/{amal.pk}/afslaa/", {"version": 1}).status_code == 404
    )
    assert "Tre måneder" in client.get("/borger/spoergeskemaer/").content.decode()  # his own


def test_a_closed_or_expired_invitation_cannot_be_answered(amal):
    # REQ: CIT-2
    with time_machine.travel(amal.answer_by + timedelta(days=1), tick=False):
        with pytest.raises(ValidationError) as error:
            services.answer_by_citizen(
                person=amal.person, invitation=amal, answers={"welcome": "3"}, expected_version=1
            )
    assert "status" in error.value.message_dict
    Invitation.objects.filter(pk=amal.pk).update(status=Status.UNANSWERED)
    amal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.decline_by_citizen(person=amal.person, invitation=amal, expected_version=1)


def test_an_invitation_past_its_deadline_says_so_and_offers_no_answer(client, amal):
    # REQ: CIT-2 (before the night's run marks it expired, an invitation past its deadline tells
    # the citizen why it cannot be answered, not just "Udsendt")
    sign_in_client(client, amal.person)
    with time_machine.travel(amal.answer_by + timedelta(days=1), tick=False):
        page = client.get("/borger/spoergeskemaer/").content.decode()
    assert "så du kan ikke længere svare" in page
    assert "Svar på spørgeskemaet" not in page and "Udsendt" not in page
