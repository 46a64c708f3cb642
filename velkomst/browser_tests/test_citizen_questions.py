"""Citizens' questions and surveys in the citizen's entrance, in a real browser (CIT-1, CIT-2):
the citizen asks a question with a PDF attached, the caseworker sees it on the start page and
answers it from the inbox, the citizen reads the answer; the citizen answers a survey with radio
buttons. axe-core finds no serious or critical violation, and the pages reflow at 320 CSS px.

The citizen is signed in by a session made the way ``citizen.session.sign_in`` makes it
(``citizen/tests/sessions.py``): the sign-in page is the citizen entrance's own."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from velkomst.citizen.tests.sessions import session_cookie

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NARROW = {"width": 320, "height": 640}
# the first request of a fresh live server loads every app's views and templates: on a loaded
# machine that alone can take longer than the browser tests' 10 s
FIRST_LOAD_MS = 60_000


def _citizen_page(new_context, live_server, person, viewport=None):
    context = new_context(viewport=viewport) if viewport else new_context()
    context.add_cookies([session_cookie(person, live_server.url)])
    return context.new_page()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_question_with_a_pdf_reaches_the_caseworker_and_the_answer_the_citizen(
    live_server, new_context, login, staff, person, settings, tmp_path
):
    # REQ: CIT-1
    settings.VELKOMST_PRIVATE_FILES = tmp_path / "private"
    citizen = _citizen_page(new_context, live_server, person, NARROW)
    audit = AxeAudit(citizen)
    citizen.goto(f"{live_server.url}/borger/spoergsmaal/", timeout=FIRST_LOAD_MS)
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Spørgsmål til din sagsbehandler")
    audit.check("the citizen's questions, empty")
    _fits(citizen)
    citizen.get_by_label("Emne").fill("Sundhedskort")
    citizen.get_by_label("Dit spørgsmål").fill("Hvornår kommer mit sundhedskort?")
    citizen.get_by_label("Bilag").set_input_files(
        {"name": "brev.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    citizen.get_by_role("button", name="Send spørgsmålet").click()
    expect(citizen.get_by_text("Dit spørgsmål er sendt til din sagsbehandler.")).to_be_visible()
    expect(citizen.get_by_role("link", name="Hent bilag: brev.pdf")).to_be_visible()
    audit.check("the citizen's question sent")
    _fits(citizen)

    staff_page = new_context().new_page()
    staff_audit = AxeAudit(staff_page)
    login(staff_page, staff["caseworker"])
    panel = staff_page.get_by_role("region", name="Spørgsmål fra borgere")
    waiting = panel.get_by_role("link", name="Spørgsmål, der venter på svar")
    expect(waiting).to_contain_text("1")
    waiting.click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Spørgsmål fra borgere")
    staff_audit.check("the inbox")
    staff_page.get_by_role("link", name="Sundhedskort").click()
    expect(staff_page.get_by_text("Hvornår kommer mit sundhedskort?")).to_be_visible()
    with staff_page.expect_download() as download:
        staff_page.get_by_role("link", name="Hent bilag: brev.pdf").click()
    assert download.value.suggested_filename == "brev.pdf"
    staff_audit.check("the question")
    staff_page.get_by_label("Svar til borgeren").fill("Det kommer i næste uge.")
    staff_page.get_by_role("button", name="Send svar").click()
    expect(staff_page.get_by_text("Svaret er sendt til borgeren.")).to_be_visible()
    staff_audit.check("answered")
    staff_audit.assert_clean()

    citizen.reload()
    expect(citizen.get_by_role("heading", name="Svar fra din sagsbehandler")).to_be_visible()
    expect(citizen.get_by_text("Det kommer i næste uge.")).to_be_visible()
    audit.check("the answer on the citizen's page")
    _fits(citizen)
    audit.assert_clean()

    narrow = new_context(viewport=NARROW).new_page()
    login(narrow, staff["caseworker"])
    narrow.goto(f"{live_server.url}/spoergsmaal/?show=all")
    _fits(narrow)


def test_the_citizen_answers_a_survey_with_radio_buttons(live_server, new_context, person):
    # REQ: CIT-2
    from velkomst.surveys.models import Invitation, Response
    from velkomst.surveys.services import definition_current

    today = date.today()
    definition = definition_current("own_experience")
    invitation = Invitation.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        definition=definition,
        survey_key=definition.key,
        moment="three_months",
        due_on=today - timedelta(days=1),
        answer_by=today + timedelta(days=30),
    )
    citizen = _citizen_page(new_context, live_server, person, NARROW)
    audit = AxeAudit(citizen)
    citizen.goto(f"{live_server.url}/borger/spoergeskemaer/", timeout=FIRST_LOAD_MS)
    audit.check("the citizen's surveys")
    _fits(citizen)
    citizen.get_by_role("link", name="Svar på spørgeskemaet").click()
    citizen.get_by_role("group", name="Jeg har følt mig velkommen i kommunen.").get_by_label(
        "Helt enig", exact=True
    ).check()
    audit.check("the survey form")
    _fits(citizen)
    citizen.get_by_role("button", name="Send mine svar").click()
    expect(citizen.get_by_text("Tak for dine svar.")).to_be_visible()
    audit.check("answered")
    audit.assert_clean()
    response = Response.objects.get(invitation=invitation)
    assert response.channel == "entrance"
    assert list(response.answers.values_list("question", "value")) == [("welcome", "5")]
