"""Economy (MI-4): what the efforts cost in a period, and the cost against results.

Costs come from the prices on the records (docs/architecture.md, "Costs (MI-4)"): an activity's
price per week and a support measure's price per month (programme), an interpreter booking's
price (interpreting) and a temporary stay's rent and utilities per month (housing). The part of a
cost that falls in the period counts (``velkomst.engines.costs``): a record that runs over the
period's edges counts with its days inside the period. A record without a price costs nothing
here. ``Scope.cohort`` limits the costs to households that arrived in that year; a cost falls in
a period, so ``months_since_arrival`` does not apply to these figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.engines import costs
from velkomst.engines.placement.model import TEMPORARY_TYPES
from velkomst.housing.models import Placement
from velkomst.interpreting.models import Booking, BookingStatus
from velkomst.outcomes.models import EducationOutcome, Employment, SelfSupporting, SubsidyKind
from velkomst.programme.models import Activity, SupportMeasure

from ..library import Good, Item, Scope, Unit, indicator
from .common import arrived, of_cohort
from .periods import event_window

# the group of support measures under ``category`` (beside the activities' categories)
SUPPORT = "support"
# the bookings that are paid: the interpreting took place or is booked with an interpreter; a
# cancelled booking costs nothing here (the platform records no cancellation fee)
PAID_BOOKINGS = (BookingStatus.CONFIRMED, BookingStatus.HELD)


# --- the records behind the costs, priced or not (``unpriced_cost_records`` counts the rest) ---


def _activities(municipality: Municipality, scope: Scope, *, priced: bool) -> QuerySet[Activity]:
    """The plans' activities running in the period, with a price per week or without."""
    return of_cohort(
        Activity.objects.filter(
            municipality=municipality, price_per_week__isnull=not priced, start__lte=scope.end
        ).exclude(end__lt=scope.start),
        scope,
        "plan__person__household",
    )


