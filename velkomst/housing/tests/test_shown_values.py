"""The dwelling register shows amounts with the thousand separator and no repeated names."""

from __future__ import annotations

from datetime import date
from typing import Any

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


def test_the_move_in_choice_of_dwelling_shows_rent_with_separators_and_the_area_once(officer, area):
    # REQ: HOU-4 (a move registered by hand: the dwelling chosen by a label staff can read)
    from django.utils import translation

    from velkomst.housing.forms import PlacementForm

    nexo = services.area_create(acting_user=officer, name="Nexø", kind="town")
    dwelling = services.dwelling_create(
        acting_user=officer,
        address="Parkvej 12, Nexø",
        area=nexo,
        type="temporary",
        rooms=2,
        size_m2=60,
        rent=4100,
        utilities=650,
        landlord_kind="municipality",
        landlord_name="Kommunen",
        available_from=date(2026, 6, 1),
    )
    field: Any = PlacementForm(dwellings=[dwelling]).fields["dwelling"]
    with translation.override("da"):
        label = field.label_from_instance(dwelling)
    assert label == "Parkvej 12, Nexø (Midlertidig bolig, 2 vær., 4.750 kr. pr. måned)"
    with translation.override("en"):
        assert "4,750" in str(field.label_from_instance(dwelling))
