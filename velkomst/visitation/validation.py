"""Validation of every row of a visitation file before anything is written (REC-1, SEC-5).

Each problem names its line and column in plain Danish. Rows are checked one by one (dates,
codes, CPR against the birth date), then per household (exactly one head, the same visitation
date, arrival date and asylum centre, children younger than their parents). Likely duplicates,
in the file or in the municipality, are not errors: a person decides on each (services).

Plain Python apart from gettext and the CPR validators: it runs on thousands of rows in well under
a second and needs no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from velkomst.people.models import Relation
from velkomst.people.services import LanguageData, MemberData
from velkomst.people.validators import (
    clean_language,
    clean_nationality,
    cpr_birth_date,
    mask_cpr,
    normalise_cpr,
    validate_cpr,
)

from .columns import (
    COLUMNS,
    INTERPRETER_WORDS,
    NO_INTERPRETER_WORDS,
    PROFICIENCIES,
    RELATIONS,
    RESIDENCE_BASES,
    SEXES,
    word_key,
)
from .parsing import Cell, ParsedFile, Problem, RawRow

MAX_NAME = 100
MAX_CENTRE = 120
MAX_REFERENCE = 40
EARLIEST_BIRTH = date(1900, 1, 1)
EARLIEST_VISITATION = date(1990, 1, 1)

_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_EXCEL_SERIAL_RANGE = (1, 2_958_465)  # 1900-01-01 .. 9999-12-31


@dataclass
class VisitationRow:
    """One valid row: a person and their household's visitation data."""

    line: int
    household: str
    first_name: str
    last_name: str
    birth_date: date
    sex: str
    nationality: str
    languages: list[tuple[str, str, bool]]
    relation: str
    residence_basis: str
    asylum_centre: str
    visitation_date: date
    expected_arrival_date: date | None
    cpr: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_relation_display(self) -> str:
        return str(Relation(self.relation).label)

    def member_data(self) -> MemberData:
        return MemberData(
            first_name=self.first_name,
            last_name=self.last_name,
            birth_date=self.birth_date,
            sex=self.sex,
            nationality=self.nationality,
            residence_basis=self.residence_basis,
            relation=self.relation,
            cpr=self.cpr,
            languages=[LanguageData(code, level, tolk) for code, level, tolk in self.languages],
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("birth_date", "visitation_date", "expected_arrival_date"):
            data[key] = data[key].isoformat() if data[key] else None
        data["languages"] = [list(lang) for lang in self.languages]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VisitationRow:
        values = dict(data)
        for key in ("birth_date", "visitation_date", "expected_arrival_date"):
            values[key] = date.fromisoformat(values[key]) if values[key] else None
        values["languages"] = [(c, p, bool(t)) for c, p, t in values["languages"]]
        return cls(**values)


@dataclass
class HouseholdPlan:
    reference: str
    rows: list[VisitationRow] = field(default_factory=list)

    @property
    def first(self) -> VisitationRow:
        return self.rows[0]

    @property
    def head(self) -> VisitationRow | None:
        return next((r for r in self.rows if r.relation == Relation.HEAD), None)

    @property
    def name(self) -> str:
        return household_name(self.rows)

    @property
    def lines(self) -> str:
        return ", ".join(str(r.line) for r in self.rows)


def household_name(rows: list[VisitationRow]) -> str:
    """'Familien <head's last name>', or '<first> <last>' for a person alone."""
    if len(rows) == 1:
        return rows[0].full_name[:120]
    head = next((r for r in rows if r.relation == Relation.HEAD), rows[0])
    # stored data, so Danish whatever the uploader's language (not gettext)
    return f"Familien {head.last_name}"[:120]


def group_households(rows: Iterable[VisitationRow]) -> list[HouseholdPlan]:
    """Rows with the same reference form one household, in the order they first appear."""
    plans: dict[str, HouseholdPlan] = {}
    for row in rows:
        plans.setdefault(row.household, HouseholdPlan(row.household)).rows.append(row)
    return list(plans.values())


# --- single cells ---------------------------------------------------------------------------


class CellError(Exception):
    pass


def _display(value: Cell) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):
        return _display(value)
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def parse_date(value: Cell) -> date:
    """A date from a date cell, an Excel serial number, or text in a Danish or ISO format."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _EXCEL_SERIAL_RANGE[0] <= value <= _EXCEL_SERIAL_RANGE[1]:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise CellError(_("'%(value)s' er ikke en gyldig dato.") % {"value": _display(value)})
    text = _TIME_SUFFIX.sub("", str(value).strip())
    if match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(text):
        day, month = int(match.group(1)), int(match.group(2))
        if len(match.group(3)) == 2:
            raise CellError(
                _("'%(value)s': skriv året med fire cifre (dd-mm-åååå).") % {"value": text}
            )
        year = int(match.group(3))
    else:
        raise CellError(
            _("'%(value)s' er ikke en dato. Skriv datoen som dd-mm-åååå, fx 14-03-1988.")
            % {"value": text}
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(_("'%(value)s' er ikke en gyldig dato.") % {"value": text}) from None


def _name(value: Cell) -> str:
    text = _text(value)
    if any(c.isdigit() for c in text):
        raise CellError(_("'%(value)s' indeholder tal; er kolonnerne forskudt?") % {"value": text})
    if len(text) > MAX_NAME:
        raise CellError(_("Navnet er længere end %(max)s tegn.") % {"max": MAX_NAME})
    return text


def _choice(value: Cell, vocabulary: dict[str, str], allowed: str) -> str:
    text = _text(value)
    found = vocabulary.get(word_key(text))
    if found is None:
        raise CellError(
            _("'%(value)s' er ikke en gyldig værdi. Brug %(allowed)s.")
            % {"value": text, "allowed": allowed}
        )
    return found


def _nationality(value: Cell) -> str:
    """A country's Danish or English name, adjective or ISO 3166 code -> the stored code."""
    try:
        return clean_nationality(_text(value))
    except ValidationError as error:
        raise CellError(error.messages[0]) from None


