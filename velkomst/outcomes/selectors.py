"""Reads of outcomes and result grants (PRG-7), tenant-scoped and limited to the persons the user
may see. The grants are derived from the outcome records and the Danish exams
(velkomst.danish) by the rules engine (velkomst.engines.grants): one person's afresh here
(``outcomes_of``, ``grant_of``), the lists' from the stored table of derived grants the engine
keeps (``velkomst.outcomes.derived``, decision 108)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import Municipality, StaffUser
from velkomst.danish.selectors import exams_passed
from velkomst.engines import grants as engine
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import derived
from .facts import person_facts
from .models import (
    BenefitPeriod,
    DerivedGrant,
    EducationOutcome,
    Employment,
    GrantKind,
    ResultGrantClaim,
    SelfSupporting,
)


def person_for_outcomes(*, user: StaffUser, pk: int) -> Person:
    """The person, if the user may read the programme and sees the person (else 404/403)."""
    access.require(user, access.PROGRAMME_VIEW)
    person = (
        persons_visible_to(user, few=True).select_related("household", "case").filter(pk=pk).first()
    )
    if person is None:
        raise Http404
    return person


def _visible_record(user: StaffUser, model: type, pk: int) -> object:
    access.require(user, access.PROGRAMME_VIEW)
    record = (
        model.objects.filter(  # type: ignore[attr-defined]
            municipality_id=access.tenant_id(user),
            pk=pk,
            person__in=persons_visible_to(user, few=True),
        )
        .select_related("person", "person__household")
        .first()
    )
    if record is None:
        raise Http404
    return record


def employment_get(*, user: StaffUser, pk: int) -> Employment:
    return _visible_record(user, Employment, pk)  # type: ignore[return-value]


def education_get(*, user: StaffUser, pk: int) -> EducationOutcome:
    return _visible_record(user, EducationOutcome, pk)  # type: ignore[return-value]


def benefit_get(*, user: StaffUser, pk: int) -> BenefitPeriod:
    return _visible_record(user, BenefitPeriod, pk)  # type: ignore[return-value]


def self_supporting_of(person: Person) -> SelfSupporting | None:
    return SelfSupporting.objects.filter(person=person).first()


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact of a person's outcomes, for the timeline."""

    start: date
    end: date | None
    kind: str  # employment, education, exam, benefit, self_supporting
    record: object | None  # the model instance (None for an exam from velkomst.danish)
    label: str


@dataclass(frozen=True)
class Outcomes:
    employments: list[Employment]
    educations: list[EducationOutcome]
    benefits: list[BenefitPeriod]
    self_supporting: SelfSupporting | None
    exams: list[tuple[str, date]]
    grants: list[engine.Grant]

    @property
    def timeline(self) -> list[TimelineEntry]:
        entries = [
            TimelineEntry(e.start_date, e.end_date, "employment", e, e.employer_name)
            for e in self.employments
        ]
        entries += [
            TimelineEntry(e.started_on, e.completed_on or e.dropped_on, "education", e, e.programme)
            for e in self.educations
        ]
        entries += [
            TimelineEntry(b.from_date, b.to_date, "benefit", b, str(b.get_benefit_display()))
            for b in self.benefits
        ]
        entries += [
            TimelineEntry(day, None, "exam", None, exam_label(exam)) for exam, day in self.exams
        ]
        if self.self_supporting:
            record = self.self_supporting
            entries.append(
                TimelineEntry(
                    record.from_date,
                    None,
                    "self_supporting",
                    record,
                    str(record.get_source_display()),
                )
            )
        return sorted(entries, key=lambda e: (e.start, e.kind))


def exam_label(exam: str) -> str:
    from velkomst.danish.models import Exam

    return str(Exam(exam).label) if exam in Exam.values else exam


