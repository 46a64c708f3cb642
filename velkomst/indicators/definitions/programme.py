"""The integration programme: the active effort's direction, the first internship, the contract
and the fixed caseworker (domain-facts.md, "Who, when" and "Work"; the seeds' goals)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.db.models import Min, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.engines.calendar import add_months
from velkomst.engines.deadlines import age_on
from velkomst.engines.programme import contract_due
from velkomst.people.models import AssignmentKind, Case, CaseAssignment
from velkomst.programme.models import (
    Activity,
    ActivityKind,
    Category,
    IntegrationContract,
)
from velkomst.programme.rules import rules_on

from ..library import Item, Scope, Unit, indicator
from .common import age_band, arrived, of_cohort
from .danish import deadline_cases
from .periods import hours_in

DIRECTED = frozenset({Category.ENTERPRISE.value, Category.EDUCATION.value})
INTERNSHIPS = (ActivityKind.INTERNSHIP.value, ActivityKind.LANGUAGE_INTERNSHIP.value)
INTERNSHIP_MONTHS = 3


def _programme_periods(municipality: Municipality) -> dict[int, tuple[date, date]]:
    """Each case's integration period: person → (takeover date, programme end). One query."""
    return {
        person_id: (takeover, end)
        for person_id, takeover, end in Case.objects.filter(municipality=municipality).values_list(
            "person_id", "takeover_date", "programme_end_date"
        )
    }