def parse_languages(value: Cell) -> list[tuple[str, str, bool]]:
    """'ar:native:tolk; engelsk:grundlæggende' -> [('ar', 'native', True), ('en', 'basic', False)].

    The language is a Danish or English name or an ISO 639 code (the code list decides)."""
    languages: list[tuple[str, str, bool]] = []
    for entry in re.split(r"[;,]", _text(value)):
        if not entry.strip():
            continue
        parts = [p.strip() for p in entry.split(":")]
        if len(parts) > 3:
            raise CellError(
                _("'%(entry)s': skriv sproget som sprog:niveau:tolk, fx arabisk:modersmål:tolk.")
                % {"entry": entry.strip()}
            )
        try:
            code = clean_language(parts[0])
        except ValidationError as error:
            raise CellError(error.messages[0]) from None
        level = "native"
        if len(parts) > 1 and parts[1]:
            found = PROFICIENCIES.get(word_key(parts[1]))
            if found is None:
                raise CellError(
                    _(
                        "'%(level)s' er ikke et sprogniveau. Brug modersmål, flydende, "
                        "grundlæggende eller ingen (native, fluent, basic, none)."
                    )
                    % {"level": parts[1]}
                )
            level = found
        interpreter = False
        if len(parts) > 2:
            flag = word_key(parts[2])
            if flag in INTERPRETER_WORDS:
                interpreter = True
            elif flag not in NO_INTERPRETER_WORDS:
                raise CellError(
                    _("'%(value)s': skriv 'tolk', hvis der er brug for tolk, ellers ingenting.")
                    % {"value": parts[2]}
                )
        if any(code == existing[0] for existing in languages):
            raise CellError(_("Sproget '%(code)s' står der to gange.") % {"code": code})
        languages.append((code, level, interpreter))
    return languages


def _cpr(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cpr = normalise_cpr(_text(value))
    if len(cpr) == 9 and cpr.isdigit():
        cpr = "0" + cpr  # a spreadsheet dropped the leading zero; the birth date check follows
    try:
        validate_cpr(cpr)
    except ValidationError as error:
        raise CellError(f"'{_text(value)}': {error.messages[0]}") from None
    return cpr


# --- rows -----------------------------------------------------------------------------------


@dataclass
class _RowCheck:
    raw: RawRow
    parsed: FileCheck
    values: dict[str, Any] = field(default_factory=dict)
    ok: bool = True

    def problem(self, key: str, message: str) -> None:
        self.ok = False
        self.parsed.problems.append(Problem(self.raw.line, self.parsed.header(key), message))

    def take(self, key: str, convert: Any, *, required: bool) -> None:
        value = self.raw.values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, _("Feltet skal udfyldes."))
            else:
                self.values[key] = None
            return
        try:
            self.values[key] = convert(value)
        except CellError as error:
            self.problem(key, str(error))