def outcomes_of(person: Person, *, as_of: date | None = None) -> Outcomes:
    employments = list(Employment.objects.filter(person=person))
    educations = list(EducationOutcome.objects.filter(person=person))
    exams = exams_passed(municipality_id=person.municipality_id, person_ids=[person.pk])[person.pk]
    case = getattr(person, "case", None)
    found: list[engine.Grant] = []
    if case is not None:
        municipality = Municipality.objects.get(pk=person.municipality_id)
        facts = person_facts(person.pk, case.takeover_date, employments, educations, exams)
        found = engine.grants(
            facts, as_of=as_of or timezone.localdate(), tables=rate_tables(municipality)
        )
    return Outcomes(
        employments=employments,
        educations=educations,
        benefits=list(BenefitPeriod.objects.filter(person=person)),
        self_supporting=self_supporting_of(person),
        exams=exams,
        grants=found,
    )


def rate_tables(municipality: Municipality, on: date | None = None) -> dict[int, engine.RateTable]:
    """The result grants' rate tables: the law's presets with any the configuration adds."""
    return engine.tables_from_config(config_value(municipality, "result_grant_rates", on))


class ClaimStatus:
    """Where a derived grant stands: not claimed yet, claimed, or paid (PRG-7)."""

    OPEN, CLAIMED, PAID = "open", "claimed", "paid"
    CHOICES = (
        (OPEN, _("Kan hjemtages")),
        (CLAIMED, _("Hjemtaget, ikke udbetalt")),
        (PAID, _("Udbetalt")),
    )


@dataclass(frozen=True)
class GrantRow:
    person: Person
    grant: engine.Grant
    claim: ResultGrantClaim | None = None

    @property
    def kind_label(self) -> str:
        return str(GrantKind(self.grant.kind).label)

    @property
    def claimed_on(self) -> date | None:
        return self.claim.claimed_on if self.claim else None

    @property
    def status(self) -> str:
        if self.claim is None:
            return ClaimStatus.OPEN
        return ClaimStatus.PAID if self.claim.paid_on else ClaimStatus.CLAIMED

    @property
    def status_label(self) -> str:
        return str(dict(ClaimStatus.CHOICES)[self.status])


class GrantList:
    """The stored derived grants (``DerivedGrant``, kept current by ``derived.ensure_current``)
    of the persons the user sees, as a query: the filters, the totals and the years are SQL
    (a constant number of queries whatever the number of grants); ``rows`` reads them all (the
    export), ``rows_of`` a page of them."""

    def __init__(self, municipality_id: int, grants: QuerySet[DerivedGrant], years: list[int]):
        self.municipality_id = municipality_id
        self.grants = grants  # newest first
        self.years = years  # the years any grant was earned in, newest first (the filter's)

    def filtered(self, *, year: int | None = None, kind: str = "", status: str = "") -> GrantList:
        grants = self.grants
        if year is not None:
            grants = grants.filter(earned_on__year=year)
        if kind:
            grants = grants.filter(kind=kind)
        if status:
            claims = ResultGrantClaim.objects.filter(
                person_id=OuterRef("person_id"),
                kind=OuterRef("kind"),
                earned_on=OuterRef("earned_on"),
            )
            if status == ClaimStatus.OPEN:
                grants = grants.filter(~Exists(claims))
            elif status == ClaimStatus.CLAIMED:
                grants = grants.filter(Exists(claims.filter(paid_on__isnull=True)))
            elif status == ClaimStatus.PAID:
                grants = grants.filter(Exists(claims.filter(paid_on__isnull=False)))
        return GrantList(self.municipality_id, grants, self.years)

    def rows_of(self, grants: Iterable[DerivedGrant]) -> list[GrantRow]:
        """The rows of ``grants`` (a page of ``self.grants``) with their persons and claims, in
        two queries."""
        found = list(grants)
        claims = {
            (c.person_id, c.kind, c.earned_on): c
            for c in ResultGrantClaim.objects.filter(
                municipality_id=self.municipality_id, person_id__in={g.person_id for g in found}
            )
        }
        return [
            GrantRow(
                g.person, derived.grant_of_row(g), claims.get((g.person_id, g.kind, g.earned_on))
            )
            for g in found
        ]

    @cached_property
    def rows(self) -> list[GrantRow]:
        return self.rows_of(self.grants.select_related("person"))

    @cached_property
    def _by_kind(self) -> dict[str, tuple[int, int]]:
        return {
            kind: (count, amount or 0)
            for kind, count, amount in self.grants.order_by()
            .values("kind")
            .annotate(n=Count("id"), amount=Sum("amount"))
            .values_list("kind", "n", "amount")
        }

    @property
    def count(self) -> int:
        return sum(count for count, _amount in self._by_kind.values())

    @property
    def total(self) -> int:
        return sum(amount for _count, amount in self._by_kind.values())

    @cached_property
    def _claimed(self) -> dict[str, int | None]:
        matching = self.grants.filter(
            person_id=OuterRef("person_id"), kind=OuterRef("kind"), earned_on=OuterRef("earned_on")
        )
        claims = ResultGrantClaim.objects.filter(municipality_id=self.municipality_id)
        return claims.filter(Exists(matching)).aggregate(
            claimed=Sum("amount"), paid=Sum("amount", filter=Q(paid_on__isnull=False))
        )

    @property
    def claimed_total(self) -> int:
        """The amounts claimed (paid or not)."""
        return self._claimed["claimed"] or 0

    @property
    def paid_total(self) -> int:
        return self._claimed["paid"] or 0

    @property
    def totals_by_kind(self) -> list[tuple[str, int, int]]:
        """(kind label, count, amount) per kind present, in the kinds' order."""
        return [
            (str(kind.label), *self._by_kind[kind.value])
            for kind in GrantKind
            if kind.value in self._by_kind
        ]


