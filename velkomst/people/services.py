"""Writes for households, persons, cases and notes. Each runs in one transaction with its audit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit, bulk, moved
from velkomst.core.config import config_values_on
from velkomst.core.dates import DateCheck, refuse_impossible_dates
from velkomst.core.models import (
    AuditAction,
    StaffUser,
    Unit,
    UnitKind,
)
from velkomst.core.versioning import save_versioned
from velkomst.engines.calendar import programme_end, takeover_date
from velkomst.engines.life import birthday

from . import search
from .models import (
    ARRIVAL_REASON,
    CASE_OPENED_REASON,
    COMING_OF_AGE_REASON,
    AssignmentKind,
    Case,
    CaseAssignment,
    EndReason,
    Household,
    JournalNote,
    Person,
    PersonLanguage,
    Phase,
    PhaseTransition,
)
from .validators import cpr_birth_date, normalise_cpr

# The declared pipeline of case phases (REC-6): from -> allowed next phases.
PHASES: dict[str, list[str]] = {
    Phase.PRE_ARRIVAL: [Phase.RECEPTION, Phase.ENDED],
    Phase.RECEPTION: [Phase.PROGRAMME, Phase.ENDED],
    Phase.PROGRAMME: [Phase.ENDED],
    Phase.ENDED: [],
}
MAX_CONTACT_PERSONS = 2  # REC-5 (KL Viborg): at most two contact persons in the municipality
ADULT_AGE = 18  # integrationsloven covers persons aged 18 and over


class IllegalPhaseTransition(Exception):
    def __init__(self, from_phase: str, to_phase: str) -> None:
        super().__init__(f"a case cannot go from {from_phase} to {to_phase}")
        self.from_phase, self.to_phase = from_phase, to_phase

    @property
    def message(self) -> str:
        """What the reader is told, in their language, with the phases' labels."""
        names = dict(Phase.choices)
        return _("Sagen kan ikke gå fra fasen %(from)s til %(to)s.") % {
            "from": names.get(self.from_phase, self.from_phase),
            "to": names.get(self.to_phase, self.to_phase),
        }


class EndReasonRequired(Exception):
    """Ending a case needs one of the end reasons."""

    @property
    def message(self) -> str:
        return _("Vælg hvorfor sagen afsluttes: %(reasons)s.") % {
            "reasons": ", ".join(str(label) for label in EndReason.labels)
        }


class TooManyContactPersons(Exception):
    @property
    def message(self) -> str:
        return _("En borger kan højst have to kontaktpersoner. Fjern en først.")


class NotSameMunicipality(Exception):
    """A staff member or unit of another municipality cannot be linked to this case."""

    @property
    def message(self) -> str:
        return _("Medarbejdere og enheder skal høre til din kommune.")


def _check_may_hold(staff: StaffUser, roles: frozenset[str], field_name: str) -> None:
    """Refuse a staff member whose role may not hold the case this way (REC-5)."""
    if staff.role not in roles:
        raise ValidationError(
            {
                field_name: _("%(name)s er %(role)s og kan ikke have denne rolle på sagen.")
                % {
                    "name": staff.get_full_name() or staff.username,
                    "role": staff.get_role_display(),
                }
            }
        )


@dataclass
class LanguageData:
    language: str
    proficiency: str
    interpreter_needed: bool = False


@dataclass
class MemberData:
    first_name: str
    last_name: str
    birth_date: date
    sex: str
    nationality: str
    residence_basis: str
    relation: str
    cpr: str = ""
    languages: list[LanguageData] = field(default_factory=list)


def _check_same_municipality(acting_user: StaffUser, *others: StaffUser | Unit | None) -> None:
    for other in others:
        if other is not None and other.municipality_id != acting_user.municipality_id:
            raise NotSameMunicipality()


@dataclass
class HouseholdData:
    """One household to register: ``household_create``'s arguments, for the bulk service."""

    name: str
    members: list[MemberData]
    visitation_date: date
    expected_arrival_date: date | None = None
    arrival_date: date | None = None
    asylum_centre: str = ""
    address: str = ""
    caseworker: StaffUser | None = None


