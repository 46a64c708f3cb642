"""Result grants (resultattilskud, PRG-7): what the state pays the municipality when a refugee it
is responsible for gets an ordinary job, starts a qualifying education or passes a Danish exam.

Plain Python (no Django): dated facts in, grants with their evidence out. The grants are derived
from the facts every time, never typed (velkomst.outcomes calls this with the person's records).

The rules (domain-facts.md, "Result grants"; integrationsloven § 45; BEK nr. 1591 af 15.12.2017
§§ 11-13; the ministry's rate tables):

- **Job**: ordinary employment (no wage subsidy, IGU or flexjob) lasting at least 6 continuous
  months at an average of at least 20 hours a week. Employments (with any employer) are one
  continuous stretch when the next starts at most ``MAX_GAP_DAYS`` days after the last ended (a
  weekend between two jobs); a longer break (a week) interrupts and the months count afresh.
  Days of a joined gap count as hours 0 in the average. The six months run from a start day to
  the day before the same date six months later (1 Jan - 30 Jun); the grant is earned on the
  window's last day, and the window's start (the job obtained) must lie in the qualifying period.
- **Education**: a qualifying (ordinary, study- or vocation-qualifying) education *started* in
  the qualifying period and continued for 6 continuous months (BEK § 12, stk. 1, 2 and 5: the
  grant is for starting, "påbegynder", on the first active day, on the condition that the
  education continues for at least 6 months); earned on the last day of those 6 months, or on
  the completion day when a shorter education is completed.
- **Danish exam**: a passed Danish exam (Prøve i Dansk 1, 2, 3, Studieprøven) taken in the
  qualifying period; earned on the day taken.
- Each kind is paid once per person: the first grant earned of each kind.
- The qualifying period runs from the takeover date for the years of the rate table in force on
  the day the result was achieved (the job obtained, the education started, the exam taken):
  2015, 3 years (integrationsprogrammet); 2024, 5 years with the full rate in the first 3 years
  and the reduced rate in years 4 and 5 for a job or an education.
- The amount is the rate table in force in the year the grant is earned (the latest table whose
  year is not after it), at the tier the achievement day falls in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .calendar import add_months

MONTHS_REQUIRED = 6
MIN_AVERAGE_HOURS = Decimal(20)
MAX_GAP_DAYS = 3  # days without employment that still keep a stretch continuous (a weekend)


class Kind(StrEnum):
    JOB = "job"
    EDUCATION = "education"
    DANISH = "danish"


class Tier(StrEnum):
    FULL = "full"  # within the full-rate years (the first 3)
    REDUCED = "reduced"  # years 4 and 5


@dataclass(frozen=True)
class RateTable:
    """The grants' amounts (whole kroner) from a year, and the qualifying period's years."""

    year: int
    job: int
    education: int
    danish: int
    full_years: int = 3
    job_reduced: int | None = None  # None: no grant after the full-rate years
    education_reduced: int | None = None
    period_years: int = 3
    approximate: bool = False  # a value domain-facts gives as "about"

    def amount(self, kind: Kind, tier: Tier) -> int | None:
        if kind == Kind.DANISH:
            return self.danish
        if tier == Tier.FULL:
            return self.job if kind == Kind.JOB else self.education
        return self.job_reduced if kind == Kind.JOB else self.education_reduced


# The presets (domain-facts.md, "Result grants"): 2015 from the ministry's rates for 2015
# (bm.dk "Satser for 2015", integrationsloven § 45, stk. 7: 48,440 kr job and education, 36,331
# kr Danish exam; domain-facts rounds it to "about 36,300"); 2024 from the 2024 rates (88,817 kr
# job or education within 3 years, 59,210 kr in years 4-5, 37,895 kr Danish exam).
PRESET_TABLES: dict[int, RateTable] = {
    2015: RateTable(year=2015, job=48_440, education=48_440, danish=36_331, period_years=3),
    2024: RateTable(
        year=2024,
        job=88_817,
        education=88_817,
        danish=37_895,
        job_reduced=59_210,
        education_reduced=59_210,
        period_years=5,
    ),
}


def tables_from_config(values: Mapping[str, Mapping[str, Any]] | None) -> dict[int, RateTable]:
    """Rate tables from configuration (``{"2026": {"job": ..., ...}}``) over the presets."""
    tables = dict(PRESET_TABLES)
    for year, row in (values or {}).items():
        tables[int(year)] = RateTable(year=int(year), **dict(row))
    return tables


def table_for(tables: Mapping[int, RateTable], year: int) -> RateTable:
    """The table in force in ``year``: the latest whose year is not after it (the oldest for a
    year before every table)."""
    years = sorted(tables)
    chosen = years[0]
    for candidate in years:
        if candidate <= year:
            chosen = candidate
    return tables[chosen]


@dataclass(frozen=True)
class EmploymentSpell:
    id: int
    start: date
    end: date | None  # None: ongoing
    hours_per_week: Decimal
    subsidised: bool = False
    employer: str = ""


@dataclass(frozen=True)
class EducationSpell:
    id: int
    started_on: date
    qualifying: bool
    completed_on: date | None = None
    dropped_on: date | None = None
    programme: str = ""
    institution: str = ""


@dataclass(frozen=True)
class ExamPassed:
    exam: str
    taken_on: date


@dataclass(frozen=True)
class PersonFacts:
    person_id: int
    takeover: date
    employments: tuple[EmploymentSpell, ...] = ()
    educations: tuple[EducationSpell, ...] = ()
    exams: tuple[ExamPassed, ...] = ()


@dataclass(frozen=True)
class JobEvidence:
    employment_ids: tuple[int, ...]
    window_start: date
    window_end: date
    average_hours: Decimal  # a week, over the window, rounded to 0.1


@dataclass(frozen=True)
class EducationEvidence:
    education_id: int
    started_on: date
    programme: str
    institution: str


@dataclass(frozen=True)
class ExamEvidence:
    exam: str
    taken_on: date


@dataclass(frozen=True)
class Grant:
    person_id: int
    kind: Kind
    achieved_on: date  # the job obtained, the education started, the exam taken
    earned_on: date
    tier: Tier
    amount: int
    table_year: int
    approximate: bool
    evidence: JobEvidence | EducationEvidence | ExamEvidence = field(compare=False)


@dataclass(frozen=True)
class Period:
    start: date  # the takeover date
    full_end: date  # last day of the full-rate years
    end: date  # last day of the qualifying period


def period(takeover: date, table: RateTable) -> Period:
    return Period(
        start=takeover,
        full_end=add_months(takeover, 12 * table.full_years) - timedelta(days=1),
        end=add_months(takeover, 12 * table.period_years) - timedelta(days=1),
    )


def months_end(start: date, months: int = MONTHS_REQUIRED) -> date:
    """The last day of ``months`` months from ``start`` (1 Jan -> 30 Jun for 6)."""
    return add_months(start, months) - timedelta(days=1)


@dataclass
class _Stretch:
    start: date
    end: date
    spells: list[EmploymentSpell]


def stretches(spells: Iterable[EmploymentSpell], as_of: date) -> list[_Stretch]:
    """Ordinary (unsubsidised) employments joined into continuous stretches: the next one starts
    at most ``MAX_GAP_DAYS`` days after the stretch's last day (an ongoing one ends ``as_of``)."""
    ordinary = sorted(
        (s for s in spells if not s.subsidised and s.start <= as_of), key=lambda s: s.start
    )
    found: list[_Stretch] = []
    for spell in ordinary:
        end = min(spell.end or as_of, as_of)
        if end < spell.start:
            continue
        last = found[-1] if found else None
        if last and (spell.start - last.end).days - 1 <= MAX_GAP_DAYS:
            last.end = max(last.end, end)
            last.spells.append(spell)
        else:
            found.append(_Stretch(spell.start, end, [spell]))
    return found