@indicator(
    key="enterprise_directed_share",
    name=_("Andel af den aktive indsats, der er virksomheds- eller uddannelsesrettet"),
    description=_(
        "Aktivitetstimerne i integrationsplanerne for flygtninge og familiesammenførte i "
        "integrationsperioden (af årgangen, hvis valgt), uden danskuddannelse: andelen af "
        "timerne, der er virksomhedsrettede (praktik, løntilskud, IGU, job med mentor) eller "
        "uddannelsesrettede. Timerne regnes af timer pr. uge for de dage i perioden, der ligger "
        "i personens integrationsperiode; efter antal måneder siden ankomsten: dagene fra "
        "ankomsten til det antal måneder efter."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("programme", "people"),
)
def enterprise_directed_share(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    periods = _programme_periods(municipality)
    activities: dict[int, list[tuple[str, date, date | None, Decimal]]] = {}
    rows = Activity.objects.filter(municipality=municipality, start__lte=scope.end).exclude(
        category=Category.DANISH
    )
    if scope.months_since_arrival is None:
        rows = rows.filter(Q(end__isnull=True) | Q(end__gte=scope.start))
    for person_id, category, start, end, hours in rows.values_list(
        "plan__person_id", "category", "start", "end", "hours_per_week"
    ):
        activities.setdefault(person_id, []).append((category, start, end, hours))
    for person in arrived(municipality, scope):
        period = periods.get(person.person_id)
        if period is None or person.person_id not in activities:
            continue
        if scope.months_since_arrival is None:
            first, last = scope.start, scope.end
        else:
            first, last = person.arrival_date, person.measured_on
        first, last = max(first, period[0]), min(last, period[1])
        directed = total = Decimal(0)
        for category, start, end, per_week in activities[person.person_id]:
            hours = hours_in(per_week, start, end, first, last)
            total += hours
            if category in DIRECTED:
                directed += hours
        if total:
            yield Item(
                directed,
                weight=total,
                person_id=person.person_id,
                household_id=person.household_id,
                groups=person.groups(),
            )


@indicator(
    key="internship_within_3_months",
    name=_("Andel i virksomhedspraktik inden for 3 måneder efter ankomsten"),
    description=_(
        "Voksne på 18–66 år med en sag, der er ankommet, og for hvem dagen 3 måneder efter "
        "ankomsten faldt i perioden (af årgangen, hvis valgt): andelen, hvis første "
        "virksomhedspraktik eller sprogpraktik i integrationsplanen startede senest den dag. "
        "Antal måneder siden ankomsten bruges ikke: fristen fastlægger tidspunktet."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("programme", "people"),
)
def internship_within_3_months(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    first_internship = dict(
        Activity.objects.filter(municipality=municipality, kind__in=INTERNSHIPS)
        .values("plan__person_id")
        .annotate(first=Min("start"))
        .values_list("plan__person_id", "first")
    )
    rows = Case.objects.filter(
        municipality=municipality, person__household__arrival_date__isnull=False
    )
    rows = of_cohort(rows, scope, "person__household")
    for person_id, household_id, arrival, birth, sex in rows.values_list(
        "person_id",
        "person__household_id",
        "person__household__arrival_date",
        "person__birth_date",
        "person__sex",
    ).order_by("person_id"):
        assert arrival is not None  # filtered above
        due = add_months(arrival, INTERNSHIP_MONTHS)
        age = age_on(birth, arrival)
        if not (scope.start <= due <= scope.end and 18 <= age <= 66):
            continue
        started = first_internship.get(person_id)
        yield Item(
            int(started is not None and started <= due),
            person_id=person_id,
            household_id=household_id,
            groups={"sex": sex, "age": age_band(age)},
        )


@indicator(
    key="contract_within_month",
    name=_("Andel med integrationskontrakt inden for en måned efter overtagelsen"),
    description=_(
        "Voksne (18 år eller derover på overtagelsesdagen) med en sag, hvis frist for "
        "integrationskontrakten (en måned efter overtagelsesdatoen efter kommunens regler, "
        "flyttet til næste arbejdsdag) faldt i perioden (af årgangen, hvis valgt): andelen, hvis "
        "kontrakt var underskrevet af både borgeren og kommunen senest på fristen. Antal måneder "
        "siden ankomsten bruges ikke: fristen fastlægger tidspunktet."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("programme", "people"),
)
def contract_within_month(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    contracts = {
        person_id: (due, citizen, staff)
        for person_id, due, citizen, staff in IntegrationContract.objects.filter(
            municipality=municipality
        ).values_list("person_id", "due_date", "signed_on", "signed_by_municipality_on")
    }
    cases = list(deadline_cases(municipality, scope))
    rules = rules_on(municipality, {takeover for _p, _h, takeover, _b, _s in cases})
    for person_id, household_id, takeover, birth, sex in cases:
        due, citizen, staff = contracts.get(
            person_id, (contract_due(takeover, rules[takeover].contract_months), None, None)
        )
        if not scope.start <= due <= scope.end:
            continue
        signed = citizen is not None and staff is not None and max(citizen, staff) <= due
        yield Item(
            int(signed),
            person_id=person_id,
            household_id=household_id,
            groups={"sex": sex, "age": age_band(age_on(birth, takeover))},
        )


@indicator(
    key="fixed_caseworker",
    name=_("Andel der har haft én fast sagsbehandler"),
    description=_(
        "Sager for flygtninge og familiesammenførte, der er ankommet, og hvis integrationsperiode "
        "(fra overtagelsesdatoen til programmets afslutning) overlapper perioden (af årgangen, "
        "hvis valgt): andelen, der fra sagens start til periodens slutning har haft én og samme "
        "faste sagsbehandler: sagens første sagsbehandler og ingen skift dateret senest den dag "
        "(en sag uden sagsbehandler tæller ikke med i tælleren). Efter antal "
        "måneder siden ankomsten: sagsbehandlerne til og med dagen det antal måneder efter "
        "ankomsten."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("people",),
)
def fixed_caseworker(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    periods = _programme_periods(municipality)
    assigned: dict[int, list[tuple[int, date]]] = {}
    for person_id, staff_id, started_on in (
        CaseAssignment.objects.filter(
            case__municipality=municipality, kind=AssignmentKind.CASEWORKER
        )
        .order_by("id")
        .values_list("case__person_id", "staff_id", TruncDate("started_at"))
    ):
        assigned.setdefault(person_id, []).append((staff_id, started_on))
    for person in arrived(municipality, scope):
        period = periods.get(person.person_id)
        if period is None:
            continue
        takeover, programme_end = period
        if takeover > person.measured_on:
            continue
        if scope.months_since_arrival is None and programme_end < scope.start:
            continue
        # the case's first caseworker (the first assignment recorded, whenever that was) and
        # every change dated by the day
        history = assigned.get(person.person_id, [])
        staff = {s for i, (s, day) in enumerate(history) if i == 0 or day <= person.measured_on}
        yield Item(
            int(len(staff) == 1),
            person_id=person.person_id,
            household_id=person.household_id,
            groups=person.groups(),
        )
