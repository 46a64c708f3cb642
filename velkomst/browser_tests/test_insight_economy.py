"""The economy and places pages in a real browser (MI-4, MI-5): the manager finds them in the
menu, chooses a year, reads the charts' tables; the administrator sees a small count hidden;
axe-core finds no serious or critical violation."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data(household, caseworker, year):
    from velkomst.housing.models import Area, Dwelling, Placement
    from velkomst.indicators.tests.test_economy import _booking
    from velkomst.people.models import Household

    Household.objects.filter(pk=household.pk).update(arrival_date=date(year, 1, 10))
    for hour in range(9, 15):
        _booking(household, caseworker, "on_site", "held", datetime(year, 6, 2, hour), "500")
    _booking(household, caseworker, "video", "held", datetime(year, 6, 3, 9), "300")
    area = Area.objects.create(
        municipality=household.municipality, name="Rønne Øst", kind="town", max_refugee_households=3
    )
    dwelling = Dwelling.objects.create(
        municipality=household.municipality,
        address="Østergade 4",
        area=area,
        type="temporary",
        rooms=2,
        size_m2=60,
        rent=5000,
        landlord_kind="municipality",
        available_from=date(year, 1, 1),
    )
    Placement.objects.create(
        municipality=household.municipality,
        household=household,
        dwelling=dwelling,
        type="temporary",
        start_date=date(year, 1, 10),
        monthly_cost=5000,
        source="manual",
    )


def test_the_manager_reads_the_economy_and_the_places(
    live_server, page, login, staff, household, caseworker
):
    # REQ: MI-4, MI-5
    year = timezone.localdate().year - 1
    _data(household, caseworker, year)
    audit = AxeAudit(page)
    login(page, staff["manager"])
    follow_menu(page, "Økonomi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Økonomi")
    audit.check("economy page, this year")
    page.get_by_label("År", exact=True).select_option(str(year))
    page.get_by_role("button", name="Vis året").click()
    table = page.get_by_role("table", name=f"Udgifter til tolkning: {year} og {year - 1}")
    expect(table).to_contain_text("Videotolkning")
    expect(table).to_contain_text("3.300 kr.")
    expect(page.get_by_role("img", name="Udgifter til tolkning")).to_be_visible()
    expect(page.get_by_text("Udgift pr. person i arbejde eller uddannelse")).to_be_visible()
    audit.check("economy page, last year")

    follow_menu(page, "Steder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Steder")
    areas = page.get_by_role("table", name="Husstande og loft pr. boligområde")
    expect(areas).to_contain_text("Rønne Øst")
    audit.check("places page")
    audit.assert_clean()


def test_the_administrator_sees_a_small_count_hidden(
    live_server, page, login, staff, household, caseworker
):
    # REQ: MI-6, MI-4
    year = timezone.localdate().year - 1
    _data(household, caseworker, year)
    audit = AxeAudit(page)
    login(page, staff["administrator"])
    page.goto(f"{live_server.url}/insight/economy/?year={year}")
    table = page.get_by_role("table", name=f"Udgifter til tolkning: {year} og {year - 1}")
    row = table.get_by_role("row", name="Videotolkning")
    expect(row).to_contain_text("<5")
    expect(table.get_by_role("row", name="Fremmødetolkning")).to_contain_text("–")
    audit.check("economy page as administrator")
    audit.assert_clean()
