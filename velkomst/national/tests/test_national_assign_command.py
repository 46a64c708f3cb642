"""`python -m velkomst national-assign` (NAT-1, NAT-2) on small files: an assignment that holds
every quota, the model's validation and the uplift printed; bad input named by file, row and
column with nothing written."""

import csv
import io
from functools import cache

import pytest
from django.core.management import CommandError, call_command

from velkomst.engines.national.synthetic import generate
from velkomst.national.files import write_files


@cache
def world():
    return generate(
        seed=5, n_municipalities=10, n_households=120, history_cohorts=2, history_households=400
    )


@pytest.fixture
def files(tmp_path):
    return write_files(world(), tmp_path)


def run(m, a, h, out):
    stdout = io.StringIO()
    call_command(
        "national-assign",
        "--municipalities",
        str(m),
        "--adults",
        str(a),
        "--history",
        str(h),
        "--out",
        str(out),
        stdout=stdout,
    )
    return stdout.getvalue()


def read(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_assigns_every_household_within_quotas(files, tmp_path):
    # REQ: NAT-1
    # REQ: NAT-2
    m, a, h = files
    # a documented job offer: household h0 is fixed to the municipality with the largest quota
    biggest = max(read(m), key=lambda r: int(r["quota_households"]))["municipality_code"]

    def fix_h0(rows, header):
        header.append("fixed_municipality")
        for r in rows:
            r["fixed_municipality"] = biggest if r["household_id"] == "h0" else ""

    rewrite(a, fix_h0)
    out = tmp_path / "assignment.csv"
    printed = run(m, a, h, out)
    rows = read(out)
    assert next(r for r in rows if r["household_id"] == "h0")["municipality_code"] == biggest
    assert list(rows[0]) == ["household_id", "municipality_code"]
    households = {r["household_id"] for r in read(a)}
    assert sorted(r["household_id"] for r in rows) == sorted(households)
    quota = {r["municipality_code"]: int(r["quota_households"]) for r in read(m)}
    for code in quota:
        assert sum(1 for r in rows if r["municipality_code"] == code) <= quota[code]
    treatment = {r["municipality_code"] for r in read(m) if r["treatment_services"] == "1"}
    needy = {r["household_id"] for r in read(a) if r["special_needs"] == "1"}
    assert needy and all(
        r["municipality_code"] in treatment for r in rows if r["household_id"] in needy
    )
    assert "Within 3 year(s), held out: AUC" in printed
    assert "by sex: women" in printed and "reliability" in printed
    assert "quota-random" in printed and "uplift" in printed


def rewrite(path, change):
    rows = read(path)
    header = list(rows[0])
    change(rows, header)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def set_cell(row, column, value):
    def change(rows, header):
        rows[row][column] = value

    return change


def drop_column(column):
    def change(rows, header):
        header.remove(column)

    return change


def shift_quota(rows, header):
    rows[0]["quota_households"] = str(int(rows[0]["quota_households"]) + 1)


@pytest.mark.parametrize(
    ("which", "change", "expected"),
    [
        ("M", set_cell(2, "population", "-5"), "M.csv, row 4, column population"),
        (
            "M",
            set_cell(0, "local_employment_rate", "0,7x"),
            "M.csv, row 2, column local_employment_rate",
        ),
        (
            "M",
            shift_quota,
            "M.csv, column quota_households: the quotas sum to 121, but A.csv has 120",
        ),
        ("M", set_cell(1, "municipality_code", ""), "M.csv, row 3, column municipality_code"),
        (
            "A",
            set_cell(4, "household_id", ""),
            "A.csv, row 6, column household_id: the adult has no household",
        ),
        ("A", set_cell(0, "age", "abc"), "A.csv, row 2, column age: 'abc' is not a number"),
        ("A", set_cell(3, "education_level", "7"), "A.csv, row 5, column education_level"),
        (
            "H",
            drop_column("employed_within_3y"),
            "H.csv, row 1, column employed_within_3y: the column is missing",
        ),
        (
            "H",
            set_cell(9, "employed_within_3y", ""),
            "H.csv, row 11, column employed_within_3y: the outcome is missing",
        ),
        (
            "H",
            set_cell(0, "municipality_code", "999"),
            "H.csv, row 2, column municipality_code: 999 is not in the municipalities",
        ),
    ],
)
def test_bad_input_is_named_and_nothing_written(files, tmp_path, which, change, expected):
    # REQ: NAT-1
    m, a, h = files
    rewrite({"M": m, "A": a, "H": h}[which], change)
    out = tmp_path / "assignment.csv"
    with pytest.raises(CommandError) as err:
        run(m, a, h, out)
    assert expected in str(err.value)
    assert not out.exists()
    assert not list(tmp_path.glob(".assignment-*"))


def test_municipality_missing_from_reference_for_the_history(files, tmp_path):
    # REQ: NAT-1
    m, a, h = files
    first_code = read(m)[0]["municipality_code"]
    quota = int(read(m)[0]["quota_households"])

    def drop_first(rows, header):
        del rows[0]
        rows[0]["quota_households"] = str(int(rows[0]["quota_households"]) + quota)

    rewrite(m, drop_first)
    line = next(i for i, r in enumerate(read(h), start=2) if r["municipality_code"] == first_code)
    with pytest.raises(CommandError, match=f"H.csv, row {line}, column municipality_code"):
        run(m, a, h, tmp_path / "assignment.csv")
