"""Reads of Danish education (PRG-2), always scoped to the acting user's municipality and the
persons the user may see. ``danish_levels`` and ``exams_passed`` are the functions the matching
and outcomes parts call with ids they already scoped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.engines import deadlines
from velkomst.engines.calendar import add_months
from velkomst.people import selectors as people_selectors
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person, Phase
from velkomst.reception import selectors as reception_selectors

from . import rules
from .models import (
    DanishExam,
    DanishReferral,
    ExamResult,
    LanguageCentre,
    ModuleProgress,
    MonthlyAttendance,
)


def danish_levels(*, municipality_id: int, person_ids: Iterable[int]) -> dict[int, str]:
    """Each person's Danish level (a ``people.levels.CefrLevel`` value) from what is recorded:
    the highest of the levels attested by passed exams and passed module tests
    (``rules.EXAM_LEVEL``, ``rules.module_level``). Every id asked for is in the answer; a person
    with nothing passed is ``CefrLevel.NONE`` ("no documented Danish"). Two queries."""
    ids = list(person_ids)
    found: dict[int, list[str]] = {pk: [] for pk in ids}
    if not ids:
        return {}
    for person_id, exam in DanishExam.objects.filter(
        municipality_id=municipality_id, person_id__in=ids, result=ExamResult.PASSED
    ).values_list("person_id", "exam"):
        found[person_id].append(rules.EXAM_LEVEL[exam])
    for person_id, track, module in ModuleProgress.objects.filter(
        municipality_id=municipality_id,
        referral__person_id__in=ids,
        passed_on__isnull=False,
    ).values_list("referral__person_id", "referral__track", "module"):
        found[person_id].append(rules.module_level(track, module))
    return {pk: rules.highest(levels) for pk, levels in found.items()}


def exams_passed(
    *, municipality_id: int, person_ids: Iterable[int]
) -> dict[int, list[tuple[str, date]]]:
    """Each person's passed exams as (``Exam`` value, date taken), oldest first; every id asked
    for is in the answer (an empty list when none passed). One query."""
    ids = list(person_ids)
    found: dict[int, list[tuple[str, date]]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for person_id, exam, taken_on in (
        DanishExam.objects.filter(
            municipality_id=municipality_id, person_id__in=ids, result=ExamResult.PASSED
        )
        .order_by("taken_on", "id")
        .values_list("person_id", "exam", "taken_on")
    ):
        found[person_id].append((exam, taken_on))
    return found


# --- pages -------------------------------------------------------------------------------------


class ReferralState(models.TextChoices):
    """Where a person stands in Danish education (computed, never stored)."""

    NOT_REFERRED = "not_referred", _("Ikke henvist")
    WAITING = "waiting", _("Henvist, ikke startet")
    ACTIVE = "active", _("I gang")
    ENDED = "ended", _("Afsluttet")


def centres_for(user: StaffUser) -> QuerySet[LanguageCentre]:
    access.require(user, access.PROGRAMME_VIEW)
    return LanguageCentre.objects.filter(municipality_id=access.tenant_id(user))


def centre_get(*, user: StaffUser, pk: int) -> LanguageCentre:
    centre = centres_for(user).filter(pk=pk).first()
    if centre is None:
        raise Http404
    return centre


def centre_list(user: StaffUser) -> QuerySet[LanguageCentre]:
    """The register with each centre's open referrals counted (no person's data)."""
    return centres_for(user).annotate(
        open_referrals=Count("referrals", filter=Q(referrals__ended_on__isnull=True))
    )


def referrals_visible_to(user: StaffUser, *, few: bool = False) -> QuerySet[DanishReferral]:
    access.require(user, access.PROGRAMME_VIEW)
    return DanishReferral.objects.filter(
        municipality_id=access.tenant_id(user),
        person__in=people_selectors.persons_visible_to(user, few=few),
    )


def exams_visible_to(user: StaffUser, *, few: bool = False) -> QuerySet[DanishExam]:
    access.require(user, access.PROGRAMME_VIEW)
    return DanishExam.objects.filter(
        municipality_id=access.tenant_id(user),
        person__in=people_selectors.persons_visible_to(user, few=few),
    )


def modules_visible_to(user: StaffUser, *, few: bool = False) -> QuerySet[ModuleProgress]:
    access.require(user, access.PROGRAMME_VIEW)
    return ModuleProgress.objects.filter(
        municipality_id=access.tenant_id(user),
        referral__person__in=people_selectors.persons_visible_to(user, few=few),
    )


def attendance_visible_to(user: StaffUser, *, few: bool = False) -> QuerySet[MonthlyAttendance]:
    access.require(user, access.PROGRAMME_VIEW)
    return MonthlyAttendance.objects.filter(
        municipality_id=access.tenant_id(user),
        referral__person__in=people_selectors.persons_visible_to(user, few=few),
    )


def referral_get(*, user: StaffUser, pk: int) -> DanishReferral:
    found = (
        referrals_visible_to(user, few=True)
        .select_related("person", "centre")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def module_get(*, user: StaffUser, pk: int) -> ModuleProgress:
    found = (
        modules_visible_to(user, few=True)
        .select_related("referral", "referral__person")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def attendance_get(*, user: StaffUser, pk: int) -> MonthlyAttendance:
    found = (
        attendance_visible_to(user, few=True)
        .select_related("referral", "referral__person")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def exam_get(*, user: StaffUser, pk: int) -> DanishExam:
    found = exams_visible_to(user, few=True).select_related("person").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def person_for_danish(*, user: StaffUser, pk: int) -> Person:
    """A person the user may see, for the Danish page (programme.view too)."""
    access.require(user, access.PROGRAMME_VIEW)
    return people_selectors.person_get(user=user, pk=pk)


def is_adult(person: Person, on: date) -> bool:
    return deadlines.member_meets(
        deadlines.Condition.ADULT, deadlines.Member(birth_date=person.birth_date), on
    )


def takeover_of(person: Person) -> date | None:
    case = getattr(person, "case", None)
    return case.takeover_date if case is not None else None


@dataclass
class DanishSummary:
    """A person's Danish education at a glance: the level, the open or last referral, and the
    two deadlines (the person page's card and the top of the Danish page)."""

    level: str
    referral: DanishReferral | None
    referral_deadline: rules.DanishDeadline
    start_deadline: rules.DanishDeadline

    @property
    def level_label(self) -> str:
        return str(CefrLevel(self.level).label)

    @property
    def next_deadline(self) -> rules.DanishDeadline | None:
        for deadline in (self.referral_deadline, self.start_deadline):
            if deadline.is_open:
                return deadline
        return None

    @property
    def state(self) -> str:
        referral = self.referral
        if referral is None:
            return ReferralState.NOT_REFERRED
        if referral.ended_on is not None:
            return ReferralState.ENDED
        return ReferralState.ACTIVE if referral.started_on else ReferralState.WAITING

    @property
    def state_label(self) -> str:
        return str(ReferralState(self.state).label)


def summary(
    person: Person,
    referrals: list[DanishReferral],
    level: str,
    today: date,
    due_soon_days: int = 7,
) -> DanishSummary:
    """The summary from what the page already loaded: the deadlines count from the law's dates
    (takeover; the first referral) and are met by the first referral and its start."""
    first = min(referrals, key=lambda r: (r.referred_on, r.pk), default=None)
    current = next((r for r in referrals if r.ended_on is None), None) or max(
        referrals, key=lambda r: (r.referred_on, r.pk), default=None
    )
    takeover = takeover_of(person)
    adult = is_adult(person, takeover or today)
    referral_deadline = rules.referral_deadline(
        takeover=takeover,
        referred_on=first.referred_on if first else None,
        today=today,
        adult=adult,
        due_soon_days=due_soon_days,
    )
    start_deadline = rules.start_deadline(
        referred_on=first.referred_on if first else None,
        started_on=first.started_on if first else None,
        today=today,
        adult=adult,
        due_soon_days=due_soon_days,
    )
    return DanishSummary(
        level=level,
        referral=current,
        referral_deadline=referral_deadline,
        start_deadline=start_deadline,
    )


@dataclass
class DanishPage:
    person: Person
    summary: DanishSummary
    referrals: list[DanishReferral]
    exams: list[DanishExam]
    unchecked_exams: list[DanishExam]  # exams whose leading module is not recorded (warned)


def danish_page(*, user: StaffUser, person: Person, today: date) -> DanishPage:
    """Everything on the person's Danish page, in a fixed number of queries."""
    access.require(user, access.PROGRAMME_VIEW)
    referrals = list(
        DanishReferral.objects.filter(municipality_id=person.municipality_id, person=person)
        .select_related("centre")
        .prefetch_related("modules", "attendance")
        .order_by("-referred_on", "-id")
    )
    exams = list(
        DanishExam.objects.filter(municipality_id=person.municipality_id, person=person)
        .select_related("referral")
        .order_by("-taken_on", "-id")
    )
    level = danish_levels(municipality_id=person.municipality_id, person_ids=[person.pk])
    tracks_with_modules = {r.track for r in referrals if list(r.modules.all())}
    unchecked = [e for e in exams if rules.EXAM_AFTER[e.exam][0] not in tracks_with_modules]
    due_soon = reception_selectors.Today.for_user(user, today).due_soon_days
    return DanishPage(
        person=person,
        summary=summary(person, referrals, level[person.pk], today, due_soon),
        referrals=referrals,
        exams=exams,
        unchecked_exams=unchecked,
    )


def person_card(*, user: StaffUser, person: Person, today: date) -> DanishSummary | None:
    """The person page's small card (None for a role without programme.view)."""
    if not access.can(user, access.PROGRAMME_VIEW):
        return None
    referrals = list(
        DanishReferral.objects.filter(municipality_id=person.municipality_id, person=person)
    )
    level = danish_levels(municipality_id=person.municipality_id, person_ids=[person.pk])
    return summary(person, referrals, level[person.pk], today)


# --- the municipality's overview ---------------------------------------------------------------


def _adult_born_before(today: date) -> date:
    """Persons born on or before this day are 18 or over on ``today``."""
    try:
        return today.replace(year=today.year - deadlines.CHILD_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - deadlines.CHILD_AGE, day=28)


def to_be_referred(user: StaffUser, today: date, *, mine: bool = False) -> QuerySet[Person]:
    """Adults (18 or over today) with an open case and no referral: the referral deadline's
    worklist. ``mine``: the user's own cases."""
    persons = _persons_for(user, mine).filter(
        case__isnull=False,
        birth_date__lte=_adult_born_before(today),
    )
    return persons.exclude(case__phase=Phase.ENDED).exclude(
        Exists(DanishReferral.objects.filter(person_id=OuterRef("pk")))
    )


def _persons_for(user: StaffUser, mine: bool) -> QuerySet[Person]:
    """The persons the user may see; ``mine``: those of the user's own cases (which the user
    always sees: no visibility test on top, which would only slow the start page down)."""
    access.require(user, access.PROGRAMME_VIEW)
    if mine:
        return Person.objects.filter(
            Exists(people_selectors.own_cases(user).filter(person_id=OuterRef("pk"))),
            municipality_id=access.tenant_id(user),
        )
    return people_selectors.persons_visible_to(user)


def _referrals_for(user: StaffUser, mine: bool) -> QuerySet[DanishReferral]:
    if not mine:
        return referrals_visible_to(user)
    access.require(user, access.PROGRAMME_VIEW)
    return DanishReferral.objects.filter(
        Exists(people_selectors.own_cases(user).filter(person_id=OuterRef("person_id"))),
        municipality_id=access.tenant_id(user),
    )


def not_started(user: StaffUser, *, mine: bool = False) -> QuerySet[DanishReferral]:
    """Open referrals whose course has not started: the start deadline's worklist."""
    return _referrals_for(user, mine).filter(started_on__isnull=True, ended_on__isnull=True)


def overdue_counts(user: StaffUser, today: date, *, mine: bool = False) -> dict[str, int]:
    """Overdue referrals (persons past the referral deadline, unreferred) and overdue starts
    (referrals past the start deadline, not started): the start page's figures and the
    overview's filter count the same rows. Two queries."""
    before = rules.overdue_before(today)
    return {
        "referral": to_be_referred(user, today, mine=mine)
        .filter(case__takeover_date__lt=before)
        .count(),
        "start": not_started(user, mine=mine).filter(referred_on__lt=before).count(),
    }


@dataclass
class OverviewRow:
    person: Person
    referral: DanishReferral | None
    state: str
    deadline: rules.DanishDeadline | None

    @property
    def state_label(self) -> str:
        return str(ReferralState(self.state).label)


def overview(
    *,
    user: StaffUser,
    today: date,
    state: str = "",
    centre_id: int | None = None,
    overdue: bool = False,
    mine: bool = False,
) -> QuerySet[Any]:
    """The overview's rows before paging: persons to be referred (``not_referred``) or
    referrals in ``state`` (all referrals when no state), of ``centre_id``; ``overdue``: only
    those past their deadline (referral or start)."""
    before = rules.overdue_before(today)
    if state == ReferralState.NOT_REFERRED:
        persons = to_be_referred(user, today, mine=mine).select_related("case")
        if overdue:
            persons = persons.filter(case__takeover_date__lt=before)
        return persons.order_by("case__takeover_date", "pk")
    referrals = _referrals_for(user, mine)
    if centre_id:
        referrals = referrals.filter(centre_id=centre_id)
    match state:
        case ReferralState.WAITING:
            referrals = referrals.filter(started_on__isnull=True, ended_on__isnull=True)
        case ReferralState.ACTIVE:
            referrals = referrals.filter(started_on__isnull=False, ended_on__isnull=True)
        case ReferralState.ENDED:
            referrals = referrals.filter(ended_on__isnull=False)
    if overdue:
        referrals = referrals.filter(
            started_on__isnull=True, ended_on__isnull=True, referred_on__lt=before
        )
    return referrals.order_by("-referred_on", "-pk")


def overview_page_items(page_items: Any) -> list[Any]:
    """A page of ``overview``'s items. Referrals are read in two steps: the page's ids, ordered
    and limited on the referrals alone, then those referrals with their person and centre; one
    query more, but the database no longer joins every person of the municipality to sort them
    and keep a page (PRG-2)."""
    if not isinstance(page_items, QuerySet) or page_items.model is not DanishReferral:
        return list(page_items)
    ids = list(page_items.values_list("pk", flat=True))
    found = DanishReferral.objects.select_related("person", "centre").in_bulk(ids)
    return [found[pk] for pk in ids]


def overview_rows(items: list[Any], today: date) -> list[OverviewRow]:
    """A page of ``overview``'s items as rows with their state and deadline."""
    rows = []
    for item in items:
        if isinstance(item, Person):
            takeover = takeover_of(item)
            deadline = rules.referral_deadline(takeover=takeover, referred_on=None, today=today)
            rows.append(OverviewRow(item, None, ReferralState.NOT_REFERRED, deadline))
            continue
        referral: DanishReferral = item
        if referral.ended_on is not None:
            rows.append(OverviewRow(referral.person, referral, ReferralState.ENDED, None))
        elif referral.started_on is not None:
            rows.append(OverviewRow(referral.person, referral, ReferralState.ACTIVE, None))
        else:
            deadline = rules.start_deadline(
                referred_on=referral.referred_on, started_on=None, today=today
            )
            rows.append(OverviewRow(referral.person, referral, ReferralState.WAITING, deadline))
    return rows


def state_counts(
    *, user: StaffUser, today: date, centre_id: int | None = None, mine: bool = False
) -> dict[str, int]:
    """How many rows each state of the overview holds (its figures)."""
    referrals = _referrals_for(user, mine)
    if centre_id:
        referrals = referrals.filter(centre_id=centre_id)
    counts = referrals.aggregate(
        waiting=Count("pk", filter=Q(started_on__isnull=True, ended_on__isnull=True)),
        active=Count("pk", filter=Q(started_on__isnull=False, ended_on__isnull=True)),
        ended=Count("pk", filter=Q(ended_on__isnull=False)),
    )
    counts["not_referred"] = to_be_referred(user, today, mine=mine).count()
    return counts


# --- the language centre's monthly list --------------------------------------------------------


def month_referrals(
    *, user: StaffUser, centre: LanguageCentre, month: date
) -> list[DanishReferral]:
    """The referrals to ``centre`` made in ``month`` (its first day), with the persons and their
    languages: the list the centre is sent."""
    start = month.replace(day=1)
    end = add_months(start, 1)
    return list(
        referrals_visible_to(user)
        .filter(centre=centre, referred_on__gte=start, referred_on__lt=end)
        .select_related("person")
        .prefetch_related("person__languages")
        .order_by("referred_on", "person__last_name", "person__first_name", "pk")
    )