def _supports(
    municipality: Municipality, scope: Scope, *, priced: bool
) -> QuerySet[SupportMeasure]:
    """The plans' support measures running in the period, with a price per month or without."""
    return of_cohort(
        SupportMeasure.objects.filter(
            municipality=municipality, price_per_month__isnull=not priced, starts_on__lte=scope.end
        ).exclude(ends_on__lt=scope.start),
        scope,
        "plan__person__household",
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _bookings(municipality: Municipality, scope: Scope, *, priced: bool) -> QuerySet[Booking]:
    """The paid interpreter bookings starting in the period, with a price or without."""
    return of_cohort(
        Booking.objects.filter(
            municipality=municipality,
            status__in=PAID_BOOKINGS,
            cost__isnull=not priced,
            starts_at__gte=_day_start(scope.start),
            starts_at__lt=_day_start(scope.end + timedelta(days=1)),
        ),
        scope,
        "appointment__household",
    )


def _stays(municipality: Municipality, scope: Scope, *, priced: bool) -> QuerySet[Placement]:
    """The stays in temporary housing overlapping the period, with a monthly cost or without."""
    return of_cohort(
        Placement.objects.filter(
            municipality=municipality,
            type__in=sorted(TEMPORARY_TYPES),
            monthly_cost__isnull=not priced,
            start_date__lte=scope.end,
        ).exclude(end_date__lt=scope.start),
        scope,
        "household",
    )


def activity_costs(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    """One item per priced activity and support measure running in the period."""
    activities = _activities(municipality, scope, priced=True)
    for person_id, household_id, category, price, start, end in activities.values_list(
        "plan__person_id",
        "plan__person__household_id",
        "category",
        "price_per_week",
        "start",
        "end",
    ).order_by("pk"):
        yield Item(
            costs.weekly(price or 0, start, end, scope.start, scope.end),
            person_id=person_id,
            household_id=household_id,
            groups={"category": category},
        )
    supports = _supports(municipality, scope, priced=True)
    for person_id, household_id, price, start, end in supports.values_list(
        "plan__person_id",
        "plan__person__household_id",
        "price_per_month",
        "starts_on",
        "ends_on",
    ).order_by("pk"):
        yield Item(
            costs.monthly(price or 0, start, end, scope.start, scope.end),
            person_id=person_id,
            household_id=household_id,
            groups={"category": SUPPORT},
        )


@indicator(
    key="cost_activities",
    name=_("Udgifter til aktiviteter og støtte"),
    description=_(
        "Kommunens udgifter i kroner i perioden til integrationsplanernes aktiviteter (pris pr. "
        "uge) og støtteforanstaltninger (pris pr. måned), efter kategori. En aktivitet eller "
        "støtte, der løber ud over periodens start eller slut, tæller med sine dage i perioden "
        "(en syvendedel af ugeprisen pr. dag; en hel kalendermåned koster månedsprisen). Uden "
        "pris: ingen udgift."
    ),
    unit=Unit.AMOUNT,
    good=Good.DOWN,
    breakdowns=("category",),
    sources=("programme",),
)
def cost_activities(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    return activity_costs(municipality, scope)


def interpreting_costs(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    """One item per confirmed or held booking with a price that starts in the period."""
    bookings = _bookings(municipality, scope, priced=True)
    for household_id, mode, cost in bookings.values_list(
        "appointment__household_id", "mode", "cost"
    ).order_by("pk"):
        yield Item(Decimal(cost or 0), household_id=household_id, groups={"mode": mode})


@indicator(
    key="cost_interpreting",
    name=_("Udgifter til tolkning"),
    description=_(
        "Kommunens udgifter i kroner til tolkebestillinger, der er bekræftet eller gennemført, "
        "med start i perioden (bestillingens pris), efter tolkeform (fremmøde, video, telefon). "
        "En aflyst bestilling tæller ikke."
    ),
    unit=Unit.AMOUNT,
    good=Good.DOWN,
    breakdowns=("mode",),
    sources=("interpreting",),
)
def cost_interpreting(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    return interpreting_costs(municipality, scope)


def housing_costs(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    """One item per stay in temporary housing with a monthly cost, overlapping the period."""
    stays = _stays(municipality, scope, priced=True)
    for household_id, kind, price, start, end in stays.values_list(
        "household_id", "type", "monthly_cost", "start_date", "end_date"
    ).order_by("pk"):
        yield Item(
            costs.monthly(price or 0, start, end, scope.start, scope.end),
            household_id=household_id,
            groups={"type": kind},
        )


@indicator(
    key="cost_temporary_housing",
    name=_("Udgifter til midlertidig bolig"),
    description=_(
        "Kommunens udgifter i kroner i perioden til husstandes ophold i midlertidig bolig "
        "(midlertidig bolig, privat indkvartering og ombyggede institutioner): husleje og "
        "forbrug pr. måned, som de var ved indflytningen, for opholdets dage i perioden. Et "
        "ophold, der løber ud over periodens start eller slut, tæller kun med sine dage i "
        "perioden; en hel kalendermåned koster månedsprisen. Beboerens egen betaling er ikke "
        "trukket fra."
    ),
    unit=Unit.AMOUNT,
    good=Good.DOWN,
    breakdowns=("type",),
    sources=("housing",),
)
def cost_temporary_housing(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    return housing_costs(municipality, scope)


@indicator(
    key="cost_per_self_supporting",
    name=_("Udgift pr. ny selvforsørget (kr.)"),
    description=_(
        "Periodens udgifter i alt til aktiviteter, støtte, tolkning og midlertidig bolig (som "
        "de tre udgiftsmål) delt med antallet af personer, der blev selvforsørgende i perioden. "
        "Udgiften er ikke de selvforsørgendes egen: den dækker alle i programmet, og resultatet "
        "kommer ofte måneder efter indsatsen, så tallet giver mening over et helt år. Ingen ny "
        "selvforsørget i perioden: intet tal."
    ),
    unit=Unit.AVERAGE,
    good=Good.DOWN,
    sources=("programme", "interpreting", "housing", "outcomes"),
)
def cost_per_self_supporting(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    results = of_cohort(
        SelfSupporting.objects.filter(
            municipality=municipality, from_date__gte=scope.start, from_date__lte=scope.end
        ),
        scope,
        "person__household",
    )
    persons = list(results.values_list("person_id", "person__household_id").order_by("person_id"))
    if not persons:
        return
    total = sum(
        (
            item.value
            for source in (activity_costs, interpreting_costs, housing_costs)
            for item in source(municipality, scope)
        ),
        Decimal(0),
    )
    # each new self-supporting person carries an equal share, so the average is the total over
    # the number of persons, and drill-down lists the persons who are the result
    share = Decimal(total) / len(persons)
    for person_id, household_id in persons:
        yield Item(share, person_id=person_id, household_id=household_id)


# the results the costs are set against (the economy page): a start in work or in education
WORK = "work"
EDUCATION = "education"


@indicator(
    key="work_or_education_started",
    name=_("Personer i arbejde eller uddannelse"),
    description=_(
        "Flygtninge og familiesammenførte på 18–66 år, der er ankommet (af årgangen, hvis "
        "valgt), og som i perioden startede i ordinær beskæftigelse uden tilskud eller på en "
        "uddannelse (efter antal måneder siden ankomsten: fra ankomsten til det antal måneder "
        "efter). Hver person tælles én gang: som startet i arbejde, hvis et job startede i "
        "perioden, ellers som startet på uddannelse."
    ),
    unit=Unit.COUNT,
    breakdowns=("result",),
    sources=("outcomes",),
)
def work_or_education_started(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    starts: dict[int, list[tuple[str, date]]] = {}
    for person_id, start in Employment.objects.filter(
        municipality=municipality, subsidy=SubsidyKind.NONE, start_date__lte=scope.end
    ).values_list("person_id", "start_date"):
        starts.setdefault(person_id, []).append((WORK, start))
    for person_id, start in EducationOutcome.objects.filter(
        municipality=municipality, started_on__lte=scope.end
    ).values_list("person_id", "started_on"):
        starts.setdefault(person_id, []).append((EDUCATION, start))
    for person in arrived(municipality, scope, ages=(18, 66)):
        first, last = event_window(person, scope)
        kinds = {kind for kind, day in starts.get(person.person_id, []) if first <= day <= last}
        if kinds:
            yield Item(
                person_id=person.person_id,
                household_id=person.household_id,
                groups={"result": WORK if WORK in kinds else EDUCATION},
            )


# the records behind the costs, by where the price is recorded (``unpriced_cost_records``)
ACTIVITIES = "activities"
SUPPORTS = "supports"
BOOKINGS = "bookings"
STAYS = "stays"


@indicator(
    key="unpriced_cost_records",
    name=_("Poster uden pris"),
    description=_(
        "De poster, udgiftsmålene læser, men som ingen pris har: aktiviteter og "
        "støtteforanstaltninger, der løber i perioden, tolkebestillinger (bekræftet eller "
        "gennemført) med start i perioden og ophold i midlertidig bolig, der løber i perioden. "
        "En aktivitet uden pris kan være gratis for kommunen (virksomhedspraktik, IGU), eller "
        "prisen er ikke skrevet ind; udgiftsmålene regner dem som 0 kr. Med årgang: kun "
        "husstande, der ankom det år."
    ),
    unit=Unit.COUNT,
    good=Good.DOWN,
    breakdowns=("source",),
    sources=("programme", "interpreting", "housing"),
)
def unpriced_cost_records(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    for source, rows in (
        (ACTIVITIES, _activities(municipality, scope, priced=False)),
        (SUPPORTS, _supports(municipality, scope, priced=False)),
    ):
        for person_id, household_id in rows.values_list(
            "plan__person_id", "plan__person__household_id"
        ).order_by("pk"):
            yield Item(person_id=person_id, household_id=household_id, groups={"source": source})
    bookings = _bookings(municipality, scope, priced=False)
    for (household_id,) in bookings.values_list("appointment__household_id").order_by("pk"):
        yield Item(household_id=household_id, groups={"source": BOOKINGS})
    stays = _stays(municipality, scope, priced=False)
    for (household_id,) in stays.values_list("household_id").order_by("pk"):
        yield Item(household_id=household_id, groups={"source": STAYS})
