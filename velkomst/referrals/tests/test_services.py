from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.models import AuditEntry
from velkomst.referrals import services
from velkomst.referrals.models import Referral, ReferralStatus

CPH = ZoneInfo("Europe/Copenhagen")


def test_send_to_own_unit_is_refused_naming_the_field(send, units):
    # REQ: COO-1
    with pytest.raises(ValidationError) as error:
        send(to_unit=units["integration"])
    assert "to_unit" in error.value.message_dict
    assert "egen enhed" in error.value.message_dict["to_unit"][0]
    assert not Referral.objects.exists()


def test_send_from_a_unit_the_sender_is_not_in_is_refused(send, units):
    # REQ: COO-1
    with pytest.raises(ValidationError) as error:
        send(from_unit=units["health"])
    assert "from_unit" in error.value.message_dict


def test_send_needs_what_is_asked(send):
    # REQ: COO-1
    with pytest.raises(ValidationError) as error:
        send(text="  ")
    assert "text" in error.value.message_dict


def test_send_is_audited_with_the_citizen_and_due_in_working_days(send, person):
    # REQ: COO-1
    referral = send()
    assert referral.status == ReferralStatus.NEW
    assert referral.owner is None
    row = AuditEntry.objects.get(object_type="referrals.Referral", action="create")
    assert row.person_id == person.pk
    # sent on a Friday: three working days later is the Wednesday
    assert services.answer_due_for(
        person.municipality, datetime(2026, 12, 4, 10, tzinfo=CPH)
    ) == date(2026, 12, 9)


