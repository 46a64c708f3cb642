"""Pseudonymised person-level exports for analysis (MI-6).

A manager chooses an arrival cohort (a year) or a period of arrival and gets one row per person
who arrived then, in their own municipality: a pseudonym for the person and one for the household
(random for each export with ``secrets``, stable within it, never derived from a CPR number or an
id), sex, age band on arrival, arrival year and month, residence basis, nationality (a country's
name only when at least ``small_count_threshold`` persons of the export share it, else "Andet")
and the outcomes the records hold. No names, CPR numbers, addresses, exact birth dates or free
text. The file is written by ``core/exports.py`` (the one writer, safe against formula
injection): XLSX with a sheet "Definitioner" that explains every column, or CSV.

The rows are read with a constant number of queries per 5,000 persons (see ``CHUNK``); the
export is one ``export`` row in the audit log (docs/decisions.md: who, when, the selection and the
number of persons), not a row per person.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.core import access, audit, exports
from velkomst.core.config import config_value
from velkomst.core.models import AuditAction, Municipality, StaffUser
from velkomst.danish.selectors import exams_passed
from velkomst.engines import grants as grant_engine
from velkomst.engines.calendar import add_months
from velkomst.engines.deadlines import age_on
from velkomst.outcomes import facts as outcome_facts
from velkomst.outcomes import selectors as outcome_selectors
from velkomst.outcomes.models import Employment, GrantKind, SelfSupporting, SubsidyKind
from velkomst.people.codes import country_name
from velkomst.people.models import Person, ResidenceBasis, Sex
from velkomst.programme.models import Activity, Category

CHUNK = 5000  # persons per round of queries (well under SQLite's limit of bound parameters)
WORK_AT_MONTHS = (12, 24, 36)
OTHER_NATIONALITY = N_("Andet")
# age bands on arrival: the children's and the ministry's adult bands (jobindsats.dk)
AGE_BANDS = ((0, 5), (6, 16), (17, 17), (18, 29), (30, 39), (40, 49), (50, 66))

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def age_band(age: int) -> str:
    """The band of an age on arrival: ``0-5``, ``6-16``, ``17``, ``18-29`` … ``50-66``, ``67+``."""
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return str(low) if low == high else f"{low}-{high}"
    return "67+"


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 in the first month; a month is complete on the
    same day of the month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and add_months(start, months) > end:
        months -= 1
    return months


@dataclass(frozen=True)
class Selection:
    """Who the export is about: persons whose household arrived in ``start``..``end``."""

    start: date
    end: date
    cohort: int | None = None

    @classmethod
    def of_cohort(cls, year: int) -> Selection:
        return cls(date(year, 1, 1), date(year, 12, 31), cohort=year)

    def describe(self) -> dict[str, Any]:
        if self.cohort is not None:
            return {"cohort": self.cohort}
        return {"arrived_from": self.start.isoformat(), "arrived_to": self.end.isoformat()}

    def slug(self) -> str:
        if self.cohort is not None:
            return str(self.cohort)
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


# --- the columns ---------------------------------------------------------------------------------


def columns(threshold: int) -> list[tuple[str, str]]:
    """(header, definition) of every column, in the reader's language: the "Definitioner" sheet
    and the page explain each column with it."""
    work = [
        (
            _("I arbejde efter %(months)d måneder") % {"months": months},
            _(
                "Ja, hvis personen var i ordinær lønbeskæftigelse uden tilskud i måneden "
                "%(months)d måneder efter ankomsten (ministeriets mål); Nej, hvis ikke; tom, "
                "hvis den måned ikke er nået ved udtrækket."
            )
            % {"months": months},
        )
        for months in WORK_AT_MONTHS
    ]
    return [
        (
            _("Pseudonym"),
            _(
                "Personens pseudonym i dette udtræk: tilfældigt, det samme for personen i hele "
                "udtrækket og et andet i næste udtræk. Kan ikke føres tilbage til personen."
            ),
        ),
        (
            _("Husstand"),
            _(
                "Husstandens pseudonym i dette udtræk: det samme for alle i husstanden, så "
                "rækkerne kan grupperes; et andet i næste udtræk."
            ),
        ),
        (_("Køn"), _("Personens køn.")),
        (
            _("Alder ved ankomst"),
            _(
                "Aldersgruppe på ankomstdagen: 0-5, 6-16, 17, 18-29, 30-39, 40-49, 50-66 eller "
                "67+ år (ikke den præcise alder eller fødselsdato)."
            ),
        ),
        (_("Ankomstår"), _("Året husstanden ankom til kommunen.")),
        (_("Ankomstmåned"), _("Måneden husstanden ankom (1-12).")),
        (
            _("Måneder siden ankomst"),
            _("Hele måneder fra ankomsten til udtrækkets dag (hvor længe personen er fulgt)."),
        ),
        (_("Opholdsgrundlag"), _("Flygtning, kvoteflygtning eller familiesammenført.")),
        (
            _("Nationalitet"),
            _(
                "Landets navn, når mindst %(threshold)d personer i udtrækket har nationaliteten "
                '(kommunens grænse for små tal); ellers "Andet".'
            )
            % {"threshold": threshold},
        ),
        (
            _("Måneder til første ustøttede job"),
            _(
                "Hele måneder fra ankomsten til starten af personens første ordinære "
                "lønbeskæftigelse uden tilskud; tom, hvis personen ikke har haft en."
            ),
        ),
        *work,
        (
            _("Danskprøver bestået"),
            _("De danskprøver personen har bestået: %(exams)s.") % {"exams": _exam_names()},
        ),
        (
            _("Måneder til første virksomhedsrettede aktivitet"),
            _(
                "Hele måneder fra ankomsten til starten af den første virksomhedsrettede "
                "aktivitet i integrationsplanen (praktik, løntilskud, IGU m.fl.); tom, hvis ingen "
                "er startet."
            ),
        ),
        (
            _("Selvforsørgende"),
            _("Ja, hvis personen er registreret som selvforsørgende ved udtrækket."),
        ),
        (
            _("Resultattilskud optjent"),
            _(
                "De slags resultattilskud personen har udløst ved udtrækket (beskæftigelse, "
                "uddannelse, danskprøve), beregnet af reglerne."
            ),
        ),
    ]


def _exam_names() -> str:
    from velkomst.danish.models import Exam

    return ", ".join(str(label) for _value, label in Exam.choices)


def headers() -> list[str]:
    return [header for header, _definition in columns(0)]


# --- the rows ------------------------------------------------------------------------------------


class Pseudonyms:
    """Random pseudonyms for one export: the same key gets the same one, no two keys the same.
    ``secrets`` makes them; nothing is derived from the key, and nothing is kept afterwards."""

    def __init__(self, prefix: str, nbytes: int = 5) -> None:
        self.prefix, self.nbytes = prefix, nbytes
        self._given: dict[int, str] = {}
        self._used: set[str] = set()

    def __call__(self, key: int) -> str:
        if key not in self._given:
            while True:
                name = f"{self.prefix}-{secrets.token_hex(self.nbytes).upper()}"
                if name not in self._used:
                    break
            self._used.add(name)
            self._given[key] = name
        return self._given[key]


def persons(municipality_id: int, selection: Selection) -> list[tuple[Any, ...]]:
    """(id, household id, arrival, birth date, sex, residence basis, nationality) of every person
    of the municipality whose household arrived in the selection, in a random order (the file's
    order must not follow the ids either)."""
    rows = list(
        Person.objects.filter(
            municipality_id=municipality_id,
            household__arrival_date__gte=selection.start,
            household__arrival_date__lte=selection.end,
        ).values_list(
            "pk",
            "household_id",
            "household__arrival_date",
            "birth_date",
            "sex",
            "residence_basis",
            "nationality",
        )
    )
    secrets.SystemRandom().shuffle(rows)
    return rows


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Ja") if value else _("Nej")


def _in_work(
    spells: Sequence[tuple[date, date | None]], arrival: date, months: int, today: date
) -> bool | None:
    """Whether a spell covers the month ``months`` after arrival; None before that month."""
    day = add_months(arrival, months)
    if day > today:
        return None
    first = day.replace(day=1)
    last = add_months(first, 1) - timedelta(days=1)
    return any(start <= last and (end is None or end >= first) for start, end in spells)


@dataclass
class _Facts:
    """What the records hold for a chunk of persons, read in a constant number of queries."""

    jobs: dict[int, list[tuple[date, date | None]]]
    exams: dict[int, list[tuple[str, date]]]
    enterprise: dict[int, date]
    self_supporting: set[int]
    grant_kinds: dict[int, list[str]]


def _facts(municipality: Municipality, ids: list[int], today: date) -> _Facts:
    jobs: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for person_id, start, end in (
        Employment.objects.filter(
            municipality=municipality,
            person_id__in=ids,
            subsidy=SubsidyKind.NONE,
            start_date__lte=today,
        )
        .order_by("start_date")
        .values_list("person_id", "start_date", "end_date")
    ):
        jobs[person_id].append((start, end))
    exams = {
        pk: [(exam, day) for exam, day in passed if day <= today]
        for pk, passed in exams_passed(municipality_id=municipality.pk, person_ids=ids).items()
    }
    enterprise = dict(
        Activity.objects.filter(
            municipality=municipality,
            plan__person_id__in=ids,
            category=Category.ENTERPRISE,
            start__lte=today,
        )
        .values("plan__person_id")
        .annotate(first=Min("start"))
        .values_list("plan__person_id", "first")
    )
    supporting = set(
        SelfSupporting.objects.filter(
            municipality=municipality, person_id__in=ids, from_date__lte=today
        ).values_list("person_id", flat=True)
    )
    tables = outcome_selectors.rate_tables(municipality, today)
    kinds: dict[int, list[str]] = {}
    for facts in outcome_facts.facts_for(municipality_id=municipality.pk, person_ids=ids):
        earned = grant_engine.grants(facts, as_of=today, tables=tables)
        if earned:
            kinds[facts.person_id] = [grant.kind for grant in earned]
    return _Facts(jobs, exams, enterprise, supporting, kinds)


def _labels() -> dict[str, dict[str, str]]:
    from velkomst.danish.models import Exam

    return {
        "sex": {str(v): str(label) for v, label in Sex.choices},
        "basis": {str(v): str(label) for v, label in ResidenceBasis.choices},
        "exam": {str(v): str(label) for v, label in Exam.choices},
        "grant": {str(v): str(label) for v, label in GrantKind.choices},
    }


def rows(
    municipality: Municipality, selection: Selection, *, today: date, language: str = "da"
) -> tuple[int, Iterator[list[Any]]]:
    """The number of persons and their rows (without the header), built chunk by chunk."""
    people = persons(municipality.pk, selection)
    threshold = int(config_value(municipality, "small_count_threshold", today))
    counts: dict[str, int] = defaultdict(int)
    for row in people:
        counts[row[6]] += 1
    other = _(OTHER_NATIONALITY)
    nationality = {
        code: (country_name(code, language) if n >= threshold else other)
        for code, n in counts.items()
    }

    def generate() -> Iterator[list[Any]]:
        labels = _labels()
        person_name = Pseudonyms("P")
        household_name = Pseudonyms("H")
        for start in range(0, len(people), CHUNK):
            chunk = people[start : start + CHUNK]
            facts = _facts(municipality, [row[0] for row in chunk], today)
            for pk, household_id, arrival, birth, sex, basis, code in chunk:
                jobs = facts.jobs.get(pk, [])
                enterprise = facts.enterprise.get(pk)
                yield [
                    person_name(pk),
                    household_name(household_id),
                    labels["sex"].get(sex, sex),
                    age_band(age_on(birth, arrival)),
                    arrival.year,
                    arrival.month,
                    months_between(arrival, today) if arrival <= today else 0,
                    labels["basis"].get(basis, basis),
                    nationality[code],
                    max(months_between(arrival, jobs[0][0]), 0) if jobs else None,
                    *(_yes_no(_in_work(jobs, arrival, months, today)) for months in WORK_AT_MONTHS),
                    ", ".join(
                        labels["exam"].get(exam, exam) for exam, _day in facts.exams.get(pk, [])
                    ),
                    None if enterprise is None else max(months_between(arrival, enterprise), 0),
                    _yes_no(pk in facts.self_supporting),
                    ", ".join(
                        labels["grant"].get(kind, kind) for kind in facts.grant_kinds.get(pk, [])
                    ),
                ]

    return len(people), generate()


# --- the files -----------------------------------------------------------------------------------


def xlsx(body: Iterator[list[Any]], *, threshold: int) -> bytes:
    """The workbook: the data (header first) and the sheet "Definitioner"."""
    workbook = exports.new_workbook(write_only=True)
    data = workbook.create_sheet(_("Data")[:31])
    exports.append_row(data, headers())
    exports.append_rows(data, body)
    sheet = workbook.create_sheet(_("Definitioner")[:31])
    exports.append_row(sheet, [_("Kolonne"), _("Forklaring")])
    exports.append_rows(sheet, columns(threshold))
    return exports.workbook_bytes(workbook)


def csv_lines(body: Iterator[list[Any]]) -> Iterator[str]:
    """The CSV file line by line (header first, BOM in front), for a streaming response."""
    buffer = exports.LineBuffer()
    writer = exports.csv_writer(buffer)
    writer.writerow(headers())
    yield buffer.take()
    for row in body:
        writer.writerow(row)
        yield buffer.take()


# --- the audit row -------------------------------------------------------------------------------

EXPORT_REASON = N_("Udtræk til analyse, pseudonymiseret (%(format)s)")


def log_export(*, user: StaffUser, selection: Selection, count: int, kind: str) -> None:
    """One ``export`` row for the whole export: who (the row's actor), when, the selection, how
    many persons and the format. Not a row per person: docs/decisions.md."""
    access.require(user, access.INSIGHT_EXPORT)
    audit.log(
        actor=user,
        action=AuditAction.EXPORT,
        changes={
            key: [None, value]
            for key, value in {**selection.describe(), "persons": count, "format": kind}.items()
        },
        reason=EXPORT_REASON % {"format": kind.upper()},
    )
