"""Demo data for handover (COO-5): one incoming handover waiting in a demo municipality. The
second demo municipality's caseworker sends the handover of one of their households (the first
with open cases, by id) to the first demo municipality, with a new address and a moving date a
month after the reference date; the first municipality's administrator sees it on the start
page and in the handovers list."""

from __future__ import annotations

from datetime import date, timedelta

from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.people.models import Case, Household, Phase

from . import services


def install_demo(receiving: Municipality, sending: Municipality, reference_date: date) -> None:
    caseworker = (
        StaffUser.objects.filter(municipality=sending, role=Role.CASEWORKER).order_by("id").first()
    )
    open_households = Case.objects.filter(municipality=sending).exclude(phase=Phase.ENDED)
    household = (
        Household.objects.filter(
            municipality=sending, pk__in=open_households.values("person__household_id")
        )
        .order_by("id")
        .first()
    )
    if caseworker is None or household is None:
        return
    services.handover_send(
        actor=caseworker,
        household=household,
        data=services.MoveData(
            receiving=receiving.code,
            new_address="Stationsvej 12, 1. th.",
            moving_date=reference_date + timedelta(days=30),
        ),
    )
