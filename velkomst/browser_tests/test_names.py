"""Countries and languages chosen by name: the forms with the long lists pass axe and reflow at
320 CSS px in Danish and English (the longest names must not widen the page)."""

from __future__ import annotations

from playwright.sync_api import expect

from .test_accessibility import AxeAudit


def test_the_name_lists_pass_axe_and_reflow_at_320_px(
    live_server, new_context, login, caseworker, person
):
    # REQ: REC-1
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, caseworker)
    pages = {
        "new household form": "/households/new/",
        "person edit form": f"/persons/{person.pk}/edit/",
        "household appointments (interpreter language)": (
            f"/households/{person.household_id}/appointments/"
        ),
        "citizen list (nationality filter)": "/citizens/",
    }
    for language in ("da", "en"):
        if language == "en":
            page.goto(f"{live_server.url}/citizens/")
            page.get_by_role("button", name="English").click()
        for label, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            nationality = page.locator("select[name$='nationality']").first
            if path != pages["household appointments (interpreter language)"]:
                expect(nationality).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{label} ({language}): {width} px wide, scrolls sideways"
            audit.check(f"{label} at 320 px ({language})")
    # the person's nationality is shown by name and chosen by name
    page.goto(f"{live_server.url}/persons/{person.pk}/edit/")
    expect(page.get_by_label("Nationality")).to_have_value("SY")
    expect(page.get_by_label("Nationality").locator("option:checked")).to_have_text("Syria")
    audit.assert_clean()
