"""Danish education for adults (PRG-2): exams passed, the exam of the education a person was
referred to, and the referral within a month of the takeover (domain-facts.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.danish.models import DanishExam, DanishReferral, ExamResult
from velkomst.danish.rules import EXAM_AFTER, referral_due
from velkomst.engines.deadlines import age_on
from velkomst.people.models import Case

from ..library import Item, Scope, Unit, indicator
from .common import age_band, arrived, of_cohort
from .periods import event_window

# The exams each track leads to (DU3 to both Prøve i Dansk 3 and Studieprøven).
TRACK_EXAMS: dict[str, frozenset[str]] = {
    track: frozenset(exam for exam, (of, _module) in EXAM_AFTER.items() if of == track)
    for track in {track for track, _module in EXAM_AFTER.values()}
}


def _passed(municipality: Municipality) -> dict[int, list[tuple[str, date]]]:
    """Every person's passed exams (exam, day taken), oldest first. One query."""
    found: dict[int, list[tuple[str, date]]] = {}
    for person_id, exam, taken_on in (
        DanishExam.objects.filter(municipality=municipality, result=ExamResult.PASSED)
        .order_by("taken_on", "id")
        .values_list("person_id", "exam", "taken_on")
    ):
        found.setdefault(person_id, []).append((exam, taken_on))
    return found


@indicator(
    key="danish_exams_passed",
    name=_("Beståede danskprøver"),
    description=_(
        "Antal beståede danskprøver (Prøve i Dansk 1, 2, 3 og Studieprøven) aflagt i perioden af "
        "kommunens flygtninge og familiesammenførte, der er ankommet (af årgangen, hvis valgt); "
        "efter antal måneder siden ankomsten: prøver aflagt fra ankomsten til det antal måneder "
        "efter, for dem der har været her så længe ved periodens slutning. Opdelt på prøve."
    ),
    unit=Unit.COUNT,
    breakdowns=("exam", "sex", "age"),
    sources=("danish",),
)
def danish_exams_passed(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    people = {p.person_id: p for p in arrived(municipality, scope)}
    for person_id, exams in _passed(municipality).items():
        person = people.get(person_id)
        if person is None:
            continue
        first, last = event_window(person, scope)
        for exam, taken_on in exams:
            if first <= taken_on <= last:
                yield Item(
                    1,
                    person_id=person_id,
                    household_id=person.household_id,
                    groups={"exam": exam, "sex": person.sex, "age": age_band(person.age)},
                )


@indicator(
    key="danish_referred_exam_passed",
    name=_("Andel der består prøven på den danskuddannelse, de er henvist til"),
    description=_(
        "Flygtninge og familiesammenførte med en sag, der er henvist til danskuddannelse, og "
        "hvis integrationsperiode (sagens programperiode) sluttede i perioden (af årgangen, hvis "
        "valgt): andelen, der inden integrationsperiodens slutning bestod en prøve, som en af "
        "deres henvisninger fører til (DU1: Prøve i Dansk 1, DU2: Prøve i Dansk 2, DU3: Prøve i "
        "Dansk 3 eller Studieprøven). Efter antal måneder siden ankomsten: alle henviste, der har "
        "været her så længe ved periodens slutning, målt på dagen det antal måneder efter "
        "ankomsten (eller integrationsperiodens slutning, hvis den kom før)."
    ),
    unit=Unit.SHARE,
    breakdowns=("track", "sex", "age"),
    sources=("danish", "people"),
)
def danish_referred_exam_passed(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    periods = dict(
        (person_id, (takeover, end))
        for person_id, takeover, end in Case.objects.filter(municipality=municipality).values_list(
            "person_id", "takeover_date", "programme_end_date"
        )
    )
    referrals: dict[int, list[tuple[date, str]]] = {}
    for person_id, referred_on, track in (
        DanishReferral.objects.filter(municipality=municipality)
        .order_by("referred_on", "id")
        .values_list("person_id", "referred_on", "track")
    ):
        referrals.setdefault(person_id, []).append((referred_on, track))
    passed = _passed(municipality)
    for person in arrived(municipality, scope):
        period = periods.get(person.person_id)
        if period is None or person.person_id not in referrals:
            continue
        programme_end = period[1]
        if scope.months_since_arrival is None:
            if not scope.start <= programme_end <= scope.end:
                continue
            until = programme_end
        else:
            until = min(person.measured_on, programme_end)
        tracks = [track for day, track in referrals[person.person_id] if day <= until]
        if not tracks:
            continue
        leads_to = frozenset().union(*(TRACK_EXAMS.get(track, frozenset()) for track in tracks))
        done = any(
            exam in leads_to and day <= until for exam, day in passed.get(person.person_id, [])
        )
        yield Item(
            int(done),
            person_id=person.person_id,
            household_id=person.household_id,
            groups={
                "track": tracks[-1],
                "sex": person.sex,
                "age": age_band(age_on(person.birth_date, until)),
            },
        )


@indicator(
    key="danish_referral_within_month",
    name=_("Andel henvist til danskuddannelse inden for en måned efter overtagelsen"),
    description=_(
        "Voksne (18 år eller derover på overtagelsesdagen) med en sag, hvis frist for henvisning "
        "til danskuddannelse (en måned efter overtagelsesdatoen, flyttet til næste arbejdsdag) "
        "faldt i perioden (af årgangen, hvis valgt): andelen, hvis første henvisning er dateret "
        "senest på fristen. Antal måneder siden ankomsten bruges ikke: fristen fastlægger "
        "tidspunktet."
    ),
    unit=Unit.SHARE,
    breakdowns=("sex", "age"),
    sources=("danish", "people"),
)
def danish_referral_within_month(municipality: Municipality, scope: Scope) -> Iterator[Item]:
    first_referral = dict(
        DanishReferral.objects.filter(municipality=municipality)
        .values("person_id")
        .annotate(first=Min("referred_on"))
        .values_list("person_id", "first")
    )
    for person_id, household_id, takeover, birth, sex in deadline_cases(municipality, scope):
        due = referral_due(takeover)
        assert due is not None
        if not scope.start <= due <= scope.end:
            continue
        referred = first_referral.get(person_id)
        yield Item(
            int(referred is not None and referred <= due),
            person_id=person_id,
            household_id=household_id,
            groups={"sex": sex, "age": age_band(age_on(birth, takeover))},
        )


def deadline_cases(
    municipality: Municipality, scope: Scope
) -> Iterator[tuple[int, int, date, date, str]]:
    """The cases of persons 18 or over on the takeover day, of the scope's cohort (by the
    household's arrival year): (person, household, takeover date, birth date, sex). The caller
    keeps those whose deadline falls in the period. One query."""
    rows = Case.objects.filter(municipality=municipality)
    rows = of_cohort(rows, scope, "person__household")
    for person_id, household_id, takeover, birth, sex in rows.values_list(
        "person_id", "person__household_id", "takeover_date", "person__birth_date", "person__sex"
    ).order_by("person_id"):
        if age_on(birth, takeover) >= 18:
            yield person_id, household_id, takeover, birth, sex