def grants_for_user(
    *,
    user: StaffUser,
    year: int | None = None,
    kind: str = "",
    as_of: date | None = None,
) -> GrantList:
    """The result grants the municipality can claim for the persons the user sees: every grant
    earned by ``as_of`` (today), of ``year`` and ``kind`` when given, newest first; read from
    the stored derived grants, made current first."""
    access.require(user, access.GRANTS_VIEW)
    municipality_id = access.tenant_id(user)
    derived.ensure_current(municipality_id, as_of or timezone.localdate())
    grants = DerivedGrant.objects.filter(municipality_id=municipality_id)
    if not access.can(user, access.SEE_ALL_CITIZENS):
        grants = grants.filter(person_id__in=persons_visible_to(user).values("pk"))
    years = sorted({day.year for day in grants.dates("earned_on", "year")}, reverse=True)
    every = GrantList(municipality_id, grants.order_by("-earned_on", "-person_id", "-kind"), years)
    return every.filtered(year=year, kind=kind)


def grants_earned_in(*, user: StaffUser, year: int) -> GrantList:
    """The start page's panel: the grants earned in ``year`` (as the list filtered by it)."""
    return grants_for_user(user=user, year=year)


def claims_for(user: StaffUser) -> QuerySet[ResultGrantClaim]:
    """The claims of the municipality's grants for the persons the user sees (PRG-7)."""
    access.require(user, access.GRANTS_VIEW)
    return ResultGrantClaim.objects.filter(
        municipality_id=access.tenant_id(user), person__in=persons_visible_to(user)
    ).select_related("person")


def claim_get(*, user: StaffUser, pk: int) -> ResultGrantClaim:
    found = claims_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def grant_of(*, user: StaffUser, person_id: int, kind: str = "") -> GrantRow:
    """The person's derived grant of ``kind`` (a person earns at most one of each), else the
    first not yet claimed, with its claim if any (404 for none, or a person the user does not
    see): what the claim form shows."""
    access.require(user, access.GRANTS_VIEW)
    person = (
        persons_visible_to(user, few=True)
        .select_related("case", "household")
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404
    claims = {(c.kind, c.earned_on): c for c in ResultGrantClaim.objects.filter(person=person)}
    rows = [
        GrantRow(person, g, claims.get((g.kind.value, g.earned_on)))
        for g in outcomes_of(person).grants
    ]
    found = [r for r in rows if r.grant.kind.value == kind] if kind else rows
    found.sort(key=lambda r: r.claim is not None)  # the first not yet claimed
    if not found:
        raise Http404
    return found[0]
