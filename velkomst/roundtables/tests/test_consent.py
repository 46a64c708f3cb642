"""Sending the minutes of a round table to an outside actor or another unit is a share of the
citizen's data: refused without a consent covering it at that moment (COO-3, COO-4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from velkomst.consent.models import Disclosure
from velkomst.consent.services import consent_record, consent_withdraw
from velkomst.core.models import Unit
from velkomst.roundtables import services
from velkomst.roundtables.models import MinutesSent

pytestmark = pytest.mark.django_db


def _unit(municipality, kind):
    return Unit.objects.get(municipality=municipality, kind=kind)


def test_a_share_to_an_outside_actor_without_consent_is_refused(
    round_table, school, caseworker, amal
):
    # REQ: COO-3
    with pytest.raises(ValidationError) as error:
        services.minutes_send(actor=caseworker, round_table=round_table, participant=school)
    message = " ".join(error.value.message_dict["consent"])
    assert "Amal Haddad" in message and "Der er ikke delt noget" in message
    assert not MinutesSent.objects.exists() and not Disclosure.objects.exists()


def test_the_minutes_go_to_the_school_under_consent_until_it_is_withdrawn(
    round_table, caseworker, amal, municipality
):
    # REQ: COO-3
    school_unit = _unit(municipality, "school")
    school = services.participant_add(
        actor=caseworker,
        round_table=round_table,
        name="Hanne Skov",
        organisation="Vestre Skole",
        unit=school_unit,
    )
    # a consent to share with the job centre does not cover the school
    (jobcentre_consent,) = consent_record(
        actor=caseworker,
        person=amal,
        purposes=["share.case"],
        units=[_unit(municipality, "jobcentre")],
        given_on=date(2026, 8, 1),
    )
    with pytest.raises(ValidationError):
        services.minutes_send(actor=caseworker, round_table=round_table, participant=school)
    (consent,) = consent_record(
        actor=caseworker,
        person=amal,
        purposes=["share.case"],
        units=[school_unit],
        given_on=date(2026, 8, 1),
    )
    sent = services.minutes_send(actor=caseworker, round_table=round_table, participant=school)
    assert sent.recipient == "Hanne Skov, Vestre Skole" and sent.unit == school_unit
    disclosure = Disclosure.objects.get()
    assert (disclosure.person, disclosure.consent, disclosure.unit) == (amal, consent, school_unit)
    # withdrawn: refused from that moment, and nothing more is recorded
    consent_withdraw(actor=caseworker, consent=consent, expected_version=consent.version)
    with pytest.raises(ValidationError):
        services.minutes_send(actor=caseworker, round_table=round_table, participant=school)
    assert MinutesSent.objects.count() == 1 and Disclosure.objects.count() == 1
    assert jobcentre_consent.pk != consent.pk


def test_a_childs_round_table_needs_every_parents_consent(seen, caseworker, municipality):
    # REQ: COO-3
    from datetime import datetime

    from .conftest import CPH

    lina = seen.members.get(first_name="Lina")
    rt = services.round_table_create(
        actor=caseworker,
        household=seen,
        person=lina,
        title="Linas skolestart",
        starts_at=datetime(2026, 9, 1, 10, 0, tzinfo=CPH),
        ends_at=datetime(2026, 9, 1, 11, 0, tzinfo=CPH),
        place="Skolen",
    )
    school_unit = _unit(municipality, "school")
    amal = seen.members.get(first_name="Amal")
    consent_record(
        actor=caseworker,
        person=amal,
        purposes=["share.children"],
        units=[school_unit],
        given_on=date(2026, 8, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.minutes_send(actor=caseworker, round_table=rt, unit=school_unit)
    assert "Omar" in " ".join(error.value.message_dict["consent"])
    assert not Disclosure.objects.exists()  # Amal's share was rolled back with the refusal
    omar = seen.members.get(first_name="Omar")
    consent_record(
        actor=caseworker,
        person=omar,
        purposes=["share.children"],
        units=[school_unit],
        given_on=date(2026, 8, 1),
    )
    services.minutes_send(actor=caseworker, round_table=rt, unit=school_unit)
    assert set(Disclosure.objects.values_list("person__first_name", flat=True)) == {
        "Amal",
        "Omar",
    }


def test_the_page_shows_the_refusal_on_the_form(logged_in, round_table, school, caseworker):
    # REQ: COO-3
    response = logged_in(caseworker).post(
        reverse("roundtable-detail", args=[round_table.pk]),
        {"action": "send", "s-participant": str(school.pk)},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "har ikke et gældende samtykke" in html and "Der er ikke delt noget" in html
    assert not MinutesSent.objects.exists()