def household_create(
    *,
    acting_user: StaffUser,
    name: str,
    members: list[MemberData],
    visitation_date: date,
    expected_arrival_date: date | None = None,
    arrival_date: date | None = None,
    asylum_centre: str = "",
    address: str = "",
    caseworker: StaffUser | None = None,
    channel: str = "web",
) -> Household:
    """Register a household and its members; every adult gets a case in the first phase.

    One household through ``households_create_bulk`` (one transaction)."""
    data = HouseholdData(
        name=name,
        members=members,
        visitation_date=visitation_date,
        expected_arrival_date=expected_arrival_date,
        arrival_date=arrival_date,
        asylum_centre=asylum_centre,
        address=address,
        caseworker=caseworker,
    )
    return households_create_bulk([data], acting_user=acting_user, channel=channel)[0]


@transaction.atomic
def households_create_bulk(
    households: Sequence[HouseholdData], *, acting_user: StaffUser, channel: str = "web"
) -> list[Household]:
    """Register households and their members; every adult gets a case in the first phase.

    All in one transaction, with one bulk insert per table whatever the number of households (a
    visitation file, REC-1; on SQLite Django splits a bulk_create into statements of at most
    999 parameters). Returns the households in the order given. The audit entries are those of
    registering each household on its own, in the same order: the household, then each member,
    followed by the member's case if an adult.
    """
    access.require(acting_user, access.HOUSEHOLD_CREATE)
    assert acting_user.municipality is not None
    municipality = acting_user.municipality
    _refuse_impossible_registrations(households)
    default_caseworker = acting_user if acting_user.role == "caseworker" else None
    caseworkers = [data.caseworker or default_caseworker for data in households]
    _check_same_municipality(acting_user, *caseworkers)
    if not households:
        return []

    created = bulk.insert_objects(
        [
            Household(
                municipality=municipality,
                name=data.name,
                expected_arrival_date=data.expected_arrival_date,
                arrival_date=data.arrival_date,
                asylum_centre=data.asylum_centre,
                address=data.address,
            )
            for data in households
        ]
    )
    # the acting user's units and the municipality's integration unit(s)
    unit_ids = dict.fromkeys(
        [unit.pk for unit in acting_user.units.all()]
        + list(
            Unit.objects.filter(municipality=municipality, kind=UnitKind.INTEGRATION).values_list(
                "pk", flat=True
            )
        )
    )
    HouseholdUnit = Household.units.through
    bulk.insert_rows(
        HouseholdUnit,
        [
            {"household_id": household.pk, "unit_id": unit_id}
            for household in created
            for unit_id in unit_ids
        ],
    )

    members: list[tuple[Household, Person, MemberData]] = [
        (
            household,
            Person(
                municipality=municipality,
                household=household,
                first_name=member.first_name,
                last_name=member.last_name,
                birth_date=member.birth_date,
                sex=member.sex,
                nationality=member.nationality.upper(),
                cpr=normalise_cpr(member.cpr),
                residence_basis=member.residence_basis,
                relation=member.relation,
                search_name=search.search_name(member.first_name, member.last_name, household.name),
            ),
            member,
        )
        for household, data in zip(created, households, strict=True)
        for member in data.members
    ]
    bulk.insert_objects([person for _household, person, _member in members])
    # rows written in large numbers whose ids no one needs here: without a model object each
    bulk.insert_rows(
        PersonLanguage,
        [
            {
                "person_id": person.pk,
                "language": lang.language,
                "proficiency": lang.proficiency,
                "interpreter_needed": lang.interpreter_needed,
            }
            for _household, person, member in members
            for lang in member.languages
        ],
    )

    cases = _cases_open(
        households=list(zip(created, households, caseworkers, strict=True)),
        persons=[(household, person) for household, person, _member in members],
        acting_user=acting_user,
    )
    entries = []
    by_household: dict[int, list[Person]] = {household.pk: [] for household in created}
    for household, person, _member in members:
        by_household[household.pk].append(person)
    for household in created:
        entries.append(
            audit.entry(
                actor=acting_user, action=AuditAction.CREATE, obj=household, channel=channel
            )
        )
        for person in by_household[household.pk]:
            entries.append(
                audit.entry(
                    actor=acting_user,
                    action=AuditAction.CREATE,
                    obj=person,
                    person_id=person.pk,
                    channel=channel,
                )
            )
            case = cases.get(person.pk)
            if case is not None:
                entries.append(
                    audit.entry(
                        actor=acting_user,
                        action=AuditAction.CREATE,
                        obj=case,
                        person_id=person.pk,
                        changes={
                            "phase": [None, case.phase],
                            "caseworker": [None, case.caseworker_id],
                        },
                        channel=channel,
                    )
                )
    audit.log_bulk(entries)
    return created


