"""Children: days from arrival to the start in daycare or school, and refugees' children per
daycare and school (MI-1, MI-5). Read from ``families.ChildPlacement`` (one placement per child:
the place the child has, with its actual start).

Group keys and their labels (``velkomst.indicators.labels.group_label``):

- ``kind``: ``daycare`` or ``school`` (``families.models.PlacementKind``) → its label.
- ``institution``: ``str(institution_id)`` of the register's institution → its name; a place at
  an institution typed in as free text has the key ``name:<the text>`` → the text; a place with
  neither has ``~none`` ("Ingen institution angivet").
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from velkomst.community.selectors import adult_born_before
from velkomst.core.models import Municipality
from velkomst.families.models import ChildPlacement, PlacementKind
from velkomst.people.codes import WESTERN_COUNTRIES

from ..library import Good, Item, Scope, Unit, indicator
from .common import of_cohort

KINDS = (PlacementKind.DAYCARE, PlacementKind.SCHOOL)
NO_INSTITUTION = "~none"


def institution_key(institution_id: int | None, name: str) -> str:
    if institution_id is not None:
        return str(institution_id)
    return f"name:{name.strip()}" if name.strip() else NO_INSTITUTION


@indicator(
    key="children_days_to_daycare_school",
    name=_("Dage fra ankomst til start i dagtilbud eller skole"),
    description=_(
        "Børn med en plads i dagtilbud eller skole, der faktisk startede i perioden: medianen af "
        "dagene fra husstandens ankomst til barnets start. Med årgang: kun børn i husstande, der "
        "ankom det år. Måneder siden ankomst bruges ikke (tallet er selv en tid efter ankomsten). "
        "Opdelt på dagtilbud og skole."
    ),
    unit=Unit.DAYS,
    good=Good.DOWN,
    breakdowns=("kind",),
    sources=("families",),
)
def children_days_to_daycare_school(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    rows = ChildPlacement.objects.filter(
        municipality=municipality,
        kind__in=KINDS,
        actual_start_date__gte=scope.start,
        actual_start_date__lte=scope.end,
        person__household__arrival_date__isnull=False,
    )
    rows = of_cohort(rows, scope, "person__household")
    for person_id, household_id, kind, started, arrival in rows.values_list(
        "person_id",
        "person__household_id",
        "kind",
        "actual_start_date",
        "person__household__arrival_date",
    ).order_by("pk"):
        assert started is not None and arrival is not None  # filtered above
        yield Item(
            max(0, (started - arrival).days),
            person_id=person_id,
            household_id=household_id,
            groups={"kind": kind},
        )


@indicator(
    key="children_per_institution",
    name=_("Flygtningebørn pr. dagtilbud og skole"),
    description=_(
        "Børn under 18 år på periodens sidste dag, hvis husstand var ankommet, og som på den dag "
        "havde startet i deres plads i dagtilbud eller skole: antallet pr. institution (og pr. "
        "dagtilbud/skole). Med årgang: kun børn i husstande, der ankom det år. Måneder siden "
        "ankomst bruges ikke (en opgørelse på én dag)."
    ),
    unit=Unit.COUNT,
    good=Good.NEITHER,
    breakdowns=("institution", "kind"),
    sources=("families",),
)
def children_per_institution(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    yield from _per_institution(_started_children(municipality, scope))


@indicator(
    key="non_western_children_per_institution",
    name=_("Flygtningebørn med ikke-vestlig baggrund pr. dagtilbud og skole"),
    description=_(
        "Som »Flygtningebørn pr. dagtilbud og skole«, men kun børn med ikke-vestlig baggrund: "
        "en nationalitet uden for Danmarks Statistiks vestlige lande (EU, Andorra, Island, "
        "Liechtenstein, Monaco, Norge, San Marino, Schweiz, Storbritannien, Vatikanstaten, "
        "Canada, USA, Australien og New Zealand); statsløse og ukendt nationalitet tælles med. "
        "Det tal, institutionernes grænse for andelen af børn med ikke-vestlig baggrund måles på."
    ),
    unit=Unit.COUNT,
    good=Good.NEITHER,
    breakdowns=("institution", "kind"),
    sources=("families",),
)
def non_western_children_per_institution(
    municipality: Municipality, scope: Scope
) -> Iterator[Item]:
    rows = _started_children(municipality, scope)
    yield from _per_institution(rows.exclude(person__nationality__in=WESTERN_COUNTRIES))


def _started_children(municipality: Municipality, scope: Scope) -> QuerySet[ChildPlacement]:
    """Children under 18 on the scope's last day, arrived, started in their place by then."""
    rows = ChildPlacement.objects.filter(
        municipality=municipality,
        kind__in=KINDS,
        actual_start_date__lte=scope.end,
        person__birth_date__gt=adult_born_before(scope.end),
        person__household__arrival_date__lte=scope.end,
    )
    return of_cohort(rows, scope, "person__household")


def _per_institution(rows: QuerySet[ChildPlacement]) -> Iterator[Item]:
    for person_id, household_id, kind, institution_id, name in rows.values_list(
        "person_id", "person__household_id", "kind", "institution_id", "institution_name"
    ).order_by("pk"):
        yield Item(
            person_id=person_id,
            household_id=household_id,
            groups={"institution": institution_key(institution_id, name), "kind": kind},
        )