@dataclass
class FileCheck:
    """The result of validating a parsed file: the valid rows, or the problems (or both)."""

    file: ParsedFile
    rows: list[VisitationRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def header(self, key: str) -> str:
        return self.file.header(key)

    @property
    def ok(self) -> bool:
        return not self.problems

    def sorted_problems(self) -> list[Problem]:
        order = {column.header: i for i, column in enumerate(COLUMNS)}
        order.update({self.header(c.key): i for i, c in enumerate(COLUMNS)})
        return sorted(self.problems, key=lambda p: (p.line or 0, order.get(p.column, len(order))))


def validate_file(parsed: ParsedFile, *, today: date) -> FileCheck:
    check = FileCheck(parsed, problems=list(parsed.problems))
    if check.problems:
        return check  # a file without its columns: the rows would only repeat the cause
    seen = _Seen()
    for raw in parsed.rows:
        row = _validate_row(raw, check, today, seen)
        if row is not None:
            check.rows.append(row)
    _check_households(check, parsed, seen.repeats)
    check.problems = check.sorted_problems()
    if check.problems:
        check.rows = []
    return check


def _validate_row(raw: RawRow, check: FileCheck, today: date, seen: _Seen) -> VisitationRow | None:
    row = _RowCheck(raw, check)
    row.take("household", _reference, required=True)
    row.take("first_name", _name, required=True)
    row.take("last_name", _name, required=True)
    row.take("birth_date", parse_date, required=True)
    row.take("sex", lambda v: _choice(v, SEXES, _("K, M eller X")), required=True)
    row.take("nationality", _nationality, required=True)
    row.take("languages", parse_languages, required=False)
    row.take(
        "relation",
        lambda v: _choice(
            v, RELATIONS, _("hovedperson, ægtefælle, barn, forælder, søskende eller anden")
        ),
        required=True,
    )
    row.take(
        "residence_basis",
        lambda v: _choice(
            v, RESIDENCE_BASES, _("flygtning, kvoteflygtning eller familiesammenført")
        ),
        required=True,
    )
    row.take("asylum_centre", _centre, required=False)
    row.take("visitation_date", parse_date, required=True)
    row.take("expected_arrival_date", parse_date, required=False)
    row.take("cpr", _cpr, required=False)
    v = row.values
    birth, visited, expected = (
        v.get("birth_date"),
        v.get("visitation_date"),
        v.get("expected_arrival_date"),
    )
    if birth is not None:
        if birth > today:
            row.problem("birth_date", _("Fødselsdatoen ligger i fremtiden."))
        elif birth < EARLIEST_BIRTH:
            row.problem("birth_date", _("Fødselsdatoen ligger før 1900."))
    if visited is not None and not EARLIEST_VISITATION <= visited <= date(today.year + 1, 12, 31):
        row.problem(
            "visitation_date",
            _("'%(value)s' er ikke en sandsynlig visitationsdato.") % {"value": _display(visited)},
        )
    if visited is not None and expected is not None and expected < visited:
        row.problem(
            "expected_arrival_date",
            _("Forventet ankomst (%(expected)s) ligger før visitationsdatoen (%(visited)s).")
            % {"expected": _display(expected), "visited": _display(visited)},
        )
    cpr = v.get("cpr")
    if cpr and birth is not None and cpr_birth_date(cpr) != birth:
        row.problem(
            "cpr",
            _("CPR-nummeret passer ikke med fødselsdatoen %(birth)s.") % {"birth": _display(birth)},
        )
    _check_repeat(row, seen)
    if not row.ok:
        return None
    return VisitationRow(
        line=raw.line,
        household=v["household"],
        first_name=v["first_name"],
        last_name=v["last_name"],
        birth_date=v["birth_date"],
        sex=v["sex"],
        nationality=v["nationality"],
        languages=v["languages"] or [],
        relation=v["relation"],
        residence_basis=v["residence_basis"],
        asylum_centre=v["asylum_centre"] or "",
        visitation_date=v["visitation_date"],
        expected_arrival_date=v["expected_arrival_date"],
        cpr=v["cpr"] or "",
    )


def _reference(value: Cell) -> str:
    text = _text(value)
    if len(text) > MAX_REFERENCE:
        raise CellError(_("Referencen er længere end %(max)s tegn.") % {"max": MAX_REFERENCE})
    return text


def _centre(value: Cell) -> str:
    text = _text(value)
    if len(text) > MAX_CENTRE:
        raise CellError(_("Navnet er længere end %(max)s tegn.") % {"max": MAX_CENTRE})
    return text


# --- a person twice in the file -------------------------------------------------------------


@dataclass
class _Seen:
    """The persons of the rows read so far, to find a row that repeats an earlier one."""

    by_cpr: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, str, date, str], tuple[int, str]] = field(default_factory=dict)
    repeats: set[int] = field(default_factory=set)


