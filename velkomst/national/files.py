"""The national assignment's files (NAT-1, NAT-2): reading and checking M.csv, A.csv and H.csv,
and the run from files to an assignment (``run``). Every problem names the file, the row (the
line number, the header being line 1) and the column; nothing is written unless all is well.

M.csv: municipality_code, region, population, nonwestern_stock, reunified_last_year,
local_employment_rate, treatment_services, quota_households, and stock_<NAT> per group.
A.csv: household_id, nationality, male, education_level, age, prior_work, household_size,
arrival_week (optional: special_needs, fixed_municipality).
H.csv: the person columns without arrival_week, municipality_code, employed_within_3y
(optional: employed_within_1y, employed_within_2y, arrival_year).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from zipfile import BadZipFile

import numpy as np

from velkomst.core import exports
from velkomst.engines.national import assign as engine
from velkomst.engines.national.data import (
    EDUCATION_LEVELS,
    M_COLUMNS,
    PERSON_COLUMNS,
    Adult,
    PastAdult,
    Place,
)
from velkomst.engines.national.model import EmploymentModel, ModelCard, train
from velkomst.engines.national.synthetic import SyntheticWorld

T = TypeVar("T")

A_COLUMNS = (*PERSON_COLUMNS, "arrival_week")
H_COLUMNS = (*PERSON_COLUMNS, "municipality_code", "employed_within_3y")
TRUE = {"1", "true", "ja", "yes", "j", "y"}
FALSE = {"0", "false", "nej", "no", "n", ""}


@dataclass(frozen=True)
class Problem(Exception):
    file: str
    row: int | None  # the line number; None: the whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


def _table(
    name: str, lines: list[tuple[int, list[str]]], required: tuple[str, ...]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (the first of ``lines``) and the rows as dicts, each with its line number;
    blank rows are skipped."""
    if not lines:
        raise Problem(name, None, None, "has no rows")
    header = [h.strip() for h in lines[0][1]]
    missing = [c for c in required if c not in header]
    if missing:
        raise Problem(name, 1, missing[0], "the column is missing")
    rows = []
    for line, cells in lines[1:]:
        if not any(c.strip() for c in cells):
            continue
        rows.append(
            (line, {k: (cells[i] if i < len(cells) else "").strip() for i, k in enumerate(header)})
        )
    if not rows:
        raise Problem(name, None, None, "has no rows")
    return header, rows


