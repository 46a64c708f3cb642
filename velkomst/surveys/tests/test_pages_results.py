"""Survey pages (CIT-2): the caseworker types in a paper form's answers or a decline from the
person's page (audited); the results page shows each question's distribution and average per
moment with small counts hidden (MI-6), to managers, administrators and caseworkers only."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from velkomst.core.models import AuditEntry
from velkomst.people.models import Household
from velkomst.people.services import household_create
from velkomst.surveys import selectors, services
from velkomst.surveys.models import Invitation, Status

from .conftest import ARRIVAL, THREE_MONTHS


def test_the_caseworker_types_in_a_paper_form_from_the_persons_page(sent, caseworker, logged_in):
    # REQ: CIT-2
    client = logged_in(caseworker)
    invitation = sent["Amal"]
    person_page = client.get(reverse("person-detail", args=[invitation.person_id]))
    assert reverse("survey-person", args=[invitation.person_id]) in person_page.content.decode()
    page = client.get(reverse("survey-person", args=[invitation.person_id]))
    assert "Tre måneder efter ankomst" in page.content.decode()
    url = reverse("survey-answer", args=[invitation.pk])
    form = client.get(url)
    assert form.status_code == 200 and "Jeg har følt mig velkommen" in form.content.decode()
    bad = client.post(url, {"version": invitation.version, "answered_on": "", "welcome": "4"})
    assert bad.status_code == 422
    done = client.post(
        url,
        {
            "version": invitation.version,
            "answered_on": (THREE_MONTHS + timedelta(days=2)).isoformat(),
            "welcome": "5",
            "caseworker": "4",
        },
    )
    assert done.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Status.ANSWERED
    assert AuditEntry.objects.filter(
        object_type="surveys.Invitation", action="view", person_id=invitation.person_id
    ).exists()
    omar = sent["Omar"]
    declined = client.post(reverse("survey-decline", args=[omar.pk]), {"version": omar.version})
    assert declined.status_code == 302
    omar.refresh_from_db()
    assert omar.status == Status.DECLINED


def test_only_the_roles_that_follow_up_record_and_read_results(sent, staff, logged_in):
    # REQ: CIT-2
    invitation = sent["Amal"]
    for role, code in (("housing_officer", 403), ("job_consultant", 403)):
        client = logged_in(staff[role])
        assert client.get(reverse("survey-answer", args=[invitation.pk])).status_code == code
        assert client.get(reverse("survey-results")).status_code == 403
    for role in ("manager", "administrator", "caseworker"):
        assert logged_in(staff[role]).get(reverse("survey-results")).status_code == 200


def _many_adults(caseworker, n):
    from conftest import member

    household = household_create(
        acting_user=caseworker,
        name="Mange voksne",
        visitation_date=date(2025, 5, 15),
        expected_arrival_date=ARRIVAL,
        members=[
            member(first_name=f"Voksen{i}", relation="head" if i == 0 else "other")
            for i in range(n)
        ],
    )
    Household.objects.filter(pk=household.pk).update(arrival_date=ARRIVAL)
    return household


def test_results_show_distributions_and_averages_with_small_counts_hidden(caseworker, staff):
    # REQ: CIT-2, MI-6
    _many_adults(caseworker, 7)
    services.invitations_send(day=THREE_MONTHS)
    invitations = list(Invitation.objects.order_by("pk"))
    assert len(invitations) == 7
    for invitation in invitations[:6]:
        services.answer_record(
            actor=caseworker,
            invitation=invitation,
            expected_version=invitation.version,
            answers={"welcome": "4", "contact_danes": "yes" if invitation.pk % 2 else "no"},
        )
    last = invitations[6]
    services.decline_record(actor=caseworker, invitation=last, expected_version=last.version)
    found = selectors.results(
        user=staff["manager"], start=THREE_MONTHS, end=THREE_MONTHS + timedelta(days=60)
    )
    (moment,) = found.moments
    assert moment.moment == "three_months" and moment.invited == 7
    rates = {c.label: c for c in moment.statuses}
    assert rates["Afslået"].hidden == "<5"  # one decline
    assert rates["Besvaret"].hidden == "–"  # else 7 - 6 gives the one away
    questions = {q.key: q for q in moment.questions}
    welcome = questions["welcome"]
    assert welcome.answered == 6 and welcome.average == 4
    assert {c.label: c.count for c in welcome.cells}["Enig"] == 6
    danes = {c.label: c for c in questions["contact_danes"].cells}
    assert all(c.hidden for c in danes.values())  # 3 and 3: each under 5
    assert questions["caseworker"].answered is None or questions["caseworker"].answered == 0


def test_the_answers_feed_the_own_experience_indicator(sent, caseworker, municipality):
    # REQ: CIT-2
    from velkomst.indicators.labels import group_label
    from velkomst.indicators.library import REGISTRY, Scope

    amal, omar = sent["Amal"], sent["Omar"]
    services.answer_record(
        actor=caseworker,
        invitation=amal,
        expected_version=amal.version,
        answers={"welcome": "5", "know_help": "4", "caseworker": "3", "contact_danes": "no"},
    )
    services.answer_record(
        actor=caseworker,
        invitation=omar,
        expected_version=omar.version,
        answers={"welcome": "2", "know_help": "3"},
    )
    today = THREE_MONTHS + timedelta(days=400)
    result = REGISTRY["refugees_own_experience"].compute(
        municipality, Scope(start=THREE_MONTHS, end=today)
    )
    assert (result.total.population, result.total.numerator) == (2, 1)  # Amal 4.0, Omar 2.5
    assert result.person_ids(counted=True) == [amal.person_id]
    assert set(result.groups["moment"]) == {"three_months"}
    assert group_label("refugees_own_experience", "moment", "three_months") == (
        "Tre måneder efter ankomst"
    )


def test_the_apis_literals_are_the_models_values():
    # REQ: CIT-2
    from typing import get_args

    from velkomst.api.routers.surveys import SurveyMoment, SurveyStatus
    from velkomst.surveys.models import Moment

    assert set(get_args(SurveyMoment)) == set(Moment.values)
    assert set(get_args(SurveyStatus)) == set(Status.values)
