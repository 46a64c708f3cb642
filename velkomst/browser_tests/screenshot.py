"""Regenerate docs/screenshot.png: the citizen list ("Mine borgere") with demo data, 1280x800.

Run by hand (not part of the test run: the file name does not match test_*.py):

    .venv/bin/python -m velkomst.browser_tests.screenshot

It loads a small demo data set into a throwaway test database, logs in as a caseworker through
the login form and saves the page as it is drawn in Debian's Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import REPO

OUTPUT = REPO / "docs" / "screenshot.png"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_save_screenshot_of_the_citizen_list(live_server, page) -> None:
    from velkomst.core.models import Role
    from velkomst.demodata.generator import DEFAULT_PASSWORD, demo_plan, load_demo

    logins = load_demo(demo_plan(households_per_municipality=14))
    caseworker = next(login for login in logins if login.role == Role.CASEWORKER)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(caseworker.username)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine borgere")
    expect(page.locator("#results tbody tr").first).to_be_visible()
    page.evaluate("document.fonts.ready")
    OUTPUT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT))  # the viewport: 1280x800
    print(f"saved {OUTPUT.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(pytest.main([str(Path(__file__)), "-q", "-s", "-p", "no:warnings"]))