def _arrival_checks(
    visitation: date | None, expected_arrival: date | None, arrival: date | None, prefix: str = ""
) -> list[DateCheck]:
    """The household's dates in the order a case has them: visited, then (expected to) arrive.
    (An arrival date may lie ahead: plans and imports register the day agreed.)"""
    return [
        DateCheck(f"{prefix}visitation_date", visitation),
        DateCheck(
            f"{prefix}expected_arrival_date",
            expected_arrival,
            not_before=visitation,
            not_before_message=_("Forventet ankomst kan ikke ligge før visitationen."),
        ),
        DateCheck(
            f"{prefix}arrival_date",
            arrival,
            not_before=visitation,
            not_before_message=_("Ankomsten kan ikke ligge før visitationen."),
        ),
    ]


def _refuse_impossible_registrations(households: Sequence[HouseholdData]) -> None:
    """Refuse dates no case can have, each named by its field (one household: ``arrival_date``,
    ``members.0.birth_date``; several: prefixed ``households.3.``)."""
    checks: list[DateCheck] = []
    for index, data in enumerate(households):
        prefix = f"households.{index}." if len(households) > 1 else ""
        checks += _arrival_checks(
            data.visitation_date, data.expected_arrival_date, data.arrival_date, prefix
        )
        checks += [
            DateCheck(f"{prefix}members.{number}.birth_date", member.birth_date, past=True)
            for number, member in enumerate(data.members)
        ]
    refuse_impossible_dates(*checks)


def _household_visitation(household: Household) -> date | None:
    """The household's visitation date: its members' earliest case's."""
    return (
        Case.objects.filter(person__household=household)
        .order_by("visitation_date")
        .values_list("visitation_date", flat=True)
        .first()
    )


def _cases_open(
    *,
    households: list[tuple[Household, HouseholdData, StaffUser | None]],
    persons: list[tuple[Household, Person]],
    acting_user: StaffUser,
) -> dict[int, Case]:
    """Open a case in the first phase for every adult (on the arrival day, else the expected
    arrival day, else the visitation day), with its first phase transition and the caseworker's
    assignment. Returns the cases by person id. A member who turns 18 later (or has turned 18
    since the arrival) gets a case from ``cases_open_coming_of_age``, dated the birthday."""
    municipality = acting_user.municipality
    assert municipality is not None
    takeovers = {
        household.pk: takeover_date(data.visitation_date) for household, data, _ in households
    }
    lengths = config_values_on(municipality, "programme_length_months", set(takeovers.values()))
    by_household = {household.pk: (data, caseworker) for household, data, caseworker in households}
    cases: list[Case] = []
    for household, person in persons:
        data, caseworker = by_household[household.pk]
        reference_day = data.arrival_date or data.expected_arrival_date or data.visitation_date
        if person.age_on(reference_day) < ADULT_AGE:
            continue
        takeover = takeovers[household.pk]
        cases.append(
            Case(
                municipality=municipality,
                person=person,
                phase=Phase.RECEPTION if data.arrival_date else Phase.PRE_ARRIVAL,
                visitation_date=data.visitation_date,
                takeover_date=takeover,
                programme_end_date=programme_end(takeover, lengths[takeover]),
                caseworker=caseworker,
            )
        )
    bulk.insert_objects(cases)
    today = timezone.localdate()
    bulk.insert_rows(
        PhaseTransition,
        [
            {
                "case_id": case.pk,
                "from_phase": "",
                "to_phase": case.phase,
                "effective_date": today,
                "reason": CASE_OPENED_REASON,
                "actor_id": acting_user.pk,
            }
            for case in cases
        ],
    )
    bulk.insert_rows(
        CaseAssignment,
        [
            {
                "case_id": case.pk,
                "kind": AssignmentKind.CASEWORKER.value,
                "staff_id": case.caseworker_id,
                "actor_id": acting_user.pk,
                "reason": CASE_OPENED_REASON,
            }
            for case in cases
            if case.caseworker_id is not None
        ],
    )
    return {case.person_id: case for case in cases}


def refuse_moved_away(household_id: int) -> None:
    """A household whose cases all ended because it moved away (COO-5: handed over to another
    municipality) is kept read-only: its record and its members' are not changed any more."""
    ends = list(
        Case.objects.filter(person__household_id=household_id).values_list("end_reason", flat=True)
    )
    if ends and all(end == EndReason.MOVED_AWAY for end in ends):
        household = Household.objects.only("municipality_id").get(pk=household_id)
        handed = moved.handed_over(household.municipality_id).get(household_id)
        if handed is not None:
            raise moved.HandedOver(*handed)
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Husstanden er flyttet til en anden kommune og overdraget: sagen kan kun "
                    "læses, ikke ændres."
                )
            }
        )