def test_accept_gives_an_owner_of_the_receiving_unit(send, jobconsultant, staff):
    # REQ: COO-1
    referral = send()
    with pytest.raises(ValidationError) as error:
        services.referral_accept(
            actor=jobconsultant,
            referral=referral,
            owner=staff["housing_officer"],
            expected_version=referral.version,
        )
    assert "owner" in error.value.message_dict
    services.referral_accept(
        actor=jobconsultant, referral=referral, owner=None, expected_version=referral.version
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.owner == jobconsultant
    assert referral.answered_by == jobconsultant
    services.referral_done(
        actor=jobconsultant, referral=referral, result="Praktik aftalt", expected_version=2
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE


def test_only_the_receiving_unit_answers(send, caseworker):
    # REQ: COO-1
    referral = send()
    with pytest.raises(PermissionDenied):
        services.referral_accept(
            actor=caseworker, referral=referral, owner=caseworker, expected_version=1
        )


def test_return_needs_a_reason(send, jobconsultant):
    # REQ: COO-1
    referral = send()
    with pytest.raises(ValidationError) as error:
        services.referral_return(
            actor=jobconsultant, referral=referral, reason=" ", expected_version=1
        )
    assert "reason" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NEW
    services.referral_return(
        actor=jobconsultant,
        referral=referral,
        reason="Borgeren er allerede i praktik",
        expected_version=1,
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RETURNED
    assert referral.return_reason == "Borgeren er allerede i praktik"
    with pytest.raises(services.IllegalTransition):
        services.referral_accept(
            actor=jobconsultant, referral=referral, owner=None, expected_version=2
        )


def test_an_answer_on_a_stale_version_is_refused(send, jobconsultant):
    # REQ: COO-1
    from velkomst.core.errors import ConcurrentEditError

    referral = send()
    Referral.objects.filter(pk=referral.pk).update(version=2)
    with pytest.raises(ConcurrentEditError):
        services.referral_accept(
            actor=jobconsultant, referral=referral, owner=None, expected_version=1
        )


def test_unanswered_referral_is_overdue_on_both_units_worklists(
    send, caseworker, jobconsultant, staff
):
    # REQ: COO-1
    from velkomst.core import worklist

    referral = send()
    late = referral.answer_due.toordinal() + 1
    day = date.fromordinal(late)
    for user in (caseworker, jobconsultant):
        rows = [r for r in worklist.rows_for(user, day, 0) if r.key == f"referrals:{referral.pk}"]
        assert len(rows) == 1, user
        assert rows[0].state == "overdue"
    # a unit that neither sent nor received it does not see it
    assert not [
        r
        for r in worklist.rows_for(staff["housing_officer"], day, 0)
        if r.key.startswith("referrals")
    ]
    # answered, it leaves both worklists
    services.referral_accept(actor=jobconsultant, referral=referral, owner=None, expected_version=1)
    for user in (caseworker, jobconsultant):
        assert not [r for r in worklist.rows_for(user, day, 0) if r.key.startswith("referrals")]


def test_concern_reaches_the_children_and_family_unit_next_working_day(municipality, units, staff):
    # REQ: CIV-3
    coordinator = staff["volunteer_coordinator"]
    referral = services.concern_report(
        municipality=municipality,
        reporter_name="Hanne Frivillig",
        reporter_contact="22 33 44 55",
        child_description="Pige på ca. 8 år, familien på Storegade",
        text="Barnet virker bange for at gå hjem.",
        actor=coordinator,
    )
    assert referral.to_unit == units["children_family"]
    assert referral.from_unit == units["volunteer_centre"]
    assert referral.is_concern and referral.kind == "child_concern"
    sent = referral.sent_at.astimezone(CPH).date()
    from velkomst.engines.calendar import add_working_days

    assert referral.answer_due == add_working_days(sent, 1)
    assert AuditEntry.objects.filter(
        object_type="referrals.Referral", object_id=str(referral.pk), action="create"
    ).exists()
    # on the children and family unit's worklists once the day has passed
    from velkomst.core import worklist

    late = date.fromordinal(referral.answer_due.toordinal() + 1)
    rows = worklist.rows_for(staff["family_consultant"], late, 0)
    assert [r.person_id for r in rows if r.key == f"referrals:{referral.pk}"] == [0]


def test_concern_from_a_volunteer_link_without_staff_is_audited(municipality):
    # REQ: CIV-3
    referral = services.concern_report(
        municipality=municipality,
        reporter_name="Ali Frivillig",
        reporter_contact="ali@example.org",
        child_description="Dreng, 5 år",
        text="Kommer ofte sulten til lektiehjælp.",
        volunteer_id=17,
    )
    row = AuditEntry.objects.get(object_type="referrals.Referral", object_id=str(referral.pk))
    assert row.actor_id is None and "Ali Frivillig" in row.actor_label
    assert referral.volunteer_id == 17


def test_concern_names_the_missing_field(municipality):
    # REQ: CIV-3
    with pytest.raises(ValidationError) as error:
        services.concern_report(
            municipality=municipality, reporter_name="", reporter_contact="", text=""
        )
    assert {"reporter_name", "reporter_contact", "text", "child_description"} <= set(
        error.value.message_dict
    )
    assert not Referral.objects.exists()


def test_concern_deadline_is_configurable(municipality):
    # REQ: CIV-3
    from velkomst.core.models import MunicipalityConfig

    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2020, 1, 1),
        values={"concern_answer_days": 2},
    )
    referral = services.concern_report(
        municipality=municipality,
        reporter_name="A",
        reporter_contact="B",
        child_description="C",
        text="D",
    )
    from velkomst.engines.calendar import add_working_days

    assert referral.answer_due == add_working_days(referral.sent_at.astimezone(CPH).date(), 2)


def test_withdrawn_consent_stops_a_referral_from_sharing_from_that_moment(
    send, caseworker, jobconsultant, person, units, logged_in, household
):
    # REQ: COO-1
    # REQ: COO-4
    from django.urls import reverse

    from velkomst.consent import services as consent_services
    from velkomst.consent.models import Disclosure

    household.units.add(units["jobcentre"])
    # without consent nothing is shared and nothing is written
    with pytest.raises(ValidationError) as error:
        send(shared=["share.contact"])
    assert "shared" in error.value.message_dict
    assert "Amal Haddad" in error.value.message_dict["shared"][0]
    assert not Referral.objects.exists() and not Disclosure.objects.exists()

    (given,) = consent_services.consent_record(
        actor=caseworker,
        person=person,
        purposes=["share.contact"],
        given_on=date(2026, 6, 1),
        units=[units["jobcentre"]],
    )
    # covered for the job centre: shared once, with a disclosure
    referral = send(shared=["share.contact", "share.contact"])
    assert referral.shared == ["share.contact"]
    assert Disclosure.objects.filter(person=person, purpose="share.contact").count() == 1
    # not covered for another unit: refused
    with pytest.raises(ValidationError):
        send(to_unit=units["health"], shared=["share.contact"])
    # the receiving unit sees the shared data while the consent covers it
    page = logged_in(jobconsultant).get(reverse("referral-detail", args=[referral.pk]))
    assert 'data-testid="withdrawn"' not in page.content.decode()

    consent_services.consent_withdraw(
        actor=caseworker, consent=given, expected_version=given.version
    )
    # from that moment: the sent referral no longer shows it, and no new referral shares it
    page = logged_in(jobconsultant).get(reverse("referral-detail", args=[referral.pk]))
    assert 'data-testid="withdrawn"' in page.content.decode()
    with pytest.raises(ValidationError) as error:
        send(shared=["share.contact"])
    assert "shared" in error.value.message_dict
    assert Referral.objects.count() == 1
    assert Disclosure.objects.filter(person=person).count() == 1
    # a referral that shares nothing is still possible
    assert send().shared == []
