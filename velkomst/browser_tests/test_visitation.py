"""The visitation import in a real browser: upload with errors, review of a duplicate, the
missing-decision error, the result, the format page (also at 320 px); axe-core finds no serious or critical
violation in any of these states (REC-1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.visitation.tests.files import csv_bytes, family, person

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upload(tab, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    tab.get_by_label("Visitationsfil").set_input_files(str(path))
    tab.get_by_role("button", name="Kontrollér filen").click()
    tab.wait_for_load_state()


def test_upload_review_and_import_in_the_browser(
    live_server,
    page,  # noqa: F811
    login,  # noqa: F811
    caseworker,
    household,
    tmp_path,
):
    # REQ: REC-1
    audit = AxeAudit(page)
    login(page, caseworker)
    follow_menu(page, "Importér visitation")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importér visitation")
    audit.check("upload page")

    bad = [
        person(husstand="A", fødselsdato="31-02-1990"),
        person(husstand="B", fornavn="Bo", relation="x"),
        person(husstand="C", fornavn="Cai", nationalitet="Eritria", sprog="tigrinja"),
        person(husstand="D", fornavn="Dan", nationalitet="syrisk", sprog="arabisk"),
        person(husstand="D", fornavn="Dan", nationalitet="SYR", sprog="ar"),  # line 6: again
    ]
    _upload(page, tmp_path, "fejl.csv", csv_bytes(bad))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Linje 2, kolonne fødselsdato: '31-02-1990' er ikke en gyldig")
    expect(alert).to_contain_text("Linje 3, kolonne relation")
    expect(alert).to_contain_text(
        "Linje 4, kolonne nationalitet: 'Eritria' er ikke et kendt land. Mente du: Eritrea?"
    )
    expect(alert).to_contain_text("Linje 6, kolonne fornavn: Gentager linje 5")
    expect(alert).not_to_contain_text("mere end én hovedperson")
    expect(alert).to_contain_text("Filen blev ikke importeret: 4 fejl")
    audit.check("upload page with errors")

    rows = [person(husstand="A", fornavn="Amal", efternavn="Haddad", køn="K"), *family("H2")]
    _upload(page, tmp_path, "visitation.csv", csv_bytes(rows))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gennemse visitationsfil")
    expect(page.get_by_text("allerede registreret i husstanden Familien Haddad")).to_be_visible()
    audit.check("review page with a duplicate")

    page.get_by_role("button", name="Importér", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Linje 2 (Amal Haddad)")
    audit.check("review page, decision missing")

    page.get_by_role("group", name="Linje 2: Amal Haddad").get_by_label(
        "Spring rækken over"
    ).check()
    page.get_by_role("button", name="Importér", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Filen er importeret")
    expect(page.get_by_role("link", name="Familien Østergård")).to_be_visible()
    audit.check("import result")

    page.goto(f"{live_server.url}/visitation/format/")
    expect(page.get_by_role("table", name="Sådan kan nationaliteten skrives")).to_contain_text(
        "eritreisk"
    )
    expect(page.get_by_role("table", name="Sådan kan sproget skrives")).to_contain_text("prs")
    audit.check("format page")
    audit.assert_clean()


def test_the_format_page_reflows_at_320_css_pixels(live_server, new_context, login, caseworker):
    # REQ: REC-1
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/visitation/format/")
    expect(page.get_by_role("heading", name="Nationalitet")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the format page is {width} px wide and scrolls sideways"
    audit.check("format page at 320 px")
    audit.assert_clean()


def test_the_import_in_progress_page_at_320_css_pixels(
    live_server, new_context, login, caseworker, settings
):
    """While the background task imports the file, the review page says so and polls; axe finds
    nothing serious, and it reflows at 320 px. Then the task runs and the result shows."""
    # REQ: REC-1
    from velkomst.visitation import services

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    batch = services.batch_upload(
        acting_user=caseworker, file_name="h.csv", content=csv_bytes(family("H1"))
    )
    batch = services.batch_confirm_start(batch=batch, acting_user=caseworker, decisions={})
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/visitation/{batch.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importerer visitationsfil")
    expect(page.get_by_role("status").first).to_contain_text("bliver importeret")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the import page is {width} px wide and scrolls sideways"
    audit.check("import in progress at 320 px")
    services.batch_execute(batch.pk)  # the worker
    # htmx polls every second and reloads the page when the import is done
    expect(page.get_by_role("heading", level=1)).not_to_have_text(
        "Importerer visitationsfil", timeout=10_000
    )
    audit.check("import result at 320 px")
    audit.assert_clean()