HOUSEHOLD_EDITABLE = ("name", "expected_arrival_date", "arrival_date", "asylum_centre", "address")
PERSON_EDITABLE = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "nationality",
    "cpr",
    "residence_basis",
    "relation",
)


@transaction.atomic
def household_update(
    *,
    household: Household,
    acting_user: StaffUser,
    expected_version: int,
    channel: str = "web",
    **values: object,
) -> Household:
    """Change the household's fields. Dates no case can have are refused, naming the field
    (an arrival before the visitation, SEC-5). Registering the arrival moves the members' cases
    from "before arrival" to "reception", each transition recorded (REC-6)."""
    access.require(acting_user, access.PERSON_EDIT)
    unknown = set(values) - set(HOUSEHOLD_EDITABLE)
    assert not unknown, f"not editable: {unknown}"
    refuse_moved_away(household.pk)
    if {"expected_arrival_date", "arrival_date"} & set(values):
        refuse_impossible_dates(
            *[
                check
                for check in _arrival_checks(
                    _household_visitation(household),
                    values.get("expected_arrival_date", household.expected_arrival_date),  # type: ignore[arg-type]
                    values.get("arrival_date", household.arrival_date),  # type: ignore[arg-type]
                )
                if check.field in values
            ]
        )
    changes = audit.diff({name: getattr(household, name) for name in values}, values)
    if not changes:  # nothing changed: no audit row, and the version stays (SEC-5)
        return household
    for name, value in values.items():
        setattr(household, name, value)
    save_versioned(household, expected_version=expected_version, fields=list(values))
    if "name" in changes:  # the members' search column holds the household's name
        members = list(Person.objects.filter(household=household).only("first_name", "last_name"))
        for member in members:
            member.search_name = search.search_name(
                member.first_name, member.last_name, household.name
            )
        Person.objects.bulk_update(members, ["search_name"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=household,
        changes=changes,
        channel=channel,
    )
    if household.arrival_date is not None and "arrival_date" in changes:
        for case in Case.objects.filter(person__household=household, phase=Phase.PRE_ARRIVAL):
            _record_transition(
                case=case,
                to=Phase.RECEPTION,
                acting_user=acting_user,
                reason=ARRIVAL_REASON,
                expected_version=case.version,
                effective_date=household.arrival_date,
                channel=channel,
            )
    return household


@transaction.atomic
def person_update(
    *,
    person: Person,
    acting_user: StaffUser,
    expected_version: int,
    channel: str = "web",
    **values: object,
) -> Person:
    access.require(acting_user, access.PERSON_EDIT)
    unknown = set(values) - set(PERSON_EDITABLE)
    assert not unknown, f"not editable: {unknown}"
    refuse_moved_away(person.household_id)
    if "birth_date" in values:
        refuse_impossible_dates(DateCheck("birth_date", values["birth_date"], past=True))  # type: ignore[arg-type]
    if "cpr" in values:
        values["cpr"] = normalise_cpr(str(values["cpr"]))
    if "nationality" in values:
        values["nationality"] = str(values["nationality"]).upper()
    changes = audit.diff({name: getattr(person, name) for name in values}, values)
    if not changes:  # nothing changed: no audit row, and the version stays (SEC-5)
        return person
    cpr = values.get("cpr", person.cpr)
    birth_date = values.get("birth_date", person.birth_date)
    checked = "cpr" in values or "birth_date" in values
    if checked and cpr and birth_date and cpr_birth_date(str(cpr)) != birth_date:
        field = "cpr" if "cpr" in values else "birth_date"
        raise ValidationError({field: _("CPR-nummeret passer ikke med fødselsdatoen.")})
    for name, value in values.items():
        setattr(person, name, value)
    saved = list(values)
    if {"first_name", "last_name"} & set(changes):
        person.search_name = search.search_name(
            person.first_name, person.last_name, person.household.name
        )
        saved.append("search_name")
    save_versioned(person, expected_version=expected_version, fields=saved)
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=person,
        person_id=person.pk,
        changes=changes,
        channel=channel,
    )
    return person


