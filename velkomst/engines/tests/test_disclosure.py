"""Suppression of small counts (MI-6): primary and complementary suppression, and a property test
that no hidden count can be worked out by subtraction from the cells shown and the totals.

Whether a hidden cell can be worked out is decided here independently of the engine's graph
reasoning: by linear algebra over the additive relations of the published table (a hidden cell is
recoverable exactly when its unit vector lies in the row space of the relations restricted to the
hidden cells)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.engines.disclosure import (
    PRIMARY,
    Reason,
    figure_reason,
    suppress_breakdowns,
    suppress_table,
)

Cell = tuple[int, int]


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows]
    rank, width = 0, len(matrix[0]) if matrix else 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column] != 0:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def recoverable(relations: list[dict[object, int]], hidden: set[object]) -> set[object]:
    """The hidden cells whose value follows from the relations (each: cell -> coefficient, the
    weighted sum being zero) and the shown cells."""
    order = sorted(hidden, key=repr)
    rows = [[Fraction(rel.get(cell, 0)) for cell in order] for rel in relations]
    rows = [row for row in rows if any(row)]
    base = _rank(rows) if rows else 0
    found = set()
    for i, cell in enumerate(order):
        unit = [Fraction(int(j == i)) for j in range(len(order))]
        if _rank([*rows, unit]) == base:
            found.add(cell)
    return found


def _table_relations(rows: int, columns: int) -> list[dict[object, int]]:
    """The grid with totals (row ``rows``: column totals; column ``columns``: row totals)."""
    relations: list[dict[object, int]] = []
    for r in range(rows + 1):
        relation: dict[object, int] = {(r, c): 1 for c in range(columns)}
        relation[(r, columns)] = -1
        relations.append(relation)
    for c in range(columns + 1):
        relation = {(r, c): 1 for r in range(rows)}
        relation[(rows, c)] = -1
        relations.append(relation)
    return relations


def _hidden_of(table, rows: int, columns: int) -> dict[Cell, Reason]:
    hidden: dict[Cell, Reason] = {}
    for r in range(rows):
        for c in range(columns):
            if table.cells[r][c]:
                hidden[(r, c)] = table.cells[r][c]
        if table.row_totals[r]:
            hidden[(r, columns)] = table.row_totals[r]
    for c in range(columns):
        if table.column_totals[c]:
            hidden[(rows, c)] = table.column_totals[c]
    if table.grand_total:
        hidden[(rows, columns)] = table.grand_total
    return hidden


def test_counts_of_one_to_four_are_hidden_and_zero_is_shown():
    # REQ: MI-6
    table = suppress_table([[0, 3, 12], [0, 20, 9]], 5)
    assert table.cells[0][0] is None and table.cells[1][0] is None  # zeros shown
    assert table.cells[0][1] == Reason.SMALL_COUNT


def test_the_complementary_cell_stops_subtraction_from_the_total():
    # REQ: MI-6
    # women 3, men 37 of 40: 40 - 37 gives the 3 away, so the men are hidden too
    result = suppress_breakdowns(40, {"sex": {"F": 3, "M": 37}, "age": {"18-29": 20, "30+": 20}}, 5)
    assert result.groups["sex"] == {"F": Reason.SMALL_COUNT, "M": Reason.COMPLEMENTARY}
    assert result.groups["age"] == {} and result.total is None


def test_the_next_smallest_group_is_the_complement():
    # REQ: MI-6
    result = suppress_breakdowns(60, {"age": {"a": 2, "b": 30, "c": 8, "d": 20}}, 5)
    assert result.groups["age"] == {"a": Reason.SMALL_COUNT, "c": Reason.COMPLEMENTARY}


def test_a_small_total_is_hidden_in_every_breakdown_with_a_complement_in_each():
    # REQ: MI-6
    result = suppress_breakdowns(4, {"sex": {"F": 0, "M": 4}, "age": {"a": 2, "b": 2}}, 5)
    assert result.total == Reason.SMALL_COUNT
    assert result.groups["sex"] == {"M": Reason.SMALL_COUNT}  # with the total: two hidden
    assert set(result.groups["age"]) == {"a", "b"}


def test_a_breakdown_without_groups_leaves_the_total_alone():
    # REQ: MI-6
    result = suppress_breakdowns(3, {"sex": {}, "age": {"a": 3}}, 5)
    assert result.total == Reason.SMALL_COUNT and result.groups == {
        "sex": {},
        "age": {"a": Reason.SMALL_COUNT},
    }
    assert suppress_breakdowns(30, {"sex": {}}, 5).total is None


def test_a_figure_of_a_small_population_or_numerator_is_hidden():
    # REQ: MI-6
    assert figure_reason(3, 3, 5) == Reason.SMALL_POPULATION
    assert figure_reason(40, 2, 5) == Reason.SMALL_NUMERATOR
    assert figure_reason(40, 0, 5) is None  # 0 % of 40 names no one
    assert figure_reason(0, 0, 5) is None  # nobody: no value to show
    assert figure_reason(40, None, 5) is None  # hours or kroner are no count


def test_a_bridge_between_two_hidden_rectangles_gets_a_cycle():
    # REQ: MI-6
    # (0,0),(0,1),(1,0),(1,1) and (2,2),(2,3),(3,2),(3,3) hidden (small), plus a small (0,2)
    # joining them: each line has >= 2 hidden, yet (0,2) would be a bridge
    counts = [
        [1, 2, 3, 50],
        [2, 1, 60, 70],
        [40, 50, 1, 2],
        [60, 70, 2, 1],
    ]
    table = suppress_table(counts, 5)
    hidden = _hidden_of(table, 4, 4)
    assert recoverable(_table_relations(4, 4), set(hidden)) == set()


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.integers(1, 4).flatmap(
            lambda columns: st.lists(
                st.lists(
                    st.integers(0, 12) | st.integers(0, 400), min_size=columns, max_size=columns
                ),
                min_size=rows,
                max_size=rows,
            )
        )
    ),
    st.sampled_from([3, 5, 10]),
)
def test_no_hidden_cell_of_a_table_can_be_recovered_by_subtraction(counts, threshold):
    # REQ: MI-6
    rows, columns = len(counts), len(counts[0])
    table = suppress_table(counts, threshold)
    hidden = _hidden_of(table, rows, columns)
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(counts[r][c] for r in range(rows)) for c in range(columns)])
    grid[rows].append(sum(grid[rows]))
    for r in range(rows + 1):
        for c in range(columns + 1):
            small = 0 < grid[r][c] < threshold
            assert ((r, c) in hidden and hidden[(r, c)] == Reason.SMALL_COUNT) == small
    assert recoverable(_table_relations(rows, columns), set(hidden)) == set()


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["sex", "age", "unit"]),
        st.dictionaries(st.sampled_from("abcde"), st.integers(0, 30), min_size=1, max_size=5),
        max_size=3,
    ),
    st.sampled_from([3, 5]),
)
def test_no_hidden_group_of_a_breakdown_can_be_recovered_by_subtraction(breakdowns, threshold):
    # REQ: MI-6
    # each breakdown's groups add up to the one total: take the first one's sum (the others are
    # made to add up to it with a remainder group)
    total = sum(next(iter(breakdowns.values())).values()) if breakdowns else 17
    lines = {}
    for name, groups in breakdowns.items():
        rest = total - sum(groups.values())
        lines[name] = {**groups, "rest": rest} if rest > 0 else dict(groups)
        if rest < 0:
            lines[name] = {"all": total}
    result = suppress_breakdowns(total, lines, threshold)
    relations: list[dict[object, int]] = [
        {**{(name, group): 1 for group in groups}, "total": -1} for name, groups in lines.items()
    ]
    hidden: set[object] = {(name, group) for name, by in result.groups.items() for group in by}
    if result.total is not None:
        hidden.add("total")
    for name, groups in lines.items():
        for group, value in groups.items():
            if 0 < value < threshold:
                assert result.groups[name][group] in PRIMARY
    assert recoverable(relations, hidden) == set()
