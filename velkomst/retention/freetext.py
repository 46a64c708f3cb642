"""The free text about a person in every app, and what anonymising the person does to it (SEC-4).

Anonymisation "replaces names, CPR, addresses, free text and files" and keeps the dated facts
and counts the management information computes from (``velkomst.indicators``,
``velkomst.insight``). Each free-text field of a model that refers to a person, a household or a
case (directly or through its parent records) is in exactly one place here:

- ``ANONYMISED``: replaced by ``[anonymiseret]`` when a person (or their household) is
  anonymised (an empty field stays empty, so whether a text was given is kept);
- ``OWN``: erased by a record kind's own handler (``erasure``: the person's names and CPR, the
  household's name and address, journal notes, phase and assignment reasons);
- ``KEPT``: kept, with the reason (a company, institution or trade the indicators group by, a
  public authority, an administrator's own record).

A guard test (``retention/tests/test_freetext.py``) walks the app registry and fails for a text
field of such a model that is in none of them, so a new field cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q

ANONYMISED_TEXT = "[anonymiseret]"


@dataclass(frozen=True)
class Text:
    """Free-text ``fields`` of ``model``; its rows are a person's through the lookup ``person``
    (to the person's id) and/or a household's through ``household``."""

    model: str
    fields: tuple[str, ...]
    person: str = ""
    household: str = ""


ANONYMISED: tuple[Text, ...] = (
    Text(
        "reception.PlanTask",
        ("added_reason", "note", "done_note", "not_relevant_reason", "removed_reason"),
        person="person",
        household="plan__household",
    ),
    Text("families.ChildPlacement", ("note",), person="person"),
    Text("families.FamilyMeasure", ("measure",), person="child", household="household"),
    Text(
        "appointments.Appointment",
        ("external_participants", "notes", "status_reason"),
        household="household",
    ),
    Text("appointments.ContactLog", ("topic_text", "note"), household="household"),
    Text("interpreting.Booking", ("note",), household="appointment__household"),
    Text("housing.HousingNeed", ("wishes",), household="household"),
    Text("housing.Placement", ("note",), household="household"),
    Text("housing.PlacementSuggestion", ("decision_note",), household="household"),
    Text("hosts.LodgingProfile", ("note",), household="household"),
    Text("hosts.Meeting", ("outcome_note",), household="household"),
    Text("associations.AllocationLine", ("note",), household="household"),
    Text(
        "neighbours.NeighbourReport",
        ("address", "description", "resolution"),
        household="household",
    ),
    Text("neighbours.ReportEvent", ("text",), household="report__household"),
    Text("programme.IntegrationPlan", ("direction_reason",), person="person"),
    Text("programme.IntegrationContract", ("refusal_reason",), person="person"),
    Text("programme.Activity", ("note",), person="plan__person"),
    Text("programme.SupportMeasure", ("note",), person="plan__person"),
    Text("competences.EducationRecord", ("field", "institution"), person="person"),
    Text("competences.WorkExperience", ("title", "employer"), person="person"),
    Text("competences.TradeInterest", ("title",), person="person"),
    Text("competences.QualificationRecognition", ("qualification",), person="person"),
    Text("consent.Consent", ("note", "withdrawal_note"), person="person"),
    Text("health.HealthAssessment", ("conclusion",), person="person"),
    Text("health.HealthReferral", ("note",), person="person"),
    Text("health.Barrier", ("description", "measure"), person="person"),
    Text("health.CareCoordination", ("goal",), person="person", household="household"),
    Text(
        "health.CoordinatedMeasure",
        ("measure",),
        person="coordination__person",
        household="coordination__household",
    ),
    Text("companies.Proposal", ("answer_reason", "result_reason"), person="person"),
    Text("companies.EventMeeting", ("note",), person="person"),
    Text("roundtables.RoundTable", ("title",), person="person", household="household"),
    Text(
        "roundtables.Participant",
        ("name",),
        person="round_table__person",
        household="round_table__household",
    ),
    Text(
        "roundtables.AgendaItem",
        ("title", "notes"),
        person="round_table__person",
        household="round_table__household",
    ),
    Text(
        "roundtables.Decision",
        ("text",),
        person="item__round_table__person",
        household="item__round_table__household",
    ),
    Text(
        "roundtables.FollowUp",
        ("text",),
        person="round_table__person",
        household="round_table__household",
    ),
    Text(
        "roundtables.MinutesSent",
        ("recipient",),
        person="round_table__person",
        household="round_table__household",
    ),
    Text(
        "volunteers.Volunteer",
        ("name", "email", "phone", "about", "decision_reason"),
        person="person",
    ),
    Text("volunteers.Offer", ("description",), person="volunteer__person"),
    Text("volunteers.Diploma", ("activities",), person="volunteer__person"),
    Text(
        "referrals.Referral",
        (
            "text",
            "return_reason",
            "result",
            "reporter_name",
            "reporter_contact",
            "child_description",
        ),
        person="person",
    ),
    Text("pairings.Wish", ("note",), household="household"),
    Text("pairings.Match", ("decline_reason", "end_note"), household="household"),
    Text("community.Invitation", ("address",), person="person"),
    Text("community.FreeMembership", ("volunteering",), person="person"),
    Text("community.Participation", ("note",), person="person"),
    Text("community.AssociationContact", ("note",), person="person"),
    Text("surveys.Response", ("comment",), person="invitation__person"),
    Text("questions.Question", ("subject", "text", "answer", "notify_to"), person="person"),
    Text("questions.Attachment", ("original_name",), person="question__person"),
    Text("handover.Handover", ("new_address", "return_reason"), household="household"),
)

# erased by the record kinds' own handlers in ``erasure``
OWN: dict[str, tuple[str, ...]] = {
    "people.Person": ("first_name", "last_name", "search_name"),
    "people.Household": ("name", "asylum_centre", "address"),
    "people.JournalNote": ("text",),
    "people.PhaseTransition": ("reason",),
    "people.CaseAssignment": ("reason",),
}

_COMPANY = "a company or employer, not the citizen; the indicators count the employment by it"
_INSTITUTION = "an institution or school; the places indicators (MI-5) group by it"
_TEMPLATE = "the task's name and instructions from the reception template, not about the person"
_PLACE = "where a meeting is held (an office, a workplace), not the citizen's address"
_AUTHORITY = "the public authority that decided, not the citizen"

KEPT: dict[str, dict[str, str]] = {
    "reception.PlanTask": {"title": _TEMPLATE, "description": _TEMPLATE},
    "families.ChildPlacement": {"institution_name": _INSTITUTION},
    "families.FamilyMeasure": {
        "responsible": "the unit or organisation responsible for the measure, not the citizen"
    },
    "appointments.Appointment": {"place": _PLACE},
    "hosts.Meeting": {"place": _PLACE},
    "neighbours.NeighbourReport": {
        "reporter_name": "the reporter's own contact data, erased by the public-report kind's rule",
        "reporter_email": "the reporter's own contact data, erased by the public-report kind's rule",
    },
    "programme.PlanGoal": {
        "trade_label": "the goal's trade from the occupation code list, counted by the indicators",
        "education": "the goal's education, a fact the indicators count (education-directed plans)",
    },
    "programme.Activity": {
        "provider_name": "the company or school providing the activity; economy (MI-4) by it"
    },
    "outcomes.Employment": {"employer_name": _COMPANY},
    "outcomes.EducationOutcome": {"institution": _INSTITUTION, "programme": _INSTITUTION},
    "outcomes.DerivedGrant": {
        "evidence": "derived data, no text of its own: the engine's ids, dates and hours, and an "
        "education's programme and institution copied from outcomes.EducationOutcome (kept there "
        "as an institution); derived afresh from the facts each day and on each write of them, "
        "and deleted with the person (FK cascade)"
    },
    "outcomes.ResultGrantClaim": {
        "reference": "the state's reference of the grant claim, kept with the grant's accounts"
    },
    "competences.QualificationRecognition": {"authority": _AUTHORITY},
    "consent.Disclosure": {
        "recipient": "who received the data: the record of a disclosure is kept for accountability",
        "context": "which page or purpose disclosed it (a code)",
    },
    "health.HealthAssessment": {"doctor": "the examining doctor, not the citizen"},
    "roundtables.Participant": {
        "organisation": "a participant's organisation, not the citizen",
        "role": "a participant's role (caseworker, teacher), not the citizen",
    },
    "volunteers.Volunteer": {
        "association_name": "the association the volunteer comes from, not the citizen"
    },
    "volunteers.VolunteerHours": {
        "activity": "what the hours were given for; counted by the volunteer indicators"
    },
    "citizen.Invitation": {"code_hash": "a hash of a one-time code, no text about the citizen"},
    "questions.Attachment": {
        "stored_name": "a random file name in the private storage; the document kind removes the "
        "file with the attachment"
    },
    "retention.LegalHold": {
        "reason": "the hold's own justification, an administrator's record kept with the hold",
        "lift_reason": "the lifting's justification, an administrator's record kept with the hold",
    },
}


def _replacement(model: type, name: str) -> str:
    """``[anonymiseret]``, not an empty text: that a reason was given is itself a fact some
    records count (a task's "not relevant" reason decides its deadline state); empty only where
    the field is too short for it."""
    max_length = model._meta.get_field(name).max_length  # type: ignore[attr-defined]
    return ANONYMISED_TEXT if max_length is None or max_length >= len(ANONYMISED_TEXT) else ""


# the files about persons that anonymising them removes (an app with stored files registers a
# function from its ``ready``: the questions' attachments), each given the persons' ids
_FILES: list[Callable[[list[int]], object]] = []


def register_files(remove: Callable[[list[int]], object]) -> None:
    """``remove(person_ids)`` deletes these persons' stored files (after the batch commits)."""
    if remove not in _FILES:
        _FILES.append(remove)


def anonymise(*, person_ids: Iterable[int], household_ids: Iterable[int]) -> int:
    """Clear every ``ANONYMISED`` field of the rows that are these persons' or these
    households', and remove the persons' files; returns how many rows changed (a row counted
    once per field)."""
    persons, households = list(person_ids), list(household_ids)
    for remove in _FILES:
        if persons:
            remove(persons)
    changed = 0
    for text in ANONYMISED:
        model = apps.get_model(text.model)
        where = Q(pk__in=[])
        if text.person and persons:
            where |= Q(**{f"{text.person}__in": persons})
        if text.household and households:
            where |= Q(**{f"{text.household}__in": households})
        rows = model._default_manager.filter(where)
        for name in text.fields:
            value = _replacement(model, name)
            changed += (
                rows.exclude(**{name: value})
                .exclude(**{name: ""})
                .exclude(**{f"{name}__isnull": True})
                .update(**{name: value})
            )
    return changed
