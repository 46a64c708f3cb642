"""Demo data for Danish education (PRG-2): two language centres, and for every adult with a case
taken over by the demo's "today" a referral, module progress, monthly attendance and exams, aged
by the takeover date. Roughly realistic: most are referred within the month the law gives (some
late, a few not yet), most start within a month of the referral, a module takes four to eight
months by track, and a share passes the exam their track leads to at the next exam term.

Written with bulk inserts (no audit rows: demo facts, not anybody's action), deterministic for a
seeded ``random.Random``; the demo loader and ``bench/generate.py`` (20,000 persons) call
``install_demo``."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from velkomst.core.models import Municipality
from velkomst.engines.calendar import add_months
from velkomst.engines.deadlines import CHILD_AGE, age_on
from velkomst.people.models import Person

from . import rules
from .models import (
    DanishExam,
    DanishReferral,
    Exam,
    ExamResult,
    LanguageCentre,
    ModuleProgress,
    MonthlyAttendance,
    ReferralEndReason,
    Track,
)

BATCH = 2000
ATTENDANCE_MONTHS = 12  # the last months of attendance kept per referral (the demo's window)

CENTRES = [
    ("Sprogcenter %(city)s", "Skolegade 4", "kursist@sprogcenter.example", "Mette Kofoed"),
    ("Lær Dansk %(city)s", "Havnevej 12", "henvisning@laerdansk.example", "Jonas Riis"),
]
TRACK_WEIGHTS = {Track.DU1: 20, Track.DU2: 50, Track.DU3: 30}
# months a module takes, by track (DU1 is slower, DU3 faster)
MODULE_MONTHS = {Track.DU1: (6, 9), Track.DU2: (4, 6), Track.DU3: (3, 4)}
PASS_SHARE: dict[str, float] = {
    Exam.PD1: 0.6,
    Exam.PD2: 0.65,
    Exam.PD3: 0.55,
    Exam.STUDIEPROVEN: 0.5,
}
GRADES_PASSED = ["02", "4", "4", "7", "7", "7", "10", "10", "12"]
GRADES_FAILED = ["00", "-3"]


def next_exam_day(after: date) -> date:
    """The first exam day after ``after``: late May or early December (the terms)."""
    for year in (after.year, after.year + 1):
        for day in (date(year, 5, 28), date(year, 12, 2)):
            if day > after:
                return day
    return date(after.year + 1, 5, 28)


def install_demo(municipality: Municipality, rng: random.Random, today: date) -> Counter[str]:
    """The municipality's Danish education as of ``today``; the rows written, by table."""
    counts: Counter[str] = Counter()
    city = municipality.name
    centres = LanguageCentre.objects.bulk_create(
        [
            LanguageCentre(
                municipality=municipality,
                name=name % {"city": city},
                address=f"{street}, {city}",
                email=email,
                contact=contact,
            )
            for name, street, email, contact in CENTRES
        ]
    )
    counts["language_centres"] = len(centres)
    persons = (
        Person.objects.filter(municipality=municipality, case__isnull=False)
        .select_related("case")
        .order_by("pk")
    )
    referrals: list[DanishReferral] = []
    plans: list[tuple[DanishReferral, list[tuple[int, date, date | None]], list[tuple]]] = []
    for person in persons.iterator(chunk_size=BATCH):
        takeover = person.case.takeover_date
        if takeover > today or age_on(person.birth_date, takeover) < CHILD_AGE:
            continue
        days_since = (today - takeover).days
        draw = rng.random()
        if draw < 0.04 and days_since > 45:
            continue  # never referred (the overdue worklist has some)
        delay = rng.randint(3, 28) if draw < 0.85 else rng.randint(29, 60)
        referred = takeover + timedelta(days=delay)
        if referred > today:
            continue  # not referred yet, still within the deadline (or just past it)
        track = rng.choices(list(TRACK_WEIGHTS), weights=list(TRACK_WEIGHTS.values()))[0]
        start_on = referred + timedelta(days=rng.randint(7, 35))
        started = start_on if start_on <= today and rng.random() < 0.95 else None
        referral = DanishReferral(
            municipality=municipality,
            person=person,
            centre=rng.choice(centres),
            track=track,
            referred_on=referred,
            start_on=start_on,
            started_on=started,
        )
        modules: list[tuple[int, date, date | None]] = []
        exams: list[tuple] = []
        if started is not None:
            lo, hi = MODULE_MONTHS[track]
            day = started
            for module in range(1, 7):
                if day > today:
                    break
                passed = add_months(day, rng.randint(lo, hi))
                passed_on = passed if passed <= today else None
                modules.append((module, day, passed_on))
                if passed_on is None:
                    break
                for exam, (exam_track, after) in rules.EXAM_AFTER.items():
                    if exam_track == track and after == module:
                        sat = next_exam_day(passed_on)
                        if sat <= today:
                            ok = rng.random() < PASS_SHARE[exam]
                            exams.append((exam, sat, ok))
                day = passed_on + timedelta(days=rng.randint(1, 14))
            if exams and exams[-1][2] and modules[-1][0] == 6 and modules[-1][2] is not None:
                referral.ended_on = exams[-1][1] + timedelta(days=14)
                referral.end_reason = ReferralEndReason.COMPLETED
            elif rng.random() < 0.05 and modules:
                referral.ended_on = modules[-1][1] + timedelta(days=rng.randint(20, 60))
                referral.end_reason = rng.choice(
                    [ReferralEndReason.WORK, ReferralEndReason.DROPPED_OUT, ReferralEndReason.MOVED]
                )
                modules = [m for m in modules if m[1] <= referral.ended_on]
                modules = [
                    (n, s, p if p is not None and p <= referral.ended_on else None)
                    for n, s, p in modules
                ]
                exams = [e for e in exams if e[1] <= referral.ended_on]
            if referral.ended_on is not None and referral.ended_on > today:
                referral.ended_on, referral.end_reason = None, ""
        referrals.append(referral)
        plans.append((referral, modules, exams))
    DanishReferral.objects.bulk_create(referrals, batch_size=BATCH)
    counts["danish_referrals"] = len(referrals)

    module_rows: list[ModuleProgress] = []
    attendance_rows: list[MonthlyAttendance] = []
    exam_rows: list[DanishExam] = []
    for referral, modules, exams in plans:
        for module, started_on, passed_on in modules:
            module_rows.append(
                ModuleProgress(
                    municipality=municipality,
                    referral=referral,
                    module=module,
                    started_on=started_on,
                    passed_on=passed_on,
                )
            )
        if referral.started_on is not None:
            last = min(referral.ended_on or today, today).replace(day=1)
            month = max(
                referral.started_on.replace(day=1), add_months(last, -(ATTENDANCE_MONTHS - 1))
            )
            while month <= last:
                offered = Decimal(rng.choice([48, 52, 56, 60]))
                share = Decimal(rng.choice([100, 95, 90, 85, 80, 70, 55, 40])) / 100
                attendance_rows.append(
                    MonthlyAttendance(
                        municipality=municipality,
                        referral=referral,
                        month=month,
                        hours_offered=offered,
                        hours_attended=(offered * share).quantize(Decimal("1")),
                    )
                )
                month = add_months(month, 1)
        for exam, sat, ok in exams:
            result = ExamResult.PASSED if ok else ExamResult.FAILED
            exam_rows.append(
                DanishExam(
                    municipality=municipality,
                    person_id=referral.person_id,
                    referral=referral,
                    exam=exam,
                    term=rules.term_of(sat) or "",
                    taken_on=sat,
                    result=result,
                    grade=rng.choice(GRADES_PASSED if ok else GRADES_FAILED),
                )
            )
    ModuleProgress.objects.bulk_create(module_rows, batch_size=BATCH)
    MonthlyAttendance.objects.bulk_create(attendance_rows, batch_size=BATCH)
    DanishExam.objects.bulk_create(exam_rows, batch_size=BATCH)
    counts["danish_modules"] = len(module_rows)
    counts["danish_attendance"] = len(attendance_rows)
    counts["danish_exams"] = len(exam_rows)
    return counts