@transaction.atomic
def case_change_phase(
    *,
    case: Case,
    to: str,
    acting_user: StaffUser,
    reason: str,
    expected_version: int,
    effective_date: date | None = None,
    end_reason: str = "",
    channel: str = "web",
) -> Case:
    """Move a case along the declared pipeline; the transition is recorded with date and reason.
    The date cannot be before 1900 or the case's visitation (SEC-5)."""
    access.require(acting_user, access.CASE_CHANGE_PHASE)
    return _record_transition(
        case=case,
        to=to,
        acting_user=acting_user,
        reason=reason,
        expected_version=expected_version,
        effective_date=effective_date,
        end_reason=end_reason,
        channel=channel,
    )


def _record_transition(
    *,
    case: Case,
    to: str,
    acting_user: StaffUser,
    reason: str,
    expected_version: int,
    effective_date: date | None = None,
    end_reason: str = "",
    channel: str = "web",
) -> Case:
    """``case_change_phase`` without the capability check: also for transitions that follow
    from another change (the arrival registered)."""
    refuse_impossible_dates(
        DateCheck(
            "effective_date",
            effective_date,
            not_before=case.visitation_date,
            not_before_message=_("Datoen kan ikke ligge før visitationen."),
        )
    )
    if to not in PHASES.get(case.phase, []):
        raise IllegalPhaseTransition(case.phase, to)
    if to == Phase.ENDED and end_reason not in EndReason.values:
        raise EndReasonRequired()
    if to != Phase.ENDED:
        end_reason = ""
    from_phase = case.phase
    case.phase, case.end_reason = to, end_reason
    save_versioned(case, expected_version=expected_version, fields=["phase", "end_reason"])
    PhaseTransition.objects.create(
        case=case,
        from_phase=from_phase,
        to_phase=to,
        effective_date=effective_date or timezone.localdate(),
        reason=reason,
        end_reason=end_reason,
        actor=acting_user,
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=case,
        person_id=case.person_id,
        changes={"phase": [from_phase, to], "end_reason": ["", end_reason]},
        reason=reason,
        channel=channel,
    )
    return case


@transaction.atomic
def case_assign_caseworker(
    *,
    case: Case,
    caseworker: StaffUser,
    acting_user: StaffUser,
    reason: str,
    expected_version: int,
    channel: str = "web",
) -> Case:
    """Set the case's one fixed caseworker (REC-5); a change is recorded with its reason."""
    access.require(acting_user, access.CASE_ASSIGN)
    _check_same_municipality(acting_user, caseworker)
    _check_may_hold(caseworker, access.CASEWORKER_ROLES, "caseworker")
    previous = case.caseworker_id
    if previous == caseworker.pk:
        return case
    now = timezone.now()
    CaseAssignment.objects.filter(
        case=case, kind=AssignmentKind.CASEWORKER, ended_at__isnull=True
    ).update(ended_at=now)
    case.caseworker = caseworker
    save_versioned(case, expected_version=expected_version, fields=["caseworker"])
    CaseAssignment.objects.create(
        case=case,
        kind=AssignmentKind.CASEWORKER,
        staff=caseworker,
        actor=acting_user,
        reason=reason,
        started_at=now,
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=case,
        person_id=case.person_id,
        changes={"caseworker": [previous, caseworker.pk]},
        reason=reason,
        channel=channel,
    )
    return case


@transaction.atomic
def case_add_contact_person(
    *, case: Case, staff: StaffUser, acting_user: StaffUser, reason: str = "", channel: str = "web"
) -> CaseAssignment:
    access.require(acting_user, access.CASE_ASSIGN)
    _check_same_municipality(acting_user, staff)
    _check_may_hold(staff, access.CONTACT_PERSON_ROLES, "staff")
    # lock the case row so two concurrent additions cannot both pass the limit
    Case.objects.select_for_update().filter(pk=case.pk).first()
    current = CaseAssignment.objects.filter(
        case=case, kind=AssignmentKind.CONTACT, ended_at__isnull=True
    )
    if current.filter(staff=staff).exists():
        return current.get(staff=staff)
    if current.count() >= MAX_CONTACT_PERSONS:
        raise TooManyContactPersons()
    assignment = CaseAssignment.objects.create(
        case=case, kind=AssignmentKind.CONTACT, staff=staff, actor=acting_user, reason=reason
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=case,
        person_id=case.person_id,
        changes={"contact_person_added": [None, staff.pk]},
        reason=reason,
        channel=channel,
    )
    return assignment