def _check_repeat(row: _RowCheck, seen: _Seen) -> None:
    """A row with the CPR number of an earlier row, or its name and birth date in the same
    household where the two do not have different CPR numbers, is the same person again: 'line
    13 repeats line 2'. The same name and birth date in another household may be another person
    (many refugees are registered as born 1 January): that goes to the review of likely
    duplicates, not refused."""
    v, line = row.values, row.raw.line
    cpr = v.get("cpr") or ""
    if cpr and cpr in seen.by_cpr:
        seen.repeats.add(line)
        row.problem(
            "cpr",
            _("Gentager linje %(first)s (samme CPR-nummer). Slet den ene af de to rækker.")
            % {"first": seen.by_cpr[cpr]},
        )
        return
    if cpr:
        seen.by_cpr[cpr] = line
    first, last, birth = v.get("first_name"), v.get("last_name"), v.get("birth_date")
    if not (first and last and birth):
        return
    key = (*name_key(first, last), birth, str(v.get("household") or ""))
    earlier = seen.by_name.get(key)
    if earlier is None:
        seen.by_name[key] = (line, cpr)
    elif not (cpr and earlier[1] and cpr != earlier[1]):
        seen.repeats.add(line)
        row.problem(
            "first_name",
            _(
                "Gentager linje %(first)s (samme navn og fødselsdato). Slet den ene af de to "
                "rækker, eller skriv begges CPR-numre, hvis det er to personer."
            )
            % {"first": earlier[0]},
        )


# --- households -----------------------------------------------------------------------------


def _check_households(check: FileCheck, parsed: ParsedFile, repeats: set[int]) -> None:
    """Household rules. The head rule reads every row's relation, valid or not, except the rows
    that repeat an earlier one (reported as such, not as a second head); the others use the rows
    that are valid on their own, so one upload shows as many problems as possible."""
    raw_by_reference: dict[str, list[RawRow]] = {}
    for raw in parsed.rows:
        if raw.line in repeats:
            continue
        raw_by_reference.setdefault(_text(raw.values.get("household")), []).append(raw)
    for reference, raws in raw_by_reference.items():
        if reference:
            _check_head(check, reference, raws)
    for plan in group_households(check.rows):
        _check_same_for_household(check, plan)
        _check_generations(check, plan)


def _problem(check: FileCheck, line: int, key: str, message: str) -> None:
    check.problems.append(Problem(line, check.header(key), message))


def _check_head(check: FileCheck, reference: str, raws: list[RawRow]) -> None:
    relations = [RELATIONS.get(word_key(_text(raw.values.get("relation")))) for raw in raws]
    heads = [
        raw for raw, relation in zip(raws, relations, strict=True) if relation == Relation.HEAD
    ]
    if not heads and None not in relations:  # an unreadable relation is reported already
        _problem(
            check,
            raws[0].line,
            "relation",
            _(
                "Husstand '%(ref)s' (linje %(lines)s) har ingen hovedperson. Angiv relationen "
                "'hovedperson' for én af dem."
            )
            % {"ref": reference, "lines": ", ".join(str(raw.line) for raw in raws)},
        )
    for extra in heads[1:]:
        _problem(
            check,
            extra.line,
            "relation",
            _(
                "Husstand '%(ref)s' har mere end én hovedperson (også linje %(first)s). "
                "Der skal være præcis én."
            )
            % {"ref": reference, "first": heads[0].line},
        )


def _check_same_for_household(check: FileCheck, plan: HouseholdPlan) -> None:
    first = plan.first
    for key in ("visitation_date", "expected_arrival_date", "asylum_centre"):
        expected = getattr(first, key)
        for row in plan.rows[1:]:
            value = getattr(row, key)
            if value != expected:
                _problem(
                    check,
                    row.line,
                    key,
                    _(
                        "'%(value)s' afviger fra husstandens første række (linje %(line)s: "
                        "'%(first)s'). Værdien skal være ens for hele husstanden."
                    )
                    % {
                        "value": _display(value) if value else "",
                        "line": first.line,
                        "first": _display(expected) if expected else "",
                    },
                )


