"""The dwelling register shows amounts with the thousand separator and no repeated names."""

from __future__ import annotations

from datetime import date

from velkomst.housing import services


def test_the_register_shows_rent_with_separators_and_a_landlord_once(logged_in, officer, area):
    # REQ: HOU-1
    services.dwelling_create(
        acting_user=officer,
        address="Parkvej 12, Nexø",
        area=area,
        type="temporary",
        rooms=2,
        size_m2=60,
        rent=4100,
        utilities=650,
        landlord_kind="municipality",
        landlord_name="Kommunen",
        available_from=date(2026, 6, 1),
    )
    page = logged_in(officer).get("/housing/dwellings/").content.decode()
    assert "4.100 + 650" in page
    assert "Kommunen: Kommunen" not in page and "<td>Kommunen</td>" in page
    english = logged_in(officer).get("/housing/dwellings/", headers={"accept-language": "en"})
    assert "4,100 + 650" in english.content.decode()
