"""Community: volunteer matches, continuity in leisure and associations, video interpreting and
cooperation agreements (MI-1).

Continuity is the rule of ``engines/continuity.py`` (CIV-5, CHI-4: a person is still active N
months after their first start when one of their participations covers that day; a change of
club is no break), read through ``community.selectors.spells``, never counted again here.

Group keys and their labels (``velkomst.indicators.labels.group_label``):

- ``group`` (leisure continuity): the engine's ``girls``, ``boys``, ``women``, ``men``, ``other``
  → "Piger", "Drenge", "Kvinder", "Mænd", "Andre".
- ``language`` (video_interpreting_share): the booking's ISO 639 code → the language's name
  (``people.codes.language_name``).
- ``kind`` (cooperation_agreements): ``association``, ``volunteer``, ``housing_association`` →
  "Foreninger", "Frivillige", "Boligorganisationer".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from functools import partial

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from velkomst.associations.models import HousingAssociation
from velkomst.community.models import Association, Participation
from velkomst.community.selectors import spells
from velkomst.core.models import Municipality
from velkomst.engines import continuity
from velkomst.engines.calendar import add_months
from velkomst.interpreting.models import Booking, BookingStatus, Mode
from velkomst.pairings.models import Match
from velkomst.people.models import Household, Person
from velkomst.volunteers.models import Volunteer, VolunteerStatus

from ..library import Item, Scope, Unit, indicator
from .common import measure_day, of_cohort


@indicator(
    key="volunteer_matches_per_household",
    name=_("Match med frivillige pr. husstand"),
    description=_(
        "Husstande, der var ankommet på periodens sidste dag: det gennemsnitlige antal match med "
        "en frivillig, som både husstanden og den frivillige havde accepteret senest den dag "
        "(afslåede og blot foreslåede match tæller ikke; et afsluttet match tæller stadig). Med "
        "måneder siden ankomst måles hver husstand det antal måneder efter sin ankomst, og kun "
        "husstande, der har været her så længe ved periodens slutning, er med. Med årgang: kun "
        "husstande, der ankom det år."
    ),
    unit=Unit.AVERAGE,
    sources=("pairings",),
)
def volunteer_matches_per_household(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    accepted: dict[int, list[date]] = defaultdict(list)
    for household_id, day in Match.objects.filter(
        municipality=municipality, accepted_on__isnull=False, accepted_on__lte=scope.end
    ).values_list("household_id", "accepted_on"):
        assert day is not None  # filtered above
        accepted[household_id].append(day)
    households = Household.objects.filter(
        municipality=municipality, arrival_date__isnull=False, arrival_date__lte=scope.end
    )
    households = of_cohort(households, scope, "")
    for household_id, arrival in households.values_list("pk", "arrival_date").order_by("pk"):
        assert arrival is not None  # filtered above
        day = measure_day(arrival, scope)
        if day is None:
            continue
        matches = sum(1 for accepted_on in accepted.get(household_id, []) if accepted_on <= day)
        yield Item(matches, household_id=household_id)


def _continuity(municipality: Municipality, scope: Scope, months: int) -> Iterator[Item]:
    """Persons whose ``months`` after their first start in an association fell in the period:
    1 if still taking part that day (the engine's rule), else 0."""
    participations = Participation.objects.filter(municipality=municipality)
    participations = of_cohort(participations, scope, "person__household")
    by_person: dict[int, list[continuity.Spell]] = defaultdict(list)
    for spell in spells(participations):
        by_person[spell.person_id].append(spell)
    households = dict(
        Person.objects.filter(municipality=municipality, participations__isnull=False)
        .distinct()
        .values_list("pk", "household_id")
    )
    for person_id in sorted(by_person):
        person_spells = by_person[person_id]
        first = min(person_spells, key=lambda s: s.started_on)
        day = add_months(first.started_on, months)
        if not scope.start <= day <= scope.end:
            continue
        kept = continuity.still_active(person_spells, months, scope.end)
        yield Item(
            int(bool(kept)),
            person_id=person_id,
            household_id=households.get(person_id),
            groups={"group": continuity.group_of(first.sex, first.child)},
        )


# leisure_continuity_3_months and leisure_continuity_6_months: the engine's milestones
for _months in continuity.MILESTONES:
    indicator(
        key=f"leisure_continuity_{_months}_months",
        name=format_lazy(_("Stadig aktiv i fritidsliv efter {months} måneder"), months=_months),
        description=format_lazy(
            _(
                "Personer, der er startet i en forening eller fritidsaktivitet, og hvis {months} "
                "måneder efter deres første start faldt i perioden: andelen, der stadig deltog "
                "den dag (et skift af forening er intet brud; reglen i CIV-5/CHI-4). Med årgang: "
                "kun personer i husstande, der ankom det år. Måneder siden ankomst bruges ikke "
                "(tallet måles fra starten i foreningen). Opdelt på piger og drenge (under 18 år "
                "ved første start), kvinder og mænd."
            ),
            months=_months,
        ),
        unit=Unit.SHARE,
        breakdowns=("group",),
        sources=("community",),
    )(partial(_continuity, months=_months))


@indicator(
    key="video_interpreting_share",
    name=_("Andel tolkninger via video"),
    description=_(
        "Tolkebestillinger til møder med husstande, der begynder i perioden og ikke er aflyst: "
        "andelen, der er videotolkning (frem for fremmøde- eller telefontolkning). Med årgang: "
        "kun bestillinger til husstande, der ankom det år. Måneder siden ankomst bruges ikke. "
        "Opdelt på sprog."
    ),
    unit=Unit.SHARE,
    breakdowns=("language",),
    sources=("interpreting",),
)
def video_interpreting_share(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    rows = Booking.objects.filter(
        municipality=municipality,
        starts_at__date__gte=scope.start,
        starts_at__date__lte=scope.end,
    ).exclude(status=BookingStatus.CANCELLED)
    rows = of_cohort(rows, scope, "appointment__household")
    for household_id, language, mode in rows.values_list(
        "appointment__household_id", "language", "mode"
    ).order_by("pk"):
        yield Item(
            int(mode == Mode.VIDEO), household_id=household_id, groups={"language": language}
        )


@indicator(
    key="cooperation_agreements",
    name=_("Samarbejdsaftaler med foreninger, frivillige og organisationer"),
    description=_(
        "Platformen har ingen særskilt registrering af samarbejdsaftaler; tallet tæller de aftaler, "
        "den kender: foreninger med mindst ét gratis medlemskab (mod frivilligt arbejde), der løb "
        "i perioden; frivillige, der er godkendt nu og blev godkendt senest periodens sidste dag; "
        "og boligorganisationer, der er aktive i boligfordelingen nu. Årgang og måneder siden "
        "ankomst bruges ikke (aftalerne gælder ikke bestemte personer). Opdelt på foreninger, "
        "frivillige og boligorganisationer."
    ),
    unit=Unit.COUNT,
    breakdowns=("kind",),
    sources=("community", "volunteers", "associations"),
)
def cooperation_agreements(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    for _pk in (
        Association.objects.filter(
            municipality=municipality,
            free_memberships__starts_on__lte=scope.end,
            free_memberships__ends_on__gte=scope.start,
        )
        .distinct()
        .values_list("pk", flat=True)
        .order_by("pk")
    ):
        yield Item(groups={"kind": "association"})
    for _pk in (
        Volunteer.objects.filter(
            municipality=municipality,
            status=VolunteerStatus.APPROVED,
            decided_at__date__lte=scope.end,
        )
        .values_list("pk", flat=True)
        .order_by("pk")
    ):
        yield Item(groups={"kind": "volunteer"})  # an agreement, not a citizen: no person
    for _pk in (
        HousingAssociation.objects.filter(municipality=municipality, active=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    ):
        yield Item(groups={"kind": "housing_association"})