def _check_generations(check: FileCheck, plan: HouseholdPlan) -> None:
    head = plan.head
    parents = [r for r in plan.rows if r.relation in (Relation.HEAD, Relation.SPOUSE)]
    for row in plan.rows:
        if row.relation == Relation.CHILD:
            for parent in parents:
                if row.birth_date <= parent.birth_date:
                    _problem(
                        check,
                        row.line,
                        "birth_date",
                        _("Barnet er ikke yngre end %(name)s (linje %(line)s, født %(birth)s).")
                        % {
                            "name": parent.full_name,
                            "line": parent.line,
                            "birth": _display(parent.birth_date),
                        },
                    )
        elif row.relation == Relation.PARENT and head is not None:
            if row.birth_date >= head.birth_date:
                _problem(
                    check,
                    row.line,
                    "birth_date",
                    _(
                        "Forælderen er ikke ældre end hovedpersonen %(name)s (linje %(line)s, "
                        "født %(birth)s)."
                    )
                    % {
                        "name": head.full_name,
                        "line": head.line,
                        "birth": _display(head.birth_date),
                    },
                )


# --- likely duplicates ----------------------------------------------------------------------


def name_key(first_name: str, last_name: str) -> tuple[str, str]:
    return word_key(first_name), word_key(last_name)


@dataclass(frozen=True)
class ExistingPerson:
    id: int
    first_name: str
    last_name: str
    birth_date: date
    cpr: str
    household_id: int
    household_name: str


def find_duplicates(
    rows: list[VisitationRow], existing: Iterable[ExistingPerson]
) -> list[dict[str, Any]]:
    """Rows that are likely someone already registered, or an earlier row of the same file:
    same first and last name and birth date, or same CPR. Never merged; a person decides.

    Returns [{"line", "name", "birth_date", "cpr", "matches": [...]}] in file order; a match is
    {"kind": "person", "person_id", "household_id", "name", "household", "birth_date", "reason"}
    or {"kind": "line", "line", "name", "reason"}.
    """
    by_name: dict[tuple[str, str, date], list[ExistingPerson]] = {}
    by_cpr: dict[str, list[ExistingPerson]] = {}
    for person in existing:
        by_name.setdefault((*name_key(person.first_name, person.last_name), person.birth_date), [])
        by_name[(*name_key(person.first_name, person.last_name), person.birth_date)].append(person)
        if person.cpr:
            by_cpr.setdefault(person.cpr, []).append(person)
    seen_name: dict[tuple[str, str, date], VisitationRow] = {}
    seen_cpr: dict[str, VisitationRow] = {}
    duplicates: list[dict[str, Any]] = []
    for row in rows:
        key = (*name_key(row.first_name, row.last_name), row.birth_date)
        matches: list[dict[str, Any]] = []
        found: dict[int, dict[str, Any]] = {}
        for reason, people in (
            ("name_birth", by_name.get(key, [])),
            ("cpr", by_cpr.get(row.cpr, []) if row.cpr else []),
        ):
            for person in people:
                if person.id in found:
                    found[person.id]["reason"] = "cpr_and_name"
                    continue
                found[person.id] = {
                    "kind": "person",
                    "person_id": person.id,
                    "household_id": person.household_id,
                    "name": f"{person.first_name} {person.last_name}",
                    "household": person.household_name,
                    "birth_date": person.birth_date.isoformat(),
                    "reason": reason,
                }
        matches.extend(found.values())
        earlier: dict[int, dict[str, Any]] = {}
        for reason, other in (("name_birth", seen_name.get(key)), ("cpr", seen_cpr.get(row.cpr))):
            if other is None:
                continue
            if other.line in earlier:
                earlier[other.line]["reason"] = "cpr_and_name"
            else:
                earlier[other.line] = {
                    "kind": "line",
                    "line": other.line,
                    "name": other.full_name,
                    "reason": reason,
                }
        matches.extend(earlier.values())
        seen_name.setdefault(key, row)
        if row.cpr:
            seen_cpr.setdefault(row.cpr, row)
        if matches:
            duplicates.append(
                {
                    "line": row.line,
                    "household": row.household,
                    "name": row.full_name,
                    "birth_date": row.birth_date.isoformat(),
                    "masked_cpr": mask_cpr(row.cpr),
                    "matches": matches,
                }
            )
    return duplicates