@transaction.atomic
def case_end_contact_person(
    *, case: Case, staff: StaffUser, acting_user: StaffUser, reason: str = "", channel: str = "web"
) -> None:
    access.require(acting_user, access.CASE_ASSIGN)
    ended = CaseAssignment.objects.filter(
        case=case, kind=AssignmentKind.CONTACT, staff=staff, ended_at__isnull=True
    ).update(ended_at=timezone.now(), reason=reason)
    if ended:
        audit.log(
            actor=acting_user,
            action=AuditAction.CHANGE,
            obj=case,
            person_id=case.person_id,
            changes={"contact_person_removed": [staff.pk, None]},
            reason=reason,
            channel=channel,
        )


@transaction.atomic
def note_add(
    *,
    case: Case,
    acting_user: StaffUser,
    text: str,
    corrects: JournalNote | None = None,
    internal: bool = False,
    channel: str = "web",
) -> JournalNote:
    """Add a journal note. Notes are never edited; a correction is a new note pointing back.
    An internal note (``internal``) stays in the municipality: a handover never passes it
    (COO-5)."""
    access.require(acting_user, access.NOTE_ADD)
    if corrects is not None and corrects.case_id != case.pk:
        raise ValueError("a correction must be on the same case")
    note = JournalNote.objects.create(
        case=case, author=acting_user, text=text.strip(), corrects=corrects, internal=internal
    )
    changes: dict[str, list[object]] = {"corrects": [None, corrects.pk]} if corrects else {}
    if internal:
        changes["internal"] = [None, True]
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=note,
        person_id=case.person_id,
        changes=changes or None,
        channel=channel,
    )
    return note


def cases_open_coming_of_age(*, day: date | None = None) -> list[Case]:
    """Open a case for each member who has turned 18 by ``day`` (today) within the household's
    programme and has none (REC-6): the dates and the proposed caseworker are the household's
    (its first open case's), the phase "reception" once the household has arrived, else "before
    arrival"; the opening is recorded as a transition dated the 18th birthday, with the
    caseworker's assignment and an audit entry (channel ``system``, actor the caseworker, else
    whoever opened the household's case). Idempotent: a member with a case is left alone; run it
    daily (``manage.py open_coming_of_age_cases``). Each case in its own transaction."""
    day = day or timezone.localdate()
    # members without a case born in the year 18 years ago or before (the day checked below)
    candidates = Person.objects.filter(
        case__isnull=True, birth_date__lte=date(day.year - ADULT_AGE, 12, 31)
    )
    household_cases: dict[int, Case] = {}
    for case in (
        Case.objects.filter(person__household__in=candidates.values("household_id"))
        .exclude(phase=Phase.ENDED)
        .select_related("person", "caseworker")
        .order_by("id")
    ):
        household_cases.setdefault(case.person.household_id, case)
    opened = []
    for person in candidates.select_related("household").order_by("id"):
        adult_day = birthday(person.birth_date, ADULT_AGE)
        household_case = household_cases.get(person.household_id)
        if adult_day > day or household_case is None:
            continue
        if adult_day > household_case.programme_end_date:
            continue
        opened.append(_case_open_coming_of_age(person, household_case, adult_day))
    return opened


@transaction.atomic
def _case_open_coming_of_age(person: Person, household_case: Case, adult_day: date) -> Case:
    first = household_case.transitions.order_by("recorded_at", "id").first()
    actor = household_case.caseworker or (first.actor if first else None)
    assert actor is not None, "a case's first transition names who opened it"
    case = Case.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        phase=Phase.RECEPTION if person.household.arrival_date else Phase.PRE_ARRIVAL,
        visitation_date=household_case.visitation_date,
        takeover_date=household_case.takeover_date,
        programme_end_date=household_case.programme_end_date,
        caseworker=household_case.caseworker,
    )
    PhaseTransition.objects.create(
        case=case,
        from_phase="",
        to_phase=case.phase,
        effective_date=adult_day,
        reason=COMING_OF_AGE_REASON,
        actor=actor,
    )
    if case.caseworker is not None:
        CaseAssignment.objects.create(
            case=case,
            kind=AssignmentKind.CASEWORKER,
            staff=case.caseworker,
            actor=actor,
            reason=COMING_OF_AGE_REASON,
        )
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=case,
        person_id=person.pk,
        changes={"phase": [None, case.phase], "caseworker": [None, case.caseworker_id]},
        reason=COMING_OF_AGE_REASON,
        channel="system",
    )
    return case
