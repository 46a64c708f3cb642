"""Events, reminders, free memberships and participation (CIV-4, CIV-5, CHI-4)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from velkomst.community import selectors, services
from velkomst.community.models import Invitation, Participation
from velkomst.core.models import AuditEntry
from velkomst.engines.calendar import add_months


def test_reminder_is_sent_once_the_day_before_through_the_console_backend(
    coordinator, event, amal, omar, lina, today, capsys, settings
):
    # REQ: CIV-4
    settings.VELKOMST_NOTIFICATION_BACKEND = "velkomst.core.notify.ConsoleBackend"
    services.invite(
        actor=coordinator, event=event, persons=[amal], channel="sms", address="+45 20 11 22 33"
    )
    services.invite(
        actor=coordinator,
        event=event,
        persons=[omar],
        channel="email",
        address="omar@example.dk",
        language="da",  # chosen: Danish, though Omar speaks Arabic
    )
    services.invite(actor=coordinator, event=event, persons=[lina])  # a letter: no reminder
    capsys.readouterr()

    # two days before: nothing is due yet
    assert services.send_reminders(day=today - timedelta(days=1)).sent == 0
    assert capsys.readouterr().out == ""

    result = services.send_reminders(day=today)
    out = capsys.readouterr().out
    assert (result.sent, result.skipped) == (2, 1)
    assert "[sms] to +45 20 11 22 33" in out
    assert "غدًا" in out  # Amal's reminder is in Arabic, her own language
    assert "[email] to omar@example.dk: Påmindelse: Sprogcafé på biblioteket i morgen" in out
    assert "16.00" in out
    sent = Invitation.objects.filter(event=event, reminder_sent_at__isnull=False)
    assert {i.person_id for i in sent} == {amal.pk, omar.pk}

    # a second run (the command, or the task) sends nothing more
    call_command("send_event_reminders", "--date", today.isoformat())
    out = capsys.readouterr().out
    assert "[sms]" not in out and "[email]" not in out
    assert "0 reminder(s) sent" in out


def test_a_cancelled_invitation_gets_no_reminder(coordinator, event, amal, today, capsys):
    # REQ: CIV-4
    (invitation,) = services.invite(
        actor=coordinator, event=event, persons=[amal], channel="sms", address="20112233"
    )
    services.invitation_update(
        actor=coordinator, invitation=invitation, expected_version=1, attendance="cancelled"
    )
    capsys.readouterr()
    assert services.send_reminders(day=today).sent == 0
    assert "20112233" not in capsys.readouterr().out


def test_invitation_in_the_persons_language_else_danish(coordinator, event, amal, lina):
    # REQ: CIV-4
    invitations = services.invite(actor=coordinator, event=event, persons=[amal, lina])
    by_person = {i.person_id: i.language for i in invitations}
    assert by_person == {amal.pk: "ar", lina.pk: "da"}
    assert all(i.channel == "letter" for i in invitations)
    assert AuditEntry.objects.filter(person_id=amal.pk, action="create").exists()


def test_invitations_stop_at_capacity_and_twice_is_refused(coordinator, event, seen, amal):
    # REQ: CIV-4
    services.invite(actor=coordinator, event=event, persons=[amal])
    with pytest.raises(ValidationError) as error:
        services.invite(actor=coordinator, event=event, persons=[amal])
    assert "Allerede inviteret: Amal Haddad" in str(error.value.message_dict["persons"])
    event.capacity = 2
    event.save()
    with pytest.raises(ValidationError) as error:
        services.invite(
            actor=coordinator, event=event, persons=list(seen.members.exclude(pk=amal.pk))
        )
    assert "1 ledige pladser" in str(error.value.message_dict["persons"])
    assert Invitation.objects.filter(event=event).count() == 1  # nothing half-written


def test_sms_invitation_needs_a_number(coordinator, event, amal):
    # REQ: CIV-4
    with pytest.raises(ValidationError) as error:
        services.invite(actor=coordinator, event=event, persons=[amal], channel="sms")
    assert "address" in error.value.message_dict


def test_attendance_is_recorded_by_the_events_organiser_only(coordinator, caseworker, event, amal):
    # REQ: CIV-4
    (invitation,) = services.invite(actor=caseworker, event=event, persons=[amal])
    with pytest.raises(PermissionDenied):
        services.invitation_update(
            actor=caseworker, invitation=invitation, expected_version=1, attendance="attended"
        )
    services.invitation_update(
        actor=coordinator, invitation=invitation, expected_version=1, attendance="attended"
    )
    invitation.refresh_from_db()
    assert invitation.attendance == "attended"
    assert invitation.version == 2


def test_dialogue_meeting_tied_to_a_housing_area(coordinator, today, municipality):
    # REQ: CIV-4
    from velkomst.housing.models import Area

    area = Area.objects.create(municipality=municipality, name="Nexø")
    event = services.event_create(
        actor=coordinator,
        kind="dialogue",
        title="Dialogmøde i Nexø",
        held_on=today + timedelta(days=20),
        starts_at=time(19, 0),
        place="Nexø Forsamlingshus",
        organiser="Nexø Borgerforening",
        area=area,
    )
    assert event.area == area
    with pytest.raises(ValidationError) as error:
        services.event_update(
            actor=coordinator, event=event, expected_version=1, ends_at=time(18, 0)
        )
    assert "ends_at" in error.value.message_dict


def test_free_membership_over_six_months_is_refused(coordinator, club, amal, today):
    # REQ: CIV-5
    start = today
    with pytest.raises(ValidationError) as error:
        services.free_membership_create(
            actor=coordinator,
            association=club,
            person=amal,
            starts_on=start,
            ends_on=add_months(start, 6) + timedelta(days=1),
            volunteering="Træner for U10 pigerne",
        )
    message = error.value.message_dict["ends_on"][0]
    assert "højst vare 6 måneder" in message
    membership = services.free_membership_create(
        actor=coordinator,
        association=club,
        person=amal,
        starts_on=start,
        ends_on=add_months(start, 6),
        volunteering="Træner for U10 pigerne",
    )
    assert membership.pk
    with pytest.raises(ValidationError) as error:
        services.free_membership_create(
            actor=coordinator,
            association=club,
            person=amal,
            starts_on=start,
            ends_on=start - timedelta(days=1),
            volunteering="x",
        )
    assert "ends_on" in error.value.message_dict


def _participate(actor, person, club, started, ended=None):
    return services.participation_create(
        actor=actor, person=person, association=club, started_on=started, ended_on=ended
    )


def test_continuity_counts_after_three_and_six_months(coordinator, club, amal, omar, lina, today):
    # REQ: CIV-5
    _participate(coordinator, amal, club, today - timedelta(days=250))  # active all along
    # Omar stopped after two months: not kept at 3 nor at 6 months
    _participate(coordinator, omar, club, today - timedelta(days=250), today - timedelta(days=190))
    _participate(coordinator, lina, club, today - timedelta(days=30))  # too recent to count
    counts = selectors.participation_counts(coordinator, day=today)
    total = counts.total
    assert total.persons == 3
    assert total.active == 2
    assert (total.milestones[3].due, total.milestones[3].kept) == (2, 1)
    assert (total.milestones[6].due, total.milestones[6].kept) == (2, 1)


def test_a_change_of_club_is_no_break_in_continuity(coordinator, club, amal, today):
    # REQ: CIV-5
    other = services.association_create(actor=coordinator, name="Rønne Svømmeklub")
    start = today - timedelta(days=300)
    _participate(coordinator, amal, club, start, add_months(start, 2))
    _participate(coordinator, amal, other, add_months(start, 2) + timedelta(days=1))
    counts = selectors.participation_counts(coordinator, day=today)
    assert counts.total.persons == 1
    assert counts.total.milestones[3].kept == 1
    assert counts.total.milestones[6].kept == 1


def test_gender_balance_counts_girls_boys_women_and_men(
    coordinator, caseworker, club, amal, omar, lina, today
):
    # REQ: CIV-5
    # REQ: CHI-4
    from conftest import member
    from velkomst.core.models import Unit
    from velkomst.people.services import household_create

    other = household_create(
        acting_user=caseworker,
        name="Familien Tesfay",
        visitation_date=today - timedelta(days=400),
        members=[
            member(first_name="Selam", last_name="Tesfay", nationality="ER"),
            member(
                first_name="Dawit",
                last_name="Tesfay",
                birth_date=today.replace(year=today.year - 12),
                sex="M",
                relation="child",
                languages=[],
            ),
        ],
    )
    other.units.set(Unit.objects.filter(municipality=other.municipality))
    dawit = other.members.get(first_name="Dawit")
    start = today - timedelta(days=120)
    for person in (amal, omar, lina, dawit):
        _participate(coordinator, person, club, start)
    services.participation_update(
        actor=coordinator,
        participation=Participation.objects.get(person=dawit),
        expected_version=1,
        ended_on=start + timedelta(days=30),
    )
    groups = {g.group: g for g in selectors.participation_counts(coordinator, day=today).groups}
    shown = {k: (g.persons, g.active, g.milestones[3].kept) for k, g in groups.items()}
    assert shown == {
        "girls": (1, 1, 1),
        "boys": (1, 0, 0),
        "women": (1, 1, 1),
        "men": (1, 1, 1),
        "other": (0, 0, 0),
    }


def test_childs_leisure_on_the_household_page_with_continuity(
    staff, seen, lina, club, today, logged_in
):
    # REQ: CHI-4
    consultant = staff["family_consultant"]
    football = club.activities.get()
    services.participation_create(
        actor=consultant,
        person=lina,
        association=club,
        activity=football,
        started_on=today - timedelta(days=100),
    )
    (row,) = selectors.leisure_of(user=consultant, household=seen, day=today)
    assert (row.after_3, row.after_6) == (True, None)
    page = logged_in(consultant).get(f"/households/{seen.pk}/leisure/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lina Haddad" in html and "Pigefodbold" in html
    assert "Ikke endnu" in html


def test_participation_starts_not_in_the_future(coordinator, club, amal, today):
    # REQ: CIV-5
    with pytest.raises(ValidationError) as error:
        _participate(coordinator, amal, club, today + timedelta(days=1))
    assert "started_on" in error.value.message_dict
    assert not Participation.objects.exists()


def test_another_municipality_cannot_touch_the_event(other_caseworker, event, other_household):
    with pytest.raises(PermissionDenied):
        services.invite(
            actor=other_caseworker, event=event, persons=list(other_household.members.all())
        )


def _consent(actor, person, day):
    from velkomst.consent import services as consent_services

    (consent,) = consent_services.consent_record(
        actor=actor, person=person, purposes=["contact.association"], given_on=day
    )
    return consent


def test_passing_a_citizen_to_an_association_needs_consent_at_that_moment(
    coordinator, caseworker, club, amal, today
):
    # REQ: CIV-5
    from velkomst.community.models import AssociationContact
    from velkomst.consent import services as consent_services
    from velkomst.consent.models import Disclosure

    with pytest.raises(ValidationError) as error:
        services.association_contact_create(actor=coordinator, association=club, person=amal)
    assert "Amal Haddad har ikke givet samtykke" in error.value.message_dict["person"][0]
    assert not AssociationContact.objects.exists() and not Disclosure.objects.exists()

    consent = _consent(caseworker, amal, today)
    services.association_contact_create(actor=coordinator, association=club, person=amal)
    assert AssociationContact.objects.count() == 1
    assert Disclosure.objects.get().recipient == "Rønne Boldklub"

    consent_services.consent_withdraw(actor=caseworker, consent=consent, expected_version=1)
    with pytest.raises(ValidationError):
        services.association_contact_create(actor=coordinator, association=club, person=amal)
    assert AssociationContact.objects.count() == 1


def test_an_associations_event_invites_only_citizens_who_consent(
    coordinator, caseworker, club, amal, omar, today
):
    # REQ: CIV-4
    event = services.event_create(
        actor=coordinator,
        kind="association_day",
        title="Foreningsdag",
        held_on=today + timedelta(days=30),
        starts_at=time(10, 0),
        place="Idrætshallen",
        organiser="Rønne Boldklub",
        association=club,
    )
    _consent(caseworker, amal, today)
    with pytest.raises(ValidationError) as error:
        services.invite(actor=coordinator, event=event, persons=[amal, omar])
    assert "Omar Haddad har ikke givet samtykke" in error.value.message_dict["persons"][0]
    assert not Invitation.objects.filter(event=event).exists()
    (invitation,) = services.invite(actor=coordinator, event=event, persons=[amal])
    assert invitation.person == amal