def _csv_lines(name: str, text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as e:
        raise Problem(name, None, None, f"is not a UTF-8 CSV file ({e})") from None


def _xlsx_lines(name: str, content: bytes) -> list[tuple[int, list[str]]]:
    """The first sheet's rows as text (read with openpyxl, as the visitation import does)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except (BadZipFile, KeyError, ValueError, OSError):
        raise Problem(name, None, None, "is not an Excel workbook (.xlsx)") from None
    try:
        out = []
        for i, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            out.append((i, ["" if v is None else _cell_text(v) for v in values]))
        return out
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def content_lines(name: str, content: bytes) -> list[tuple[int, list[str]]]:
    """An uploaded file's lines: an XLSX workbook (by its signature) or a UTF-8 CSV file."""
    if content.startswith(b"PK\x03\x04"):
        return _xlsx_lines(name, content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise Problem(name, None, None, f"is not a UTF-8 CSV file ({e})") from None
    return _csv_lines(name, text)


def _rows(
    path: Path, required: tuple[str, ...]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    name = path.name
    try:
        content = path.read_bytes()
    except OSError as e:
        raise Problem(name, None, None, f"cannot be read ({e.strerror})") from None
    return _table(name, content_lines(name, content), required)


def _value(file: str, line: int, column: str, raw: str, parse: Callable[[str], T], what: str) -> T:
    try:
        return parse(raw)
    except (ValueError, OverflowError):
        shown = raw if raw else "(empty)"
        raise Problem(file, line, column, f"{shown!r} is not {what}") from None


def _int(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    def parse(s: str) -> int:
        v = float(s.replace(",", "."))
        if not v.is_integer():
            raise ValueError
        i = int(v)
        if (low is not None and i < low) or (high is not None and i > high):
            raise ValueError
        return i

    return parse


def _float(low: float, high: float) -> Callable[[str], float]:
    def parse(s: str) -> float:
        v = float(s.replace(",", "."))
        if not (low <= v <= high) or v != v:
            raise ValueError
        return v

    return parse


def _bool(s: str) -> bool:
    low = s.lower()
    if low in TRUE:
        return True
    if low in FALSE and low != "":
        return False
    raise ValueError


def _range(low: int | float, high: int | float | None = None) -> str:
    if high is None:
        return f"a whole number of at least {low}"
    return f"a number from {low} to {high}"


def read_municipalities(path: Path) -> list[Place]:
    return municipalities_from(path.name, *_rows(path, M_COLUMNS))


def municipalities_content(name: str, content: bytes) -> list[Place]:
    """An uploaded M.csv (or an XLSX workbook with its columns)."""
    return municipalities_from(name, *_table(name, content_lines(name, content), M_COLUMNS))


def municipalities_from(
    name: str, header: list[str], rows: list[tuple[int, dict[str, str]]]
) -> list[Place]:
    groups = [c for c in header if c.startswith("stock_")]
    places: list[Place] = []
    seen: dict[str, int] = {}
    for line, r in rows:
        code = r["municipality_code"]
        if not code:
            raise Problem(name, line, "municipality_code", "the municipality is missing")
        if code in seen:
            raise Problem(name, line, "municipality_code", f"{code} is also on row {seen[code]}")
        seen[code] = line
        if not r["region"]:
            raise Problem(name, line, "region", "the region is missing")

        def n(col: str, low: int = 0, line: int = line, r: dict[str, str] = r) -> int:
            return _value(name, line, col, r[col], _int(low), _range(low))

        stock = {c[len("stock_") :]: n(c) for c in groups}
        places.append(
            Place(
                code=code,
                region=r["region"],
                population=n("population", 1),
                nonwestern_stock=n("nonwestern_stock"),
                reunified_last_year=n("reunified_last_year"),
                local_employment_rate=_value(
                    name,
                    line,
                    "local_employment_rate",
                    r["local_employment_rate"],
                    _float(0.0, 1.0),
                    "a share from 0 to 1",
                ),
                treatment_services=_value(
                    name,
                    line,
                    "treatment_services",
                    r["treatment_services"],
                    _bool,
                    "yes or no (1 or 0)",
                ),
                quota_households=n("quota_households"),
                stock=stock,
            )
        )
    return places


def _person(name: str, line: int, r: dict[str, str], week: bool) -> Adult:
    if not r["household_id"]:
        raise Problem(name, line, "household_id", "the adult has no household")
    if not r["nationality"]:
        raise Problem(name, line, "nationality", "the nationality is missing")
    return Adult(
        household_id=r["household_id"],
        nationality=r["nationality"],
        male=_value(name, line, "male", r["male"], _bool, "yes or no (1 or 0)"),
        education_level=_value(
            name,
            line,
            "education_level",
            r["education_level"],
            _int(0, EDUCATION_LEVELS - 1),
            _range(0, EDUCATION_LEVELS - 1),
        ),
        age=_value(name, line, "age", r["age"], _float(15, 100), _range(15, 100)),
        prior_work=_value(name, line, "prior_work", r["prior_work"], _bool, "yes or no (1 or 0)"),
        household_size=_value(
            name, line, "household_size", r["household_size"], _int(1, 30), _range(1, 30)
        ),
        arrival_week=(
            _value(name, line, "arrival_week", r["arrival_week"], _int(1, 53), _range(1, 53))
            if week
            else 1
        ),
    )


@dataclass(frozen=True)
class Arrivals:
    adults: list[Adult]
    special: set[str]
    fixed: dict[str, str]  # household → municipality code


def read_adults(path: Path, codes: set[str]) -> Arrivals:
    return adults_from(path.name, *_rows(path, A_COLUMNS), codes)


def adults_content(name: str, content: bytes, codes: set[str]) -> Arrivals:
    """An uploaded A.csv (or an XLSX workbook with its columns)."""
    return adults_from(name, *_table(name, content_lines(name, content), A_COLUMNS), codes)


def adults_from(
    name: str, header: list[str], rows: list[tuple[int, dict[str, str]]], codes: set[str]
) -> Arrivals:
    adults: list[Adult] = []
    special: set[str] = set()
    fixed: dict[str, str] = {}
    count: dict[str, int] = {}
    size: dict[str, tuple[int, int, int]] = {}  # household → (size, week, first line)
    for line, r in rows:
        a = _person(name, line, r, week=True)
        adults.append(a)
        h = a.household_id
        count[h] = count.get(h, 0) + 1
        if h in size and size[h][:2] != (a.household_size, a.arrival_week):
            col = "household_size" if size[h][0] != a.household_size else "arrival_week"
            raise Problem(name, line, col, f"differs from household {h}'s row {size[h][2]}")
        size.setdefault(h, (a.household_size, a.arrival_week, line))
        if count[h] > a.household_size:
            raise Problem(
                name,
                line,
                "household_size",
                f"household {h} has more adults ({count[h]}) than members ({a.household_size})",
            )
        if "special_needs" in header and _value(
            name, line, "special_needs", r["special_needs"] or "0", _bool, "yes or no (1 or 0)"
        ):
            special.add(h)
        code = r.get("fixed_municipality", "")
        if code:
            if code not in codes:
                raise Problem(
                    name, line, "fixed_municipality", f"{code} is not in the municipalities"
                )
            fixed[h] = code
    return Arrivals(adults, special, fixed)


def read_history(path: Path, codes: set[str]) -> list[PastAdult]:
    return history_from(path.name, *_rows(path, H_COLUMNS), codes)


def history_from(
    name: str, header: list[str], rows: list[tuple[int, dict[str, str]]], codes: set[str]
) -> list[PastAdult]:
    optional = [c for c in ("employed_within_1y", "employed_within_2y") if c in header]
    out = []
    for line, r in rows:
        a = _person(name, line, r, week=False)
        code = r["municipality_code"]
        if code not in codes:
            shown = code or "(empty)"
            raise Problem(name, line, "municipality_code", f"{shown} is not in the municipalities")
        if not r["employed_within_3y"]:
            raise Problem(name, line, "employed_within_3y", "the outcome is missing")
        y3 = _value(
            name, line, "employed_within_3y", r["employed_within_3y"], _bool, "yes or no (1 or 0)"
        )
        more = {
            c: _value(name, line, c, r[c], _bool, "yes or no (1 or 0)") if r[c] else None
            for c in optional
        }
        cohort = (
            _value(name, line, "arrival_year", r["arrival_year"], _int(1950, 2200), "a year")
            if r.get("arrival_year")
            else 0
        )
        out.append(
            PastAdult(
                adult=a,
                municipality=code,
                employed_3y=y3,
                employed_1y=more.get("employed_within_1y"),
                employed_2y=more.get("employed_within_2y"),
                cohort=cohort,
            )
        )
    return out


@dataclass(frozen=True)
class RunResult:
    model: EmploymentModel
    households: int
    assignment: dict[str, str]  # household → municipality
    expected: float  # predicted adults in work
    random_expected: float  # the same, mean of quota-random assignments
    outcome: engine.Outcome


def run(m_path: Path, a_path: Path, h_path: Path, out_path: Path, seed: int = 0) -> RunResult:
    """Read and check the files, train on H, assign A within M's quotas, and write the
    assignment (only when everything succeeded)."""
    places = read_municipalities(m_path)
    codes = {p.code for p in places}
    arrivals = read_adults(a_path, codes)
    history = read_history(h_path, codes)
    households = len({a.household_id for a in arrivals.adults})
    quota_sum = sum(p.quota_households for p in places)
    if quota_sum != households:
        raise Problem(
            m_path.name,
            None,
            "quota_households",
            f"the quotas sum to {quota_sum}, but {a_path.name} has {households} households",
        )
    model = train(history, places)
    a = model.arrays(arrivals.adults)
    index = {p.code: i for i, p in enumerate(places)}
    special = np.array([h in arrivals.special for h in a.household_ids])
    treatment = model.world.treatment.astype(bool)
    if special.sum() > model.world.quota[treatment].sum():
        raise Problem(
            a_path.name,
            None,
            "special_needs",
            "more households need treatment services than the quotas of those municipalities",
        )
    hh = {h: i for i, h in enumerate(a.household_ids)}
    fixed = {hh[h]: index[c] for h, c in arrivals.fixed.items()}
    outcome = engine.assign(
        model,
        a,
        model.world.codes,
        len(model.groups),
        model.world.quota,
        treatment,
        special,
        fixed=fixed,
    )
    rng = np.random.default_rng(seed)
    random_expected = float(
        np.mean(
            [
                model.expected_employed(
                    a, engine.quota_random(model.world.quota, treatment, special, rng)
                )
                for _ in range(5)
            ]
        )
    )
    result = {
        a.household_ids[h]: model.world.codes[int(m)] for h, m in enumerate(outcome.assignment)
    }
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=".assignment-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
            w = exports.csv_writer(f, bom=False, delimiter=",")
            w.writerow(["household_id", "municipality_code"])
            for h, code in result.items():
                w.writerow([h, code])
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return RunResult(model, households, result, outcome.expected, random_expected, outcome)


def card_lines(card: ModelCard) -> list[str]:
    """The model card as text lines (the command prints them)."""
    lines = [
        f"Model: {card.method}",
        f"Data: {card.data_period}; {card.n_train} adults trained on, {card.n_holdout} held out ({card.holdout})",
        f"Features: {', '.join(card.features)}",
    ]
    for m in card.metrics:
        lines.append(
            f"Within {m.horizon} year(s), held out: AUC {m.auc:.3f}, Brier {m.brier:.4f} "
            f"(base rate only: {m.brier_base:.4f}), observed {m.base_rate:.1%}"
        )
        lines.append(
            "  reliability (predicted → observed, n): "
            + "; ".join(f"{b.predicted:.2f} → {b.observed:.2f} ({b.n})" for b in m.reliability)
        )
        for label, subs in (("sex", m.by_sex), ("age", m.by_age), ("group", m.by_group)):
            lines.append(
                f"  by {label}: "
                + "; ".join(f"{s.name} {s.predicted:.1%} vs {s.observed:.1%} ({s.n})" for s in subs)
            )
    lines.append("Known limits: " + " ".join(card.known_limits))
    return lines


def write_files(world: SyntheticWorld, folder: Path) -> tuple[Path, Path, Path]:
    """The world as the file command's M.csv, A.csv and H.csv (with the arrival year and the
    1- and 2-year outcomes in H, and special needs in A)."""
    m_path, a_path, h_path = folder / "M.csv", folder / "A.csv", folder / "H.csv"
    groups = sorted({g for p in world.places for g in p.stock})
    with m_path.open("w", newline="", encoding="utf-8") as f:
        w = exports.csv_writer(f, bom=False, delimiter=",")
        w.writerow([*M_COLUMNS, *[f"stock_{g}" for g in groups]])
        for p in world.places:
            w.writerow(
                [
                    p.code,
                    p.region,
                    p.population,
                    p.nonwestern_stock,
                    p.reunified_last_year,
                    p.local_employment_rate,
                    int(p.treatment_services),
                    p.quota_households,
                    *[p.stock.get(g, 0) for g in groups],
                ]
            )
    person = list(PERSON_COLUMNS)

    def row(a: Adult) -> list[object]:
        return [
            a.household_id,
            a.nationality,
            int(a.male),
            a.education_level,
            int(a.age),
            int(a.prior_work),
            a.household_size,
        ]

    with a_path.open("w", newline="", encoding="utf-8") as f:
        w = exports.csv_writer(f, bom=False, delimiter=",")
        w.writerow([*person, "arrival_week", "special_needs"])
        for a in world.arrivals:
            w.writerow([*row(a), a.arrival_week, int(a.household_id in world.special_needs)])
    with h_path.open("w", newline="", encoding="utf-8") as f:
        w = exports.csv_writer(f, bom=False, delimiter=",")
        w.writerow(
            [
                *person,
                "municipality_code",
                "employed_within_3y",
                "employed_within_1y",
                "employed_within_2y",
                "arrival_year",
            ]
        )
        for h in world.history:
            w.writerow(
                [
                    *row(h.adult),
                    h.municipality,
                    int(h.employed_3y),
                    int(bool(h.employed_1y)),
                    int(bool(h.employed_2y)),
                    h.cohort,
                ]
            )
    return m_path, a_path, h_path