def _months_before(day: date) -> date:
    """``MONTHS_REQUIRED`` months before ``day`` (the earliest date for a day near year 1)."""
    return add_months(day, -MONTHS_REQUIRED) if day.year > 1 else date.min


def _hours(spells: Iterable[EmploymentSpell], start: date, end: date, as_of: date) -> Decimal:
    """Hours worked from ``start`` to ``end`` (inclusive) as hours-a-week × days (÷ 7 later)."""
    total = Decimal(0)
    for spell in spells:
        lo = max(spell.start, start)
        hi = min(spell.end or as_of, end, as_of)
        if hi >= lo:
            total += spell.hours_per_week * ((hi - lo).days + 1)
    return total


def job_grant(facts: PersonFacts, tables: Mapping[int, RateTable], as_of: date) -> Grant | None:
    best: tuple[date, date, _Stretch, Decimal] | None = None
    for stretch in stretches(facts.employments, as_of):
        candidates = {stretch.start, facts.takeover}
        for spell in stretch.spells:
            candidates.add(spell.start)
            candidates.add(_months_before(spell.start))
            if spell.end:
                candidates.add(_months_before(spell.end + timedelta(days=1)))
        for start in sorted(candidates):
            if start < stretch.start or start < facts.takeover:
                continue
            if start > date.max - timedelta(days=200):
                break
            end = months_end(start)
            if end > stretch.end:
                break
            days = (end - start).days + 1
            hours = _hours(stretch.spells, start, end, as_of)
            if hours < MIN_AVERAGE_HOURS * days:
                continue
            table = table_for(tables, start.year)
            if start > period(facts.takeover, table).end:
                break
            if best is None or end < best[1]:
                best = (start, end, stretch, hours / days)
            break
    if best is None:
        return None
    start, end, stretch, average = best
    used = tuple(
        s.id for s in stretch.spells if s.start <= end and (s.end is None or s.end >= start)
    )
    evidence = JobEvidence(used, start, end, average.quantize(Decimal("0.1")))
    return _grant(facts, tables, Kind.JOB, start, end, evidence)


