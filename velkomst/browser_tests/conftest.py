"""Fixtures for the real-browser tests: one Chromium per test session, a fresh page per test.

Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls from a thread
with a running loop; the fixtures and tests here only touch the database between browser steps, so
that guard is switched off for this test process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
REPO = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 10_000


def axe_path() -> Path:
    """axe-core from the repository's node_modules (npm ci), else the shared fallback copy."""
    for candidate in (
        REPO / "node_modules" / "axe-core" / "axe.min.js",
        Path("/tmp/npmt/node_modules/axe-core/axe.min.js"),  # noqa: S108 (read-only fallback)
    ):
        if candidate.exists():
            return candidate
    pytest.skip("axe-core is not installed: run `npm ci` in the repository root")


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """new_context(**options) -> a browser context (closed after the test); Danish by default."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", VIEWPORT)
        options.setdefault("locale", "da-DK")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., Any]) -> Any:
    return new_context().new_page()


@pytest.fixture
def login(live_server: Any) -> Callable[[Any, Any], Any]:
    """login(page, user): log in through the login form, as a person would."""
    from conftest import PASSWORD

    def log_in(page: Any, user: Any) -> Any:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Brugernavn").fill(user.username)
        page.get_by_label("Adgangskode").fill(PASSWORD)
        page.get_by_role("button", name="Log ind").click()
        page.wait_for_load_state()
        return page

    return log_in


def follow_menu(page: Any, name: str) -> None:
    """Follow the main menu's link ``name`` as a person would: open its group's dropdown (wide
    screen) or the "Menu" button (narrow screen) first, then click the link."""
    from playwright.sync_api import expect

    narrow = page.locator(".velkomst-menu-narrow > details")
    if narrow.is_visible():
        if narrow.get_attribute("open") is None:
            page.locator(".velkomst-menu-button").click()
    else:
        link = page.get_by_role("link", name=name, exact=True, include_hidden=True)
        group = page.locator(".velkomst-menu-wide details").filter(has=link)
        if group.count() and group.get_attribute("open") is None:
            group.locator("summary").click()
    menu = page.get_by_role("navigation", name="Hovedmenu")
    expect(menu).to_be_visible()
    menu.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()
