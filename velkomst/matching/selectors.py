"""Reads of matching (PRG-4): the ranked persons for an opening, the ranked openings for a
person, and batch runs. Always scoped to the user's municipality, COMPANY_VIEW, and the persons
the user may see (``people.selectors.persons_visible_to``).

Who is a candidate: a person of 18 to 64 on the day whose case is in reception or the programme
(the integration programme's adults), visible to the user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language

from velkomst.companies.models import Opening, OpeningStatus, Proposal
from velkomst.competences.occupations import occupation_name
from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.engines import matching as engine
from velkomst.people.models import Person, Phase
from velkomst.people.selectors import persons_visible_to

from . import inputs
from .models import MatchingRun, MatchingSuggestion

MIN_AGE, MAX_AGE = 18, 64


def language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


def trade_namer(lang: str) -> Callable[[str], str]:
    def name(code: str) -> str:
        title = occupation_name(code, lang)
        return title if title and title != code else code

    return name


def reasons_text(reasons: Sequence[engine.Reason], lang: str | None = None) -> list[str]:
    """Reasons in the reader's language (``lang``, else the active language)."""
    lang = lang or language()
    name = trade_namer(lang)
    return [engine.render(r, lang, name) for r in reasons]


def stored_reasons_text(data: Sequence[dict[str, Any]], lang: str | None = None) -> list[str]:
    return reasons_text([engine.reason_from_data(item) for item in data], lang)


def propose_url(opening_id: int, person_id: int) -> str | None:
    """The companies part's proposal form for the pair (None until that page exists)."""
    try:
        url = reverse("companies:proposal-create")
    except NoReverseMatch:
        return None
    return f"{url}?opening={opening_id}&person={person_id}"


def candidates(user: StaffUser, today: date | None = None) -> QuerySet[Person]:
    """The persons the user may see who could take an opening (adults of the programme)."""
    access.require(user, access.COMPANY_VIEW)
    today = today or timezone.localdate()
    youngest = date(today.year - MIN_AGE, today.month, min(today.day, 28))
    oldest = date(today.year - MAX_AGE - 1, today.month, min(today.day, 28)) + timedelta(days=1)
    return (
        persons_visible_to(user)
        .filter(
            birth_date__lte=youngest,
            birth_date__gte=oldest,
            case__phase__in=[Phase.RECEPTION, Phase.PROGRAMME],
        )
        .order_by("pk")
    )


def open_openings(user: StaffUser, *, unproposed: bool = False) -> QuerySet[Opening]:
    """The municipality's open openings; ``unproposed``: only those nobody is proposed for."""
    access.require(user, access.COMPANY_VIEW)
    openings = Opening.objects.filter(
        municipality_id=access.tenant_id(user), status=OpeningStatus.OPEN
    )
    if unproposed:
        openings = openings.exclude(Exists(Proposal.objects.filter(opening=OuterRef("pk"))))
    return openings.select_related("company", "area").order_by("start_on", "pk")


def opening_get(user: StaffUser, pk: int) -> Opening:
    access.require(user, access.COMPANY_VIEW)
    opening = (
        Opening.objects.filter(municipality_id=access.tenant_id(user), pk=pk)
        .select_related("company", "area")
        .first()
    )
    if opening is None:
        raise Http404
    return opening


def person_get(user: StaffUser, pk: int) -> Person:
    access.require(user, access.COMPANY_VIEW)
    person = persons_visible_to(user, few=True).filter(pk=pk).select_related("household").first()
    if person is None:
        raise Http404
    return person


@dataclass(frozen=True)
class Row:
    """One line of a ranked list: the person or the opening, its match and reasons in words."""

    match: engine.Match
    reasons: list[str]
    person: Person | None = None
    opening: Opening | None = None
    proposed: bool = False
    propose_url: str | None = None


@dataclass(frozen=True)
class Ranked:
    rows: list[Row]  # eligible ones first, then by score
    eligible: int
    total: int
    parameters: dict[str, Any]


def rank_for_opening(user: StaffUser, opening: Opening, *, lang: str | None = None) -> Ranked:
    """Every candidate the user sees, ranked for the opening."""
    municipality_id = access.tenant_id(user)
    params = inputs.parameters(municipality_id)
    today = timezone.localdate()
    persons = list(candidates(user, today).select_related("household"))
    by_id = {p.pk: p for p in persons}
    seekers = inputs.seekers(municipality_id, persons, params, today)
    matches = engine.rank_seekers(
        inputs.engine_opening(opening),
        seekers,
        inputs.travel(municipality_id),
        inputs.weights_of(params),
    )
    proposed = set(
        Proposal.objects.filter(opening=opening, person_id__in=list(by_id)).values_list(
            "person_id", flat=True
        )
    )
    lang = lang or language()
    rows = [
        Row(
            match=m,
            reasons=reasons_text(m.reasons, lang),
            person=by_id[m.seeker_id],
            proposed=m.seeker_id in proposed,
            propose_url=propose_url(opening.pk, m.seeker_id) if m.eligible else None,
        )
        for m in matches
    ]
    return Ranked(rows, sum(m.eligible for m in matches), len(matches), params)


def rank_for_person(user: StaffUser, person: Person, *, lang: str | None = None) -> Ranked:
    """Every open opening of the municipality, ranked for the person."""
    municipality_id = access.tenant_id(user)
    params = inputs.parameters(municipality_id)
    today = timezone.localdate()
    openings = list(open_openings(user))
    by_id = {o.pk: o for o in openings}
    seeker = inputs.seekers(municipality_id, [person], params, today)[0]
    matches = engine.rank_openings(
        seeker,
        [inputs.engine_opening(o) for o in openings],
        inputs.travel(municipality_id),
        inputs.weights_of(params),
    )
    proposed = set(
        Proposal.objects.filter(person=person, opening_id__in=list(by_id)).values_list(
            "opening_id", flat=True
        )
    )
    lang = lang or language()
    rows = [
        Row(
            match=m,
            reasons=reasons_text(m.reasons, lang),
            opening=by_id[m.opening_id],
            proposed=m.opening_id in proposed,
            propose_url=propose_url(m.opening_id, person.pk) if m.eligible else None,
        )
        for m in matches
    ]
    return Ranked(rows, sum(m.eligible for m in matches), len(matches), params)


# --- Runs ----------------------------------------------------------------------------------------


def runs_for(user: StaffUser) -> QuerySet[MatchingRun]:
    access.require(user, access.COMPANY_VIEW)
    return MatchingRun.objects.filter(municipality_id=access.tenant_id(user)).select_related(
        "created_by"
    )


def run_get(user: StaffUser, pk: int) -> MatchingRun:
    run = runs_for(user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def suggestions_of(user: StaffUser, run: MatchingRun) -> QuerySet[MatchingSuggestion]:
    """The run's suggestions of persons the user may see, by opening and score."""
    visible = persons_visible_to(user).values("pk")
    return (
        run.suggestions.filter(person_id__in=visible)
        .select_related("opening__company", "person")
        .order_by("opening__start_on", "opening_id", "-score", "pk")
    )
