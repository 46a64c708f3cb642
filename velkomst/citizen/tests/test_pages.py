"""The citizen's own pages (CIT-1): only their own household's data, another household's id a
404, the two kinds of session kept apart, every page audited with the citizen as actor and shown
in words on the staff's audit page, in the citizen's language with Danish as the fallback.

REQ: CIT-1
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from velkomst.appointments.models import Appointment
from velkomst.citizen import selectors, services, translations
from velkomst.core.models import AuditEntry, SecurityEvent
from velkomst.reception.models import PlanTask

from .world import PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_anonymous_is_sent_to_the_sign_in_page(client):
    # REQ: CIT-1
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/borger/log-ind/"
    page = client.get("/borger/log-ind/")
    assert page.status_code == 200
    assert "Log ind på din side" in page.content.decode()


def test_the_mitid_link_shows_only_with_an_issuer(client, settings):
    # REQ: CIT-1
    settings.VELKOMST_OIDC_ISSUER = ""
    assert "citizen-mitid" not in client.get("/borger/log-ind/").content.decode()


def test_a_staff_session_is_refused_on_citizen_pages(client, caseworker):
    # REQ: CIT-1
    # REQ: SEC-1
    client.force_login(caseworker)
    urls = [*PAGES, "/borger/log-ind/"]
    for url in urls:
        assert client.get(url).status_code == 403, url
    # each refusal is a security event of the staff member, named by its route (SEC-1)
    events = SecurityEvent.objects.filter(actor_id=caseworker.pk).order_by("id")
    assert [event.path for event in events] == urls
    assert {event.status for event in events} == {403}
    assert all(event.route.startswith("citizen-") for event in events)
    assert {event.municipality_id for event in events} == {caseworker.municipality_id}


def test_a_citizen_session_is_refused_on_staff_pages(citizen_client, planned, person):
    # REQ: CIT-1
    client = citizen_client(person)
    for url in ["/", "/citizens/", f"/persons/{person.pk}/", "/api/households/"]:
        assert client.get(url).status_code in (403, 401), url


def test_the_staff_sign_in_page_signs_a_citizen_out_first(citizen_client, planned, person):
    # REQ: CIT-1
    client = citizen_client(person)
    assert client.get("/borger/").status_code == 200
    page = client.get("/login/")
    assert page.status_code == 200  # the staff sign-in form, not a refusal
    assert client.get("/borger/").status_code == 302  # the citizen is signed out
    assert AuditEntry.objects.filter(
        person_id=person.pk, channel="citizen", reason=services.SIGN_OUT_REASON
    ).exists()


def test_the_mitid_link_shows_with_an_issuer(client, settings):
    # REQ: CIT-1
    settings.VELKOMST_OIDC_ISSUER = "https://broker.example/op"
    assert 'href="/borger/mitid/"' in client.get("/borger/log-ind/").content.decode()


def test_the_start_page_shows_the_households_own_data(
    citizen_client, planned, person, neighbour_household
):
    # REQ: CIT-1
    client = citizen_client(person)
    html = client.get("/borger/").content.decode()
    assert "Velkommen, Amal" in html
    assert "Rådhuset, lokale 2" in html  # the booked welcome meeting
    assert "Velkomstmøde" in html  # by its label, never its code
    assert "welcome_meeting" not in html
    assert "Rami" not in html and "Nasser" not in html  # the other household
    plan = client.get("/borger/plan/").content.decode()
    assert "Bankkonto og NemKonto" in plan and "Det gør du selv" in plan
    assert "Det sørger kommunen for" in plan
    tasks = client.get("/borger/opgaver/").content.decode()
    assert "Åbn en bankkonto" in tasks
    contacts = client.get("/borger/kontakt/").content.decode()
    assert "din sagsbehandler" in contacts


def test_another_households_appointment_and_task_are_404(
    citizen_client, planned, person, neighbour_household, other_household
):
    # REQ: CIT-1
    client = citizen_client(person)
    own_appointment = Appointment.objects.get(household=planned)
    own_task = PlanTask.objects.filter(plan__household=planned, category="bank_account")[0]
    assert client.get(f"/borger/aftaler/{own_appointment.pk}/").status_code == 200
    assert client.get(f"/borger/opgaver/{own_task.pk}/").status_code == 200
    foreign_appointment = Appointment.objects.get(household=neighbour_household)
    foreign_task = PlanTask.objects.filter(plan__household=neighbour_household)[0]
    assert client.get(f"/borger/aftaler/{foreign_appointment.pk}/").status_code == 404
    assert client.get(f"/borger/opgaver/{foreign_task.pk}/").status_code == 404


def test_every_page_is_audited_with_the_citizen_as_actor_and_shown_in_words(
    citizen_client, planned, person, client, staff
):
    # REQ: CIT-1
    citizen = citizen_client(person)
    appointment = Appointment.objects.get(household=planned)
    urls = [*PAGES, f"/borger/aftaler/{appointment.pk}/", "/borger/dokumenter/velkomstmappe.pdf"]
    for url in urls:
        before = AuditEntry.objects.filter(channel="citizen").count()
        assert citizen.get(url).status_code == 200, url
        entries = AuditEntry.objects.filter(channel="citizen").order_by("-id")
        assert entries.count() == before + 1, url
        entry = entries[0]
        assert entry.actor_id is None and entry.person_id == person.pk
        assert entry.actor_label == "Borger: Amal Haddad" and entry.action == "view"
    citizen.post("/borger/log-ud/")
    assert citizen.get("/borger/").status_code == 302
    manager = client
    manager.force_login(staff["manager"])
    page = manager.get(f"/audit/persons/{person.pk}/").content.decode()
    for words in (
        "Borger: Amal Haddad",
        "Borgerindgang: logget ind med invitation",
        "Borgerindgang: logget ud",
        "Borgerindgang: forside",
        "Borgerindgang: velkomstmappe som PDF (",
    ):
        assert words in page, words
    assert "Borgerindgang</td>" in page or ">Borgerindgang<" in page  # the channel in words


def test_pages_in_arabic_are_right_to_left_and_say_texts_are_not_reviewed(
    citizen_client, planned, person
):
    # REQ: CIT-1
    client = citizen_client(person)
    client.post("/i18n/setlang/", {"language": "ar", "next": "/borger/"})
    html = client.get("/borger/").content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "مواعيدك القادمة" in html
    assert "بعض النصوص في هذه الصفحة لم يراجعها مترجم بعد" in html
    client.post("/i18n/setlang/", {"language": "prs", "next": "/borger/"})
    dari = client.get("/borger/").content.decode()
    assert 'lang="prs"' in dari and 'dir="rtl"' in dari
    client.post("/i18n/setlang/", {"language": "uk", "next": "/borger/"})
    ukrainian = client.get("/borger/").content.decode()
    assert 'lang="uk"' in ukrainian and 'dir="ltr"' in ukrainian
    assert "Ваші наступні зустрічі" in ukrainian
    client.post("/i18n/setlang/", {"language": "da", "next": "/borger/"})
    danish = client.get("/borger/").content.decode()
    assert 'data-testid="unreviewed-notice"' not in danish


def test_a_missing_translation_falls_back_to_danish_never_an_id(citizen_client, planned, person):
    # REQ: CIT-1
    with translation.override("ti"):
        assert translation.gettext("Dine næste aftaler") == "ዝቕጽሉ ቆጸራታትኩም"
        # a text no citizen catalogue has reads in Danish, the source language
        assert translation.gettext("Personoplysninger") == "Personoplysninger"
    client = citizen_client(person)
    client.post("/i18n/setlang/", {"language": "ti", "next": "/borger/"})
    html = client.get("/borger/plan/").content.decode()
    assert 'lang="ti"' in html
    assert "ቀዳማይ እዋን ኣብ ምምሕዳር" in html


def test_staff_pages_offer_danish_and_english_only_and_fall_back_to_danish(client, caseworker):
    # REQ: CIT-1
    client.force_login(caseworker)
    html = client.get("/citizens/").content.decode()
    assert 'value="en"' in html and 'value="ar"' not in html
    client.post("/i18n/setlang/", {"language": "ar", "next": "/citizens/"})
    html = client.get("/citizens/").content.decode()
    assert 'lang="da"' in html and "Mine borgere" in html


def test_the_reviewed_mark_is_read_from_the_catalogue(tmp_path, settings):
    # REQ: CIT-1
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# reviewed\nmsgid "Log ind"\nmsgstr "Sign in"\n\n'
        'msgid "Log ud"\nmsgstr "Sign out"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]
    assert translations.counts("xx") == (2, 1)
    assert translations.has_unreviewed("xx")
    po.write_text(po.read_text().replace('msgid "Log ud"', '# reviewed\nmsgid "Log ud"'))
    import os

    os.utime(po, (1, 1))  # a new modification time: read again
    assert translations.counts("xx") == (2, 2)
    assert not translations.has_unreviewed("xx")
    assert not translations.has_unreviewed("da") and not translations.has_unreviewed("en")


def test_the_start_page_reads_a_fixed_number_of_queries(
    citizen_client, planned, person, neighbour_household, caseworker
):
    """A household of one and a household of three read the same number of queries."""

    # REQ: CIT-1
    def count(someone):
        client = citizen_client(someone)
        client.get("/borger/")  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/borger/").status_code == 200
        client.post("/borger/log-ud/")
        return len(queries)

    alone = neighbour_household.members.get()
    assert count(alone) == count(person)


def test_the_selectors_read_only_the_persons_own_integration_plan(planned, person):
    # REQ: CIT-1
    own = selectors.integration_plan(person)
    assert own.plan is None or own.plan.person_id == person.pk
    assert {p.household_id for p in selectors.members(person)} == {person.household_id}


def test_the_caseworker_sends_an_invitation_from_the_persons_page(client, caseworker, person):
    # REQ: CIT-1
    client.force_login(caseworker)
    detail = client.get(f"/persons/{person.pk}/").content.decode()
    assert f'href="/persons/{person.pk}/citizen-invitation/"' in detail
    form = client.get(f"/persons/{person.pk}/citizen-invitation/")
    assert form.status_code == 200
    bad = client.post(f"/persons/{person.pk}/citizen-invitation/", {"channel": "sms"})
    assert bad.status_code == 422 and "mobilnummer" in bad.content.decode()
    sent = client.post(f"/persons/{person.pk}/citizen-invitation/", {"channel": "paper"})
    html = sent.content.decode()
    assert sent.status_code == 200 and 'data-testid="invitation-code"' in html
    assert "/borger/invitation/" in html and sent["Cache-Control"] == "no-store"
