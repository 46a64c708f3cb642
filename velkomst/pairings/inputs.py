"""The volunteer matching engine's input from the models (CIV-2, CIV-3): households as
``Household``, offers as ``Offer``, the travel grid and the weights. Plain reads in bulk, a fixed
number of queries whatever the number of households; callers scope the households (selectors).

- A household consents when every adult member's consent covers contact by a volunteer
  (``contact.volunteer``) at the moment asked (a household of children only: every member's);
  one query through ``consent.selectors.persons_consenting``.
- Type: adults (no member under 18), family (adults and children) or children (no adult).
- Languages: the members' languages; area: the dwelling's of the current housing placement.
- Offers: the active offers of approved volunteers, with their remaining capacity (the capacity
  less the matches that hold a place) and whether the volunteer may meet children on the day
  (``volunteers.eligibility.child_eligible``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Q

from velkomst.core.config import config_in_force
from velkomst.core.models import Municipality
from velkomst.engines import volunteer_matching as engine
from velkomst.housing.models import AreaTravel, Placement
from velkomst.people.codes import language_code_of
from velkomst.people.models import Person, PersonLanguage
from velkomst.volunteers.eligibility import child_eligible
from velkomst.volunteers.models import Offer, VolunteerStatus

from .models import ACTIVE_STATES, Wish

ADULT_AGE = 18
CHUNK = 5000
CONTACT_VOLUNTEER = "contact.volunteer"


def weights(municipality: Municipality, on: date | None = None) -> engine.Weights:
    config = config_in_force(municipality, on)
    defaults = engine.Weights()
    points = {
        name: float(getattr(defaults, name))
        for name in ("kind", "languages", "travel", "interests", "weekdays")
    }
    points.update(
        {k: float(v) for k, v in (config["pairing_weights"] or {}).items() if k in points}
    )
    return engine.Weights(**points, max_travel_minutes=int(config["pairing_max_travel_minutes"]))


def travel(municipality_id: int) -> dict[tuple[int, int], int]:
    grid: dict[tuple[int, int], int] = {}
    for a, b, minutes in AreaTravel.objects.filter(municipality_id=municipality_id).values_list(
        "from_area_id", "to_area_id", "minutes"
    ):
        grid[(a, b)] = minutes
        grid.setdefault((b, a), minutes)
    return grid


def _language(code: str) -> str:
    return language_code_of(code) or code


def household_type(ages: Iterable[int]) -> str:
    ages = list(ages)
    adults = sum(a >= ADULT_AGE for a in ages)
    if adults == len(ages):
        return "adults"
    return "family" if adults else "children"


def consent_subjects(members: Sequence[Any], on: date) -> list[Any]:
    """The members whose consent counts for the household: the adults, or every member of a
    household of children only."""
    adults = [m for m in members if m.age_on(on) >= ADULT_AGE]
    return adults or list(members)


def consenting_persons(person_ids: Iterable[int], at: datetime | None = None) -> set[int]:
    from velkomst.consent.selectors import persons_consenting

    ids = list(person_ids)
    out: set[int] = set()
    for start in range(0, len(ids), CHUNK):  # one query per CHUNK persons (SQLite's limits)
        out |= persons_consenting(ids[start : start + CHUNK], CONTACT_VOLUNTEER, at=at)
    return out


def households(
    household_ids: Sequence[int], on: date, at: datetime | None = None
) -> list[engine.Household]:
    ids = list(household_ids)
    members: dict[int, list[Person]] = defaultdict(list)
    for p in Person.objects.filter(household_id__in=ids).only("id", "household_id", "birth_date"):
        members[p.household_id].append(p)
    langs: dict[int, set[str]] = defaultdict(set)
    for household_id, code in PersonLanguage.objects.filter(
        person__household_id__in=ids
    ).values_list("person__household_id", "language"):
        langs[household_id].add(_language(code))
    areas: dict[int, int] = {}
    for household_id, area_id in (
        Placement.objects.filter(household_id__in=ids, end_date__isnull=True)
        .order_by("household_id", "start_date", "id")
        .values_list("household_id", "dwelling__area_id")
    ):
        if area_id is not None:
            areas[household_id] = area_id
    wishes = {w.household_id: w for w in Wish.objects.filter(household_id__in=ids)}
    subjects = {hid: consent_subjects(members[hid], on) for hid in ids}
    consenting = consenting_persons([p.pk for ps in subjects.values() for p in ps], at)
    out = []
    for hid in ids:
        wish = wishes.get(hid)
        out.append(
            engine.Household(
                id=hid,
                kinds=tuple(wish.kinds) if wish else (),
                languages=frozenset(langs[hid]),
                area_id=areas.get(hid),
                interests=frozenset(str(i).casefold() for i in (wish.interests if wish else [])),
                type=household_type(p.age_on(on) for p in members[hid]),
                weekdays=frozenset(int(d) for d in (wish.weekdays if wish else [])),
                consent=bool(subjects[hid]) and all(p.pk in consenting for p in subjects[hid]),
            )
        )
    return out


def offer_rows(municipality_id: int, *, kinds: Sequence[str] = ()) -> list[Offer]:
    """The active offers of approved volunteers with a place left, each with ``taken``: the
    matches holding a place. ``kinds``: only offers of these kinds (a household's wished kinds:
    the others break the kind rule, so one household's suggestions need not read them)."""
    qs = Offer.objects.filter(
        municipality_id=municipality_id,
        active=True,
        volunteer__status=VolunteerStatus.APPROVED,
    )
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    return list(
        qs.select_related("volunteer")
        .annotate(taken=Count("matches", filter=Q(matches__state__in=ACTIVE_STATES)))
        .filter(taken__lt=F("capacity"))  # a full offer breaks the capacity rule
        .order_by("id")
    )


def offers(rows: Sequence[Offer], on: date) -> list[engine.Offer]:
    eligible: dict[int, bool] = {}
    out = []
    for o in rows:
        v = o.volunteer
        if v.pk not in eligible:
            eligible[v.pk] = child_eligible(v, on)
        out.append(
            engine.Offer(
                id=o.pk,
                kind=o.kind,
                volunteer_id=v.pk,
                languages=frozenset(_language(c) for c in [*o.languages, *v.languages]),
                area_id=o.area_id or v.area_id,
                interests=frozenset(
                    w.casefold().strip(".,;:") for w in o.description.split() if len(w) > 2
                ),
                audience=frozenset(o.audience),
                weekdays=frozenset(int(d) for d in o.weekdays),
                capacity=max(0, o.capacity - int(getattr(o, "taken", 0))),
                child_ok=eligible[v.pk],
            )
        )
    return out
