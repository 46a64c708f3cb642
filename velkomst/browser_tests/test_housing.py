"""The housing register in a real browser, as the housing officer: lists, forms with errors,
the household's need and the import with problems; axe-core finds no serious or critical
violation in any of these states (HOU-1, HOU-2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.housing.tests.conftest import area, dwelling, officer  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_housing_pages_are_accessible(
    live_server,
    page,  # noqa: F811
    login,  # noqa: F811
    officer,  # noqa: F811
    area,  # noqa: F811
    dwelling,  # noqa: F811
    household,
    tmp_path,
):
    # REQ: HOU-1, HOU-2
    audit = AxeAudit(page)
    login(page, officer)
    follow_menu(page, "Boliger")
    expect(page.get_by_role("heading", level=1)).to_have_text("Boliger")
    expect(page.get_by_text("Storegade 1, 3700 Rønne")).to_be_visible()
    audit.check("dwelling list")

    page.get_by_role("link", name="Ny bolig").click()
    page.get_by_label("Adresse").fill("Torvet 2")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("new dwelling with errors")

    page.goto(f"{live_server.url}/housing/areas/")
    audit.check("area list")
    page.get_by_role("link", name="Nyt område").click()
    audit.check("new area")

    page.goto(f"{live_server.url}/housing/dwellings/import/")
    path = tmp_path / "boliger.csv"
    path.write_text(
        "adresse;område;type;værelser;m2;husleje;udlejertype;ledig_fra\nA;X;slot;1;2;3;privat;1-1-2026\n"
    )
    page.get_by_label("Fil med boliger").set_input_files(str(path))
    page.get_by_role("button", name="Importér").click()
    expect(page.get_by_role("alert")).to_contain_text("Ingen boliger er importeret")
    audit.check("import with problems")

    page.goto(f"{live_server.url}/households/{household.pk}/housing-needs/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Boligbehov")
    page.get_by_label("Forventet indkomst").fill("16000")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Boligbehovet er gemt.")).to_be_visible()
    audit.check("housing need")
    audit.assert_clean()
