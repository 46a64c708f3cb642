"""Consent (COO-4): what the citizen agreed to, with scope and dates; "may X be shared with Y
for Z now?" answered at the moment of sharing; withdrawal stops sharing from that moment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from velkomst.consent import selectors, services
from velkomst.consent.models import Consent, Disclosure
from velkomst.core.models import AuditEntry


def _record(actor, person, units, purposes=("share.plan",), **values):
    values.setdefault("given_on", timezone.localdate() - timedelta(days=2))
    return services.consent_record(
        actor=actor, person=person, purposes=list(purposes), units=units, **values
    )


def test_a_consent_covers_its_purpose_and_units_from_its_day_until_withdrawn(
    caseworker, amal, units
):
    # REQ: COO-4
    jobcentre, school = units["jobcentre"], units["school"]
    (consent,) = _record(caseworker, amal, [jobcentre])
    assert selectors.covering(amal, "share.plan", jobcentre) == consent
    assert selectors.covering(amal, "share.plan", school) is None  # another unit
    assert selectors.covering(amal, "share.danish", jobcentre) is None  # another purpose
    before = timezone.now() - timedelta(days=3)  # before the day it was given
    assert selectors.covering(amal, "share.plan", jobcentre, at=before) is None
    assert selectors.persons_consenting([amal.pk], "share.plan", jobcentre) == {amal.pk}

    withdrawn = services.consent_withdraw(
        actor=caseworker, consent=consent, expected_version=consent.version, note="Ringede"
    )
    moment = withdrawn.withdrawn_at
    assert moment is not None
    assert selectors.covering(amal, "share.plan", jobcentre) is None
    assert selectors.covering(amal, "share.plan", jobcentre, at=moment) is None
    # a share made just before the withdrawal was covered then
    earlier = moment - timedelta(seconds=1)
    assert selectors.covering(amal, "share.plan", jobcentre, at=earlier) == consent
    assert selectors.persons_consenting([amal.pk], "share.plan", jobcentre) == set()
    logged = AuditEntry.objects.filter(object_type="consent.Consent", person_id=amal.pk)
    assert {e.action for e in logged} == {"create", "change"}


def test_an_expired_consent_covers_nothing(caseworker, amal, units):
    # REQ: COO-4
    today = timezone.localdate()
    _record(
        caseworker,
        amal,
        [],
        purposes=["contact.volunteer"],
        given_on=today - timedelta(days=30),
        valid_until=today - timedelta(days=1),
    )
    assert selectors.covering(amal, "contact.volunteer") is None
    _record(caseworker, amal, [], purposes=["contact.volunteer"], valid_until=today)
    assert selectors.covering(amal, "contact.volunteer") is not None


def test_sharing_checks_consent_at_that_moment_and_records_the_disclosure(caseworker, amal, units):
    # REQ: COO-4
    jobcentre = units["jobcentre"]
    with pytest.raises(ValidationError) as refused:
        services.share(actor=caseworker, person=amal, purpose="share.plan", unit=jobcentre)
    message = refused.value.message_dict["consent"][0]
    assert "Amal" in message and "integrationsplan" in message and jobcentre.name in message
    assert not Disclosure.objects.exists()

    (consent,) = _record(caseworker, amal, [jobcentre])
    shared = services.share(
        actor=caseworker, person=amal, purpose="share.plan", unit=jobcentre, context="referral:1"
    )
    assert shared.consent == consent and shared.recipient_name == jobcentre.name
    entry = AuditEntry.objects.get(object_type="consent.Disclosure")
    assert entry.person_id == amal.pk and entry.changes["consent"] == [None, consent.pk]

    services.consent_withdraw(actor=caseworker, consent=consent, expected_version=1)
    with pytest.raises(ValidationError):
        services.share(actor=caseworker, person=amal, purpose="share.plan", unit=jobcentre)
    assert Disclosure.objects.count() == 1


def test_contact_consent_names_no_unit_and_share_consent_needs_one(caseworker, amal, units):
    # REQ: COO-4
    with pytest.raises(ValidationError) as error:
        _record(caseworker, amal, [], purposes=["share.contact"])
    assert "units" in error.value.message_dict
    (contact,) = _record(caseworker, amal, [units["jobcentre"]], purposes=["contact.volunteer"])
    assert list(contact.units.all()) == []  # contact purposes keep no units
    disclosure = services.share(
        actor=caseworker, person=amal, purpose="contact.volunteer", recipient="Hanne Frivillig"
    )
    assert disclosure.recipient_name == "Hanne Frivillig"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"method": "oral"}, "note"),
        ({"language": "xx9"}, "language"),
        # days from today, read when the test runs (not when it is collected: a run that passes
        # midnight would otherwise find "tomorrow" is today)
        ({"given_on": timedelta(days=1)}, "given_on"),
        ({"valid_until": -timedelta(days=10)}, "valid_until"),
        ({"purposes": []}, "purposes"),
        ({"purposes": ["share.everything"]}, "purposes"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(caseworker, amal, units, values, field):
    # REQ: COO-4
    values = {
        name: timezone.localdate() + value if isinstance(value, timedelta) else value
        for name, value in values.items()
    }
    purposes = values.pop("purposes", ["share.plan"])
    with pytest.raises(ValidationError) as error:
        _record(caseworker, amal, [units["jobcentre"]], purposes=purposes, **values)
    assert field in error.value.message_dict
    assert not Consent.objects.exists()


def test_oral_consent_with_a_note_and_language_is_kept(caseworker, amal, units):
    # REQ: COO-4
    (consent,) = _record(
        caseworker,
        amal,
        [units["jobcentre"]],
        method="oral",
        note="Sagde ja med tolk",
        language="tir",
    )
    assert consent.language == "ti"  # stored as the code list stores Tigrinya
    assert consent.get_method_display() == "Mundtligt, med notat"


def test_who_records_and_who_sees_which_consents(staff, amal, units):
    # REQ: COO-4
    # the housing officer does not record consents; health consents are the health roles'
    with pytest.raises(PermissionDenied):
        _record(staff["housing_officer"], amal, [units["jobcentre"]])
    with pytest.raises(PermissionDenied):
        _record(staff["caseworker"], amal, [units["jobcentre"]], purposes=["health.assessment"])
    _record(staff["health_coordinator"], amal, [units["jobcentre"]], purposes=["health.assessment"])
    _record(staff["volunteer_coordinator"], amal, [], purposes=["contact.volunteer"])
    seen = {c.purpose for c in selectors.consents_for(user=staff["caseworker"], person=amal)}
    assert seen == {"contact.volunteer"}  # not the health consent
    seen = {
        c.purpose for c in selectors.consents_for(user=staff["health_coordinator"], person=amal)
    }
    assert seen == {"contact.volunteer", "health.assessment"}


def test_a_withdrawal_is_refused_twice_and_on_a_stale_version(caseworker, amal, units):
    # REQ: COO-4
    from velkomst.core.versioning import ConcurrentEditError

    (consent,) = _record(caseworker, amal, [units["jobcentre"]])
    with pytest.raises(ConcurrentEditError):
        services.consent_withdraw(actor=caseworker, consent=consent, expected_version=7)
    consent.refresh_from_db()
    services.consent_withdraw(actor=caseworker, consent=consent, expected_version=1)
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=caseworker, consent=consent, expected_version=2)


def test_another_municipalitys_person_is_refused(other_caseworker, amal, units):
    # REQ: COO-4
    with pytest.raises(PermissionDenied):
        _record(other_caseworker, amal, [])
    with pytest.raises(PermissionDenied):
        services.share(actor=other_caseworker, person=amal, purpose="contact.volunteer")


def test_the_pages_record_list_and_withdraw(logged_in, caseworker, amal, units):
    # REQ: COO-4
    client = logged_in(caseworker)
    page = client.get(f"/persons/{amal.pk}/consents/")
    assert page.status_code == 200 and "ikke givet samtykke" in page.content.decode()
    response = client.post(
        f"/persons/{amal.pk}/consents/new/",
        {
            "purposes": ["share.plan", "contact.volunteer"],
            "units": [units["jobcentre"].pk],
            "given_on": timezone.localdate().isoformat(),
            "method": "signed",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(f"/persons/{amal.pk}/consents/").content.decode()
    assert "Integrationsplan og aktiviteter" in page and "Kontakt fra frivillige" in page
    assert "share.plan" not in page  # labels, never codes
    consent = Consent.objects.get(purpose="share.plan")
    response = client.post(f"/consents/{consent.pk}/withdraw/", {"version": 1, "note": ""})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == caseworker
    bad = client.post(
        f"/persons/{amal.pk}/consents/new/",
        {
            "purposes": ["share.plan"],
            "given_on": timezone.localdate().isoformat(),
            "method": "oral",
        },
    )
    assert bad.status_code == 422
    assert Consent.objects.count() == 2