def education_grant(
    facts: PersonFacts, tables: Mapping[int, RateTable], as_of: date
) -> Grant | None:
    best: Grant | None = None
    for spell in facts.educations:
        if not spell.qualifying or spell.started_on < facts.takeover:
            continue
        table = table_for(tables, spell.started_on.year)
        if spell.started_on > period(facts.takeover, table).end:
            continue
        earned = months_end(spell.started_on)
        if spell.completed_on and spell.completed_on < earned:
            earned = spell.completed_on
        elif spell.dropped_on and spell.dropped_on < earned:
            continue
        if earned > as_of:
            continue
        evidence = EducationEvidence(spell.id, spell.started_on, spell.programme, spell.institution)
        grant = _grant(facts, tables, Kind.EDUCATION, spell.started_on, earned, evidence)
        if grant and (best is None or grant.earned_on < best.earned_on):
            best = grant
    return best


def exam_grant(facts: PersonFacts, tables: Mapping[int, RateTable], as_of: date) -> Grant | None:
    for exam in sorted(facts.exams, key=lambda e: e.taken_on):
        if exam.taken_on < facts.takeover or exam.taken_on > as_of:
            continue
        table = table_for(tables, exam.taken_on.year)
        if exam.taken_on > period(facts.takeover, table).end:
            continue
        evidence = ExamEvidence(exam.exam, exam.taken_on)
        grant = _grant(facts, tables, Kind.DANISH, exam.taken_on, exam.taken_on, evidence)
        if grant:
            return grant
    return None


def _grant(
    facts: PersonFacts,
    tables: Mapping[int, RateTable],
    kind: Kind,
    achieved: date,
    earned: date,
    evidence: JobEvidence | EducationEvidence | ExamEvidence,
) -> Grant | None:
    achieved_table = table_for(tables, achieved.year)
    tier = (
        Tier.FULL if achieved <= period(facts.takeover, achieved_table).full_end else Tier.REDUCED
    )
    paying = table_for(tables, earned.year)
    amount = paying.amount(kind, tier)
    if amount is None:
        return None
    return Grant(
        person_id=facts.person_id,
        kind=kind,
        achieved_on=achieved,
        earned_on=earned,
        tier=tier,
        amount=amount,
        table_year=paying.year,
        approximate=paying.approximate,
        evidence=evidence,
    )


def grants(
    facts: PersonFacts, *, as_of: date, tables: Mapping[int, RateTable] | None = None
) -> list[Grant]:
    """The person's grants earned by ``as_of`` (at most one of each kind), earliest first."""
    use = tables or PRESET_TABLES
    found = [
        grant
        for grant in (
            job_grant(facts, use, as_of),
            education_grant(facts, use, as_of),
            exam_grant(facts, use, as_of),
        )
        if grant is not None
    ]
    return sorted(found, key=lambda g: (g.earned_on, g.kind))


def grants_for(
    people: Iterable[PersonFacts], *, as_of: date, tables: Mapping[int, RateTable] | None = None
) -> list[Grant]:
    return [grant for facts in people for grant in grants(facts, as_of=as_of, tables=tables)]
