"""The rules engine's facts of a person (PRG-7): the case's takeover date, employments,
educations and passed Danish exams, read in bulk. The grants' selectors and the stored table of
derived grants (``derived``) both read them here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from velkomst.danish.selectors import exams_passed
from velkomst.engines import grants as engine
from velkomst.people.models import Case

from .models import EducationOutcome, Employment, SubsidyKind


def person_facts(
    person_id: int,
    takeover: date,
    employments: Iterable[Employment],
    educations: Iterable[EducationOutcome],
    exams: Iterable[tuple[str, date]],
) -> engine.PersonFacts:
    return engine.PersonFacts(
        person_id=person_id,
        takeover=takeover,
        employments=tuple(
            engine.EmploymentSpell(
                id=e.pk,
                start=e.start_date,
                end=e.end_date,
                hours_per_week=e.hours_per_week,
                subsidised=e.subsidy != SubsidyKind.NONE,
                employer=e.employer_name,
            )
            for e in employments
        ),
        educations=tuple(
            engine.EducationSpell(
                id=e.pk,
                started_on=e.started_on,
                qualifying=e.qualifying,
                completed_on=e.completed_on,
                dropped_on=e.dropped_on,
                programme=e.programme,
                institution=e.institution,
            )
            for e in educations
        ),
        exams=tuple(engine.ExamPassed(exam, day) for exam, day in exams),
    )


def facts_for(*, municipality_id: int, person_ids: list[int]) -> list[engine.PersonFacts]:
    """The engine's input for many persons (those with a case), in a constant number of
    queries."""
    takeovers = dict(
        Case.objects.filter(municipality_id=municipality_id, person_id__in=person_ids).values_list(
            "person_id", "takeover_date"
        )
    )
    jobs: dict[int, list[Employment]] = defaultdict(list)
    for employment in Employment.objects.filter(
        municipality_id=municipality_id, person_id__in=person_ids
    ).order_by("start_date", "id"):
        jobs[employment.person_id].append(employment)
    studies: dict[int, list[EducationOutcome]] = defaultdict(list)
    for education in EducationOutcome.objects.filter(
        municipality_id=municipality_id, person_id__in=person_ids
    ).order_by("started_on", "id"):
        studies[education.person_id].append(education)
    exams = exams_passed(municipality_id=municipality_id, person_ids=list(takeovers))
    return [
        person_facts(pk, takeovers[pk], jobs[pk], studies[pk], exams[pk])
        for pk in person_ids
        if pk in takeovers
    ]


def facts_of_municipality(*, municipality_id: int) -> list[engine.PersonFacts]:
    """The engine's input for every person of the municipality with a case and a fact that can
    earn a grant (an unsupported job, a qualifying education or a passed exam), in four queries
    filtered by the municipality, never by a list of ids (the indicator library, MI-1)."""
    from velkomst.danish.models import DanishExam, ExamResult

    jobs: dict[int, list[Employment]] = defaultdict(list)
    for employment in Employment.objects.filter(municipality_id=municipality_id).order_by(
        "start_date", "id"
    ):
        jobs[employment.person_id].append(employment)
    studies: dict[int, list[EducationOutcome]] = defaultdict(list)
    for education in EducationOutcome.objects.filter(municipality_id=municipality_id).order_by(
        "started_on", "id"
    ):
        studies[education.person_id].append(education)
    exams: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for person_id, exam, taken_on in (
        DanishExam.objects.filter(municipality_id=municipality_id, result=ExamResult.PASSED)
        .order_by("taken_on", "id")
        .values_list("person_id", "exam", "taken_on")
    ):
        exams[person_id].append((exam, taken_on))
    candidates = (
        {pk for pk, spells in jobs.items() if any(e.subsidy == SubsidyKind.NONE for e in spells)}
        | {pk for pk, spells in studies.items() if any(e.qualifying for e in spells)}
        | set(exams)
    )
    takeovers = Case.objects.filter(municipality_id=municipality_id).values_list(
        "person_id", "takeover_date"
    )
    return [
        person_facts(pk, takeover, jobs[pk], studies[pk], exams[pk])
        for pk, takeover in takeovers.order_by("person_id")
        if pk in candidates
    ]
